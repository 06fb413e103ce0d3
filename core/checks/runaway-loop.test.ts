import { describe, expect, it } from "vitest";
import { checkTemplate } from "./index";

const only = (text: string) => checkTemplate(text, { rules: ["runaway-loop"] }).problems;

const S3_LOOP = `AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  Uploads:
    Type: AWS::S3::Bucket
  Resize:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      MemorySize: 1024
      Timeout: 10
      Policies:
        - S3CrudPolicy:
            BucketName: !Ref Uploads
      Events:
        Upload:
          Type: S3
          Properties:
            Bucket: !Ref Uploads
            Events: s3:ObjectCreated:*
`;

describe("runaway loop check", () => {
  it("reports an S3 bucket that triggers a function allowed to write back to it, as an error with a cost per trip", () => {
    const [p, ...rest] = only(S3_LOOP);
    expect(rest).toEqual([]);
    expect(p.code).toBe("check/runaway-loop");
    expect(p.severity).toBe("error");
    expect(p.source).toBe("check");
    expect(p.message).toContain("S3 bucket Uploads triggers function Resize");
    expect(p.message).toContain("function Resize can write to S3 bucket Uploads (S3CrudPolicy on Uploads)");
    // 1 request ($0.0000002) + 1 GB × 10 s × $0.0000166667 = $0.0001668667 per trip.
    expect(p.message).toContain("One trip costs up to $0.000167");
    expect(p.message).toContain("$167 per million trips");
    expect(p.message).toContain("$0.0000002 request");
    expect(p.why).toContain("https://docs.aws.amazon.com/lambda/latest/dg/with-s3.html");
    expect(p.resource).toBe("Resize");
    expect(p.line).toBe(17);
  });

  it("offers to limit the S3 trigger to an incoming/ prefix", () => {
    const [p] = only(S3_LOOP);
    expect(p.fix?.operation).toEqual({
      op: "setProperty",
      id: "Resize",
      path: ["Events", "Upload", "Properties", "Filter"],
      value: { S3Key: { Rules: [{ Name: "prefix", Value: "incoming/" }] } },
    });
  });

  it("drops to info once the trigger has a prefix and the write is not scoped", () => {
    const text = S3_LOOP.replace("            Events: s3:ObjectCreated:*", "            Events: s3:ObjectCreated:*\n            Filter:\n              S3Key:\n                Rules:\n                  - Name: prefix\n                    Value: incoming/");
    const [p] = only(text);
    expect(p.severity).toBe("info");
    expect(p.fix).toBeUndefined();
  });

  it("says nothing when the function writes only under a prefix the trigger does not cover", () => {
    const text = `Transform: AWS::Serverless-2016-10-31
Resources:
  Uploads:
    Type: AWS::S3::Bucket
  Resize:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: python3.12
      Policies:
        - Statement:
            - Effect: Allow
              Action: s3:PutObject
              Resource: !Sub "\${Uploads.Arn}/thumbnails/*"
      Events:
        Upload:
          Type: S3
          Properties:
            Bucket: !Ref Uploads
            Events: s3:ObjectCreated:*
            Filter:
              S3Key:
                Rules:
                  - Name: prefix
                    Value: incoming/
`;
    expect(only(text)).toEqual([]);
  });

  it("reports a write scoped to the very prefix that triggers the function", () => {
    const text = `Transform: AWS::Serverless-2016-10-31
Resources:
  Uploads:
    Type: AWS::S3::Bucket
  Resize:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: python3.12
      Policies:
        - Statement:
            - Effect: Allow
              Action: [s3:GetObject, s3:PutObject]
              Resource: !Sub "\${Uploads.Arn}/incoming/resized/*"
      Events:
        Upload:
          Type: S3
          Properties:
            Bucket: !Ref Uploads
            Events: s3:ObjectCreated:*
            Filter: { S3Key: { Rules: [{ Name: prefix, Value: incoming/ }] } }
`;
    const [p] = only(text);
    expect(p.severity).toBe("error");
    expect(p.message).toContain('under "incoming/resized/"');
  });

  it("says nothing when the function reads the bucket but cannot write to it", () => {
    expect(only(S3_LOOP.replace("S3CrudPolicy", "S3ReadPolicy"))).toEqual([]);
  });

  it("says nothing when the function writes to a different bucket", () => {
    const text = S3_LOOP.replace("  Resize:", "  Output:\n    Type: AWS::S3::Bucket\n  Resize:").replace("BucketName: !Ref Uploads", "BucketName: !Ref Output");
    expect(only(text)).toEqual([]);
  });

  it("reports an SQS queue whose consumer sends back to it", () => {
    const text = `Transform: AWS::Serverless-2016-10-31
Resources:
  Jobs:
    Type: AWS::SQS::Queue
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: python3.12
      Policies:
        - SQSSendMessagePolicy:
            QueueName: !GetAtt Jobs.QueueName
      Events:
        Job:
          Type: SQS
          Properties:
            Queue: !GetAtt Jobs.Arn
`;
    const [p] = only(text);
    expect(p.severity).toBe("error");
    expect(p.message).toContain("SQS queue Jobs triggers function Worker");
    expect(p.fix).toBeUndefined();
  });

  it("reports an SNS topic whose subscriber publishes back, as a warning when the subscription filters", () => {
    const text = `Transform: AWS::Serverless-2016-10-31
Resources:
  Orders:
    Type: AWS::SNS::Topic
  Notify:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: python3.12
      Policies:
        - SNSPublishMessagePolicy:
            TopicName: !GetAtt Orders.TopicName
      Events:
        Order:
          Type: SNS
          Properties:
            Topic: !Ref Orders
            FilterPolicy:
              kind: [created]
`;
    const [p] = only(text);
    expect(p.severity).toBe("warning");
    expect(p.message).toContain("SNS topic Orders triggers function Notify (filtered)");
  });

  it("reports a DynamoDB stream consumer that writes the same table, in plain CloudFormation with an IAM role", () => {
    const text = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions: [{ AttributeName: pk, AttributeType: S }]
      KeySchema: [{ AttributeName: pk, KeyType: HASH }]
      StreamSpecification: { StreamViewType: NEW_IMAGE }
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement: [{ Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sts:AssumeRole }]
      Policies:
        - PolicyName: write
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: [dynamodb:UpdateItem]
                Resource: !GetAtt Table.Arn
  Counter:
    Type: AWS::Lambda::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      Role: !GetAtt Role.Arn
      Code: { ZipFile: "exports.handler = async () => {}" }
  Mapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      EventSourceArn: !GetAtt Table.StreamArn
      FunctionName: !Ref Counter
      StartingPosition: LATEST
`;
    const [p] = only(text);
    expect(p.severity).toBe("error");
    expect(p.message).toContain("DynamoDB table Table triggers function Counter");
    expect(p.message).toContain("function Counter can write to DynamoDB table Table");
    expect(p.resource).toBe("Mapping");
  });

  it("follows a loop through two functions and two queues", () => {
    const text = `Transform: AWS::Serverless-2016-10-31
Resources:
  A:
    Type: AWS::SQS::Queue
  B:
    Type: AWS::SQS::Queue
  First:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: python3.12
      Policies: [{ SQSSendMessagePolicy: { QueueName: !GetAtt B.QueueName } }]
      Events: { FromA: { Type: SQS, Properties: { Queue: !GetAtt A.Arn } } }
  Second:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: python3.12
      Policies: [{ SQSSendMessagePolicy: { QueueName: !GetAtt A.QueueName } }]
      Events: { FromB: { Type: SQS, Properties: { Queue: !GetAtt B.Arn } } }
`;
    const problems = only(text);
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toMatch(/function First.*function Second|function Second.*function First/);
  });

  it("prices the writes too when given the regional price table", async () => {
    const { readFile } = await import("node:fs/promises");
    const prices = JSON.parse(await readFile(new URL("../../resources/pricing/us-east-1.json", import.meta.url), "utf8"));
    const [p] = checkTemplate(S3_LOOP, { rules: ["runaway-loop"], prices }).problems;
    // Lambda $0.0001668667 + one S3 PUT $0.000005 = $0.0001718667.
    expect(p.message).toContain("One trip costs up to $0.000172");
    expect(p.message).toContain("$172 per million trips");
    expect(p.message).toContain("S3 PUT");
  });
});

describe("runaway loops through async destinations", () => {
  const template = (trigger: string) => `Transform: AWS::Serverless-2016-10-31
Resources:
  Topic:
    Type: AWS::SNS::Topic
  Jobs:
    Type: AWS::SQS::Queue
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: python3.12
      EventInvokeConfig:
        DestinationConfig:
          OnSuccess:
            Type: SNS
            Destination: !Ref Topic
      Events:
${trigger}`;

  it("reports an SNS-triggered function whose on-success destination is the same topic", () => {
    const [p] = only(template("        Msg: { Type: SNS, Properties: { Topic: !Ref Topic } }\n"));
    expect(p.severity).toBe("error");
    expect(p.message).toContain("function Fn sends successful events to SNS topic Topic");
  });

  it("ignores destinations for a queue-triggered function (destinations apply to asynchronous invocations only)", () => {
    const text = template("        Job: { Type: SQS, Properties: { Queue: !GetAtt Jobs.Arn } }\n").replace("Destination: !Ref Topic", "Destination: !GetAtt Jobs.Arn").replace("Type: SNS\n            Destination", "Type: SQS\n            Destination");
    expect(only(text)).toEqual([]);
  });
});

describe("runaway loop near misses from real templates", () => {
  it("does not count receiving and deleting messages as writing to the queue (serverless-patterns eventbridge-schedule-remove-one-time-schedules)", () => {
    const text = `Transform: AWS::Serverless-2016-10-31
Resources:
  ScheduleQueue:
    Type: AWS::SQS::Queue
  ProcessSchedules:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: nodejs20.x
      Policies:
        - Statement:
            - Effect: Allow
              Action: [sqs:ReceiveMessage, sqs:DeleteMessage, sqs:GetQueueAttributes]
              Resource: !GetAtt ScheduleQueue.Arn
      Events:
        MySQSEvent: { Type: SQS, Properties: { Queue: !GetAtt ScheduleQueue.Arn, BatchSize: 10 } }
`;
    expect(only(text)).toEqual([]);
  });
});

describe("runaway loops through broad permissions", () => {
  it("reports, as a warning, a function allowed to write to every bucket by an AWS managed policy", () => {
    const [p] = only(S3_LOOP.replace("        - S3CrudPolicy:\n            BucketName: !Ref Uploads\n", "        - AmazonS3FullAccess\n"));
    expect(p.severity).toBe("warning");
    expect(p.message).toContain("(AWS managed policy AmazonS3FullAccess)");
    expect(p.message).toContain("a permission on every resource (rather than this one)");
  });

  const EVENTBRIDGE_LOOP = `Transform: AWS::Serverless-2016-10-31
Resources:
  Orders:
    Type: AWS::Events::EventBus
    Properties:
      Name: orders
  Other:
    Type: AWS::Events::EventBus
    Properties:
      Name: other
  Enrich:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: python3.12
      Policies:
        - EventBridgePutEventsPolicy:
            EventBusName: !Ref Orders
      Events:
        Placed:
          Type: EventBridgeRule
          Properties:
            EventBusName: !Ref Orders
            Pattern:
              source: [shop.orders]
`;

  it("reports, as a warning, a function triggered by a rule on a bus it puts events back on (the rule's pattern may or may not match them)", () => {
    const [p, ...rest] = only(EVENTBRIDGE_LOOP);
    expect(rest).toEqual([]);
    expect(p.severity).toBe("warning");
    expect(p.message).toContain("event bus Orders triggers function Enrich");
    expect(p.message).toContain("function Enrich can write to event bus Orders (EventBridgePutEventsPolicy on Orders)");
    expect(p.message).toContain("One trip costs up to $");
  });

  it("says nothing when the function puts its events on another bus", () => {
    const other = EVENTBRIDGE_LOOP.replace("        - EventBridgePutEventsPolicy:\n            EventBusName: !Ref Orders", "        - EventBridgePutEventsPolicy:\n            EventBusName: !Ref Other");
    expect(other).not.toBe(EVENTBRIDGE_LOOP);
    expect(only(other)).toEqual([]);
  });
});
