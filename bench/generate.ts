/**
 * Realistic generated designs for the benchmarks: a shared HTTP API and repeated "service"
 * units of ten resources each, wired the way real serverless apps are (API routes → functions,
 * functions → tables with CRUD policies and env vars, queue → worker with a DLQ, topic fan-out,
 * bucket uploads → processor). Deterministic: the same size always gives the same template.
 */

export interface GeneratedDesign {
  /** SAM template text. */
  template: string;
  /** flowform.json text with saved positions (so the canvas benchmark measures interaction, not layout). */
  settings: string;
  /** Number of resources written (the canvas shows these plus nothing implicit: the API is explicit). */
  resources: number;
}

const UNIT = 10;

function unit(i: number): string {
  const n = String(i).padStart(4, "0");
  return `
  # Service ${n}: orders with an API, a worker queue, a fan-out topic and an upload bucket
  Orders${n}Table:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions:
        - AttributeName: pk
          AttributeType: S
      KeySchema:
        - AttributeName: pk
          KeyType: HASH
  GetOrders${n}:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/GetOrders${n}/
      Policies:
        - DynamoDBReadPolicy:
            TableName: !Ref Orders${n}Table
      Environment:
        Variables:
          ORDERS${n}TABLE_NAME: !Ref Orders${n}Table
      Events:
        GetOrders:
          Type: HttpApi
          Properties:
            ApiId: !Ref Api
            Method: GET
            Path: /orders${n}
  PutOrder${n}:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/PutOrder${n}/
      Policies:
        - DynamoDBCrudPolicy:
            TableName: !Ref Orders${n}Table
        - SQSSendMessagePolicy:
            QueueName: !GetAtt Work${n}Queue.QueueName
      Environment:
        Variables:
          ORDERS${n}TABLE_NAME: !Ref Orders${n}Table
          WORK${n}QUEUE_URL: !Ref Work${n}Queue
      Events:
        PutOrder:
          Type: HttpApi
          Properties:
            ApiId: !Ref Api
            Method: POST
            Path: /orders${n}
  Work${n}Queue:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 180
      RedrivePolicy:
        deadLetterTargetArn: !GetAtt Work${n}Dlq.Arn
        maxReceiveCount: 5
  Work${n}Dlq:
    Type: AWS::SQS::Queue
  Worker${n}:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/Worker${n}/
      Policies:
        - SNSPublishMessagePolicy:
            TopicName: !GetAtt Events${n}Topic.TopicName
      Environment:
        Variables:
          EVENTS${n}TOPIC_ARN: !Ref Events${n}Topic
      Events:
        Work:
          Type: SQS
          Properties:
            Queue: !GetAtt Work${n}Queue.Arn
            BatchSize: 10
  Events${n}Topic:
    Type: AWS::SNS::Topic
  Notify${n}:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/Notify${n}/
      Events:
        Events:
          Type: SNS
          Properties:
            Topic: !Ref Events${n}Topic
  Uploads${n}Bucket:
    Type: AWS::S3::Bucket
  Process${n}:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/Process${n}/
      Policies:
        - DynamoDBCrudPolicy:
            TableName: !Ref Orders${n}Table
      Environment:
        Variables:
          ORDERS${n}TABLE_NAME: !Ref Orders${n}Table
      Events:
        Upload:
          Type: S3
          Properties:
            Bucket: !Ref Uploads${n}Bucket
            Events: s3:ObjectCreated:*
`;
}

const UNIT_IDS = (n: string) => [
  `GetOrders${n}`, `PutOrder${n}`, `Orders${n}Table`,
  `Work${n}Queue`, `Worker${n}`, `Work${n}Dlq`,
  `Events${n}Topic`, `Notify${n}`,
  `Uploads${n}Bucket`, `Process${n}`,
];

/** A design with about `size` resources (one API plus round((size − 1) / 10) units of ten). */
export function generateDesign(size: number): GeneratedDesign {
  const units = Math.max(1, Math.round((size - 1) / UNIT));
  let template = `AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Description: Generated benchmark design with ${units * UNIT + 1} resources

Globals:
  Function:
    Runtime: nodejs22.x
    Handler: index.handler
    MemorySize: 256
    Timeout: 10
    Architectures: [arm64]

Resources:
  Api:
    Type: AWS::Serverless::HttpApi
`;
  const nodes: Record<string, { x: number; y: number }> = { Api: { x: 0, y: 0 } };
  for (let i = 0; i < units; i++) {
    template += unit(i);
    const n = String(i).padStart(4, "0");
    // Columns: API | functions on the API | table, queue | worker, dlq | topic, bucket | consumers
    const ids = UNIT_IDS(n);
    const columns = [1, 1, 2, 2, 3, 3, 4, 5, 2, 3];
    const rows = [0, 1, 0, 1, 0, 1, 0, 0, 2, 2];
    ids.forEach((id, k) => {
      nodes[id] = { x: columns[k] * 300, y: (i * 3 + rows[k]) * 100 };
    });
  }
  const settings = JSON.stringify({ version: 1, layout: { nodes } }, null, 2) + "\n";
  return { template, settings, resources: units * UNIT + 1 };
}
