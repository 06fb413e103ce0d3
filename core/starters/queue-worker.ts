/** A queue drained by a worker function, with a dead-letter queue for messages that keep failing. */
export const queueWorker = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Description: Queue worker with a dead-letter queue

Resources:
  JobsQueue:
    Type: AWS::SQS::Queue
    Properties:
      # At least 6x the worker's timeout (Lambda docs, "Using Lambda with Amazon SQS").
      VisibilityTimeout: 180
      RedrivePolicy:
        deadLetterTargetArn: !GetAtt JobsDeadLetterQueue.Arn
        # After 5 failed receives a message moves to the dead-letter queue.
        maxReceiveCount: 5

  # Failed messages wait here for 14 days (the maximum) to be inspected or redriven.
  JobsDeadLetterQueue:
    Type: AWS::SQS::Queue
    Properties:
      MessageRetentionPeriod: 1209600

  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      CodeUri: src/Worker/
      MemorySize: 256
      Timeout: 30
      Architectures:
        - arm64
      Events:
        Jobs:
          Type: SQS
          Properties:
            Queue: !GetAtt JobsQueue.Arn
            BatchSize: 10
            # Only the failed messages of a batch are retried.
            FunctionResponseTypes:
              - ReportBatchItemFailures

Outputs:
  JobsQueueUrl:
    Value: !Ref JobsQueue
`;
