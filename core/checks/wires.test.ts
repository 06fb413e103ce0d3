/**
 * Problems name the wires they are about (model connection ids), so the canvas can badge a wire
 * as well as its nodes: a loop marks every wire it goes round, a trigger problem its trigger wire.
 */
import { describe, expect, it } from "vitest";
import { checkTemplate } from "./index";

function wiresFor(text: string, rule: string, preferences: Record<string, unknown> = {}) {
  const { problems, model } = checkTemplate(text, { rules: [rule], preferences });
  const labelOf = (id: string) => {
    const c = model!.connections.find((x) => x.id === id)!;
    return `${c.kind} ${c.from}->${c.to}`;
  };
  return problems.map((p) => (p.connections ?? []).map(labelOf).sort());
}

const S3_LOOP = `Transform: AWS::Serverless-2016-10-31
Resources:
  Uploads:
    Type: AWS::S3::Bucket
  Resize:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
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

const QUEUE = `Transform: AWS::Serverless-2016-10-31
Resources:
  Jobs:
    Type: AWS::SQS::Queue
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: python3.12
      Timeout: 10
      Events:
        Job: { Type: SQS, Properties: { Queue: !GetAtt Jobs.Arn } }
`;

const API = `Transform: AWS::Serverless-2016-10-31
Resources:
  List:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: python3.12
      Timeout: 60
      Events:
        Get: { Type: Api, Properties: { Path: /orders, Method: get } }
  Quiet:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: python3.12
`;

const STREAM = `Resources:
  Clicks:
    Type: AWS::Kinesis::Stream
    Properties: { ShardCount: 1 }
  Reader:
    Type: AWS::Lambda::Function
    Properties:
      Handler: app.handler
      Runtime: python3.12
      Role: arn:aws:iam::123456789012:role/reader
      Code: { ZipFile: "def handler(e, c): pass" }
  ReaderMapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      EventSourceArn: !GetAtt Clicks.Arn
      FunctionName: !Ref Reader
      StartingPosition: LATEST
`;

describe("wires named by check problems", () => {
  it("marks both wires of an S3 → function → same bucket loop", () => {
    expect(wiresFor(S3_LOOP, "runaway-loop")).toEqual([["access Resize->Uploads", "trigger Uploads->Resize"]]);
  });

  it("marks the trigger wire of an asynchronous source without failure handling", () => {
    expect(wiresFor(S3_LOOP, "async-without-failure-destination")).toEqual([["trigger Uploads->Resize"]]);
  });

  it("marks the queue's trigger wire for a short visibility timeout and a missing DLQ", () => {
    expect(wiresFor(QUEUE, "sqs-visibility-timeout")).toEqual([["trigger Jobs->Worker"]]);
    expect(wiresFor(QUEUE, "stream-without-failure-handling")).toEqual([["trigger Jobs->Worker"]]);
  });

  it("marks a CloudFormation event source mapping's wire for a stream without failure handling", () => {
    expect(wiresFor(STREAM, "stream-without-failure-handling")).toEqual([["trigger Clicks->Reader"]]);
  });

  it("marks the route's wire for a route without an authorizer and a timeout longer than the API waits", () => {
    expect(wiresFor(API, "api-without-authorizer")).toEqual([["trigger ServerlessRestApi->List"]]);
    expect(wiresFor(API, "function-timeout")).toEqual([["trigger ServerlessRestApi->List"]]);
  });

  it("marks the unbounded source's wire under a concurrency budget, and only the function that has one", () => {
    expect(wiresFor(API, "reserved-concurrency-budget", { concurrencyBudget: 100 })).toEqual([["trigger ServerlessRestApi->List"]]);
  });

  it("names no wire for a problem about one resource alone", () => {
    const { problems } = checkTemplate(S3_LOOP, { rules: ["bucket-public-access"] });
    expect(problems).toHaveLength(1);
    expect(problems[0].connections).toBeUndefined();
  });

  it("marks only the function's own notification when one bucket notifies two functions", () => {
    const text = `Resources:
  Uploads:
    Type: AWS::S3::Bucket
    Properties:
      NotificationConfiguration:
        LambdaConfigurations:
          - Event: s3:ObjectCreated:*
            Function: !GetAtt Resize.Arn
          - Event: s3:ObjectRemoved:*
            Function: !GetAtt Audit.Arn
  Resize:
    Type: AWS::Lambda::Function
    Properties:
      Handler: app.handler
      Runtime: python3.12
      Role: arn:aws:iam::123456789012:role/r
      Code: { ZipFile: "x" }
  Audit:
    Type: AWS::Lambda::Function
    Properties:
      Handler: app.handler
      Runtime: python3.12
      Role: arn:aws:iam::123456789012:role/r
      Code: { ZipFile: "x" }
`;
    expect(wiresFor(text, "async-without-failure-destination")).toEqual([["trigger Uploads->Resize"], ["trigger Uploads->Audit"]]);
  });
});
