import { describe, expect, it } from "vitest";
import { checkTemplate } from "./index";

const run = (text: string) => checkTemplate(text, { rules: ["stream-without-failure-handling"] }).problems;

const stream = (props = "") => `Transform: AWS::Serverless-2016-10-31
Resources:
  Clicks:
    Type: AWS::Kinesis::Stream
    Properties: { ShardCount: 1 }
  Reader:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: python3.12
      Events:
        Stream:
          Type: Kinesis
          Properties:
            Stream: !GetAtt Clicks.Arn
            StartingPosition: LATEST
${props}`;

describe("stream or queue trigger without failure handling", () => {
  it("reports a Kinesis mapping with infinite retries and offers a retry limit", () => {
    const [p] = run(stream());
    expect(p.message).toBe(
      "Function Reader reads Kinesis stream Clicks (event Stream) without a retry limit (MaximumRetryAttempts), batch splitting (BisectBatchOnFunctionError) or an on-failure destination: a record that keeps failing is retried until it expires and holds up its shard.",
    );
    expect(p.fix?.operation).toEqual({ op: "setProperty", id: "Reader", path: ["Events", "Stream", "Properties", "MaximumRetryAttempts"], value: 3 });
  });

  it("still reports a limited mapping that drops records with nowhere to go, without a fix", () => {
    const [p] = run(stream("            MaximumRetryAttempts: 2\n            BisectBatchOnFunctionError: true\n"));
    expect(p.message).toContain("without an on-failure destination: records given up on after the retries are lost");
    expect(p.fix).toBeUndefined();
  });

  it("accepts a mapping with a retry limit and an on-failure destination", () => {
    expect(run(stream("            MaximumRetryAttempts: 2\n            DestinationConfig:\n              OnFailure:\n                Destination: arn:aws:sqs:us-east-1:123456789012:dlq\n"))).toEqual([]);
  });

  it("reports an SQS queue feeding a function without a redrive policy, once per queue", () => {
    const text = `Transform: AWS::Serverless-2016-10-31
Resources:
  Jobs:
    Type: AWS::SQS::Queue
  A:
    Type: AWS::Serverless::Function
    Properties: { Handler: a.handler, Runtime: python3.12, Events: { Q: { Type: SQS, Properties: { Queue: !GetAtt Jobs.Arn } } } }
  B:
    Type: AWS::Serverless::Function
    Properties: { Handler: b.handler, Runtime: python3.12, Events: { Q: { Type: SQS, Properties: { Queue: !GetAtt Jobs.Arn } } } }
`;
    const problems = run(text);
    expect(problems).toHaveLength(1);
    expect(problems[0].resource).toBe("Jobs");
    expect(problems[0].message).toContain("has no dead-letter queue (RedrivePolicy)");
  });

  it("accepts an SQS queue with a redrive policy", () => {
    const text = `Transform: AWS::Serverless-2016-10-31
Resources:
  Dlq:
    Type: AWS::SQS::Queue
  Jobs:
    Type: AWS::SQS::Queue
    Properties:
      RedrivePolicy: { deadLetterTargetArn: !GetAtt Dlq.Arn, maxReceiveCount: 3 }
  A:
    Type: AWS::Serverless::Function
    Properties: { Handler: a.handler, Runtime: python3.12, Events: { Q: { Type: SQS, Properties: { Queue: !GetAtt Jobs.Arn } } } }
`;
    expect(run(text)).toEqual([]);
  });

  const table = (props: string) => `Transform: AWS::Serverless-2016-10-31
Resources:
  Orders:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions: [{ AttributeName: id, AttributeType: S }]
      KeySchema: [{ AttributeName: id, KeyType: HASH }]
      StreamSpecification: { StreamViewType: NEW_IMAGE }
  Audit:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: python3.12
      Events:
        Changes:
          Type: DynamoDB
          Properties:
            Stream: !GetAtt Orders.StreamArn
            StartingPosition: TRIM_HORIZON
${props}`;

  it("reports a DynamoDB stream mapping without a retry limit, batch splitting or destination, and accepts one with all three", () => {
    const [p] = run(table(""));
    expect(p.message).toContain("Function Audit reads DynamoDB table Orders (event Changes) without a retry limit (MaximumRetryAttempts), batch splitting (BisectBatchOnFunctionError) or an on-failure destination");
    expect(p.fix?.operation).toEqual({ op: "setProperty", id: "Audit", path: ["Events", "Changes", "Properties", "MaximumRetryAttempts"], value: 3 });
    expect(run(table("            MaximumRetryAttempts: 3\n            BisectBatchOnFunctionError: true\n            DestinationConfig: { OnFailure: { Destination: arn:aws:sqs:us-east-1:123456789012:dlq } }\n"))).toEqual([]);
  });
});
