/** Files uploaded to a bucket are processed by a function that records them in a table. */
export const s3UploadProcessing = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Description: Process each file uploaded to an S3 bucket and record it in a DynamoDB table

Resources:
  # The bucket has an explicit name so the function's policy can name it without !Ref:
  # a !Ref from the function's role to a bucket that notifies the same function is a
  # circular dependency (bucket -> function -> role -> bucket).
  UploadsBucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub \${AWS::StackName}-\${AWS::AccountId}-uploads

  ProcessUpload:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      CodeUri: src/ProcessUpload/
      MemorySize: 256
      Timeout: 30
      Architectures:
        - arm64
      Events:
        Uploaded:
          Type: S3
          Properties:
            Bucket: !Ref UploadsBucket
            Events: s3:ObjectCreated:*
            Filter:
              S3Key:
                Rules:
                  - Name: prefix
                    Value: incoming/
      Environment:
        Variables:
          FILES_TABLE_NAME: !Ref FilesTable
      Policies:
        - S3ReadPolicy:
            BucketName: !Sub \${AWS::StackName}-\${AWS::AccountId}-uploads
        - DynamoDBWritePolicy:
            TableName: !Ref FilesTable

  FilesTable:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions:
        - AttributeName: key
          AttributeType: S
      KeySchema:
        - AttributeName: key
          KeyType: HASH

Outputs:
  UploadsBucketName:
    Value: !Ref UploadsBucket
`;
