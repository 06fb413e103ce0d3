/** HTTP API → function → DynamoDB table: the smallest useful web back end. */
export const httpApiCrud = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Description: HTTP API with a function that stores items in a DynamoDB table

Resources:
  # HTTP APIs cost less than REST APIs and are enough for plain JSON endpoints.
  Api:
    Type: AWS::Serverless::HttpApi

  # One function serves both routes; the handler switches on the route.
  ItemsFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      CodeUri: src/ItemsFunction/
      MemorySize: 128
      Timeout: 10
      Architectures:
        - arm64
      Events:
        ListItems:
          Type: HttpApi
          Properties:
            ApiId: !Ref Api
            Path: /items
            Method: get
        CreateItem:
          Type: HttpApi
          Properties:
            ApiId: !Ref Api
            Path: /items
            Method: post
      Environment:
        Variables:
          ITEMS_TABLE_NAME: !Ref ItemsTable
      Policies:
        # Read and write, on this table only.
        - DynamoDBCrudPolicy:
            TableName: !Ref ItemsTable

  # On-demand billing: nothing to pay while idle, no capacity to plan.
  ItemsTable:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions:
        - AttributeName: id
          AttributeType: S
      KeySchema:
        - AttributeName: id
          KeyType: HASH

Outputs:
  ApiUrl:
    Description: Base URL of the API
    Value: !Sub https://\${Api}.execute-api.\${AWS::Region}.\${AWS::URLSuffix}/
`;
