/** A function that runs on a schedule and keeps its state in a table. */
export const scheduledJob = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Description: A job that runs every hour

Resources:
  HourlyJob:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      CodeUri: src/HourlyJob/
      MemorySize: 128
      Timeout: 60
      Architectures:
        - arm64
      Events:
        # SAM creates an EventBridge rule named HourlyJobEveryHour for this event.
        EveryHour:
          Type: Schedule
          Properties:
            Schedule: rate(1 hour)
            Description: Runs the hourly job
      Environment:
        Variables:
          RUNS_TABLE_NAME: !Ref RunsTable
      Policies:
        - DynamoDBCrudPolicy:
            TableName: !Ref RunsTable

  # One item per run: when it started and what it did.
  RunsTable:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions:
        - AttributeName: runId
          AttributeType: S
      KeySchema:
        - AttributeName: runId
          KeyType: HASH
`;
