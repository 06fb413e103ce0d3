/** One message published to a topic reaches several consumers: two functions and a queue. */
export const snsFanOut = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Description: Publish an order event once; several consumers react to it

Resources:
  OrdersApi:
    Type: AWS::Serverless::HttpApi

  # Accepts an order and publishes it to the topic.
  PlaceOrder:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      CodeUri: src/PlaceOrder/
      MemorySize: 128
      Timeout: 10
      Architectures:
        - arm64
      Events:
        Post:
          Type: HttpApi
          Properties:
            ApiId: !Ref OrdersApi
            Path: /orders
            Method: post
      Environment:
        Variables:
          ORDER_EVENTS_TOPIC_ARN: !Ref OrderEventsTopic
      Policies:
        - SNSPublishMessagePolicy:
            TopicName: !GetAtt OrderEventsTopic.TopicName

  OrderEventsTopic:
    Type: AWS::SNS::Topic

  # Consumer 1: every order.
  SendConfirmation:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      CodeUri: src/SendConfirmation/
      MemorySize: 128
      Timeout: 10
      Architectures:
        - arm64
      Events:
        OrderPlaced:
          Type: SNS
          Properties:
            Topic: !Ref OrderEventsTopic

  # Consumer 2: only large orders (SNS filters on the message attribute "total").
  FlagLargeOrder:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      CodeUri: src/FlagLargeOrder/
      MemorySize: 128
      Timeout: 10
      Architectures:
        - arm64
      Events:
        LargeOrder:
          Type: SNS
          Properties:
            Topic: !Ref OrderEventsTopic
            FilterPolicy:
              total:
                - numeric:
                    - '>='
                    - 1000

  # Consumer 3: a queue buffers orders for a slower back-office worker.
  FulfilmentQueue:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 60

  FulfilmentSubscription:
    Type: AWS::SNS::Subscription
    Properties:
      TopicArn: !Ref OrderEventsTopic
      Protocol: sqs
      Endpoint: !GetAtt FulfilmentQueue.Arn
      RawMessageDelivery: true

  # Lets the topic (and only this topic) send to the queue.
  FulfilmentQueuePolicy:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues:
        - !Ref FulfilmentQueue
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal:
              Service: sns.amazonaws.com
            Action: sqs:SendMessage
            Resource: !GetAtt FulfilmentQueue.Arn
            Condition:
              ArnEquals:
                aws:SourceArn: !Ref OrderEventsTopic

  Fulfil:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      CodeUri: src/Fulfil/
      MemorySize: 128
      Timeout: 10
      Architectures:
        - arm64
      Events:
        Orders:
          Type: SQS
          Properties:
            Queue: !GetAtt FulfilmentQueue.Arn
            BatchSize: 10
            FunctionResponseTypes:
              - ReportBatchItemFailures

Outputs:
  ApiUrl:
    Value: !Sub https://\${OrdersApi}.execute-api.\${AWS::Region}.\${AWS::URLSuffix}/
`;
