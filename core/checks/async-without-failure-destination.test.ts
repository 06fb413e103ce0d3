import { describe, expect, it } from "vitest";
import { checkTemplate } from "./index";

const run = (text: string) => checkTemplate(text, { rules: ["async-without-failure-destination"] }).problems;

const base = (extra = "", globals = "") => `Transform: AWS::Serverless-2016-10-31
${globals}Resources:
  Topic:
    Type: AWS::SNS::Topic
  Handler:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: python3.12
${extra}      Events:
        Message:
          Type: SNS
          Properties:
            Topic: !Ref Topic
`;

describe("asynchronous trigger without failure handling", () => {
  it("reports a function invoked by SNS with no destination or dead-letter queue, and offers a SAM-created SQS destination", () => {
    const [p, ...rest] = run(base());
    expect(rest).toEqual([]);
    expect(p.severity).toBe("warning");
    expect(p.message).toBe("Function Handler is invoked asynchronously by SNS topic Topic but has no on-failure destination or dead-letter queue: events that still fail after Lambda's retries are dropped.");
    expect(p.why).toContain("invocation-async-error-handling.html");
    expect(p.fix?.operation).toEqual({ op: "setProperty", id: "Handler", path: ["EventInvokeConfig", "DestinationConfig", "OnFailure"], value: { Type: "SQS" } });
  });

  it("accepts an on-failure destination", () => {
    expect(run(base("      EventInvokeConfig:\n        DestinationConfig:\n          OnFailure:\n            Type: SQS\n"))).toEqual([]);
  });

  it("accepts a dead-letter queue set in Globals", () => {
    const globals = "Globals:\n  Function:\n    DeadLetterQueue:\n      Type: SQS\n      TargetArn: arn:aws:sqs:us-east-1:123456789012:dlq\n";
    expect(run(base("", globals))).toEqual([]);
  });

  it("accepts a separate AWS::Lambda::EventInvokeConfig with OnFailure", () => {
    const text = base() + `  Config:
    Type: AWS::Lambda::EventInvokeConfig
    Properties:
      FunctionName: !Ref Handler
      Qualifier: $LATEST
      DestinationConfig:
        OnFailure:
          Destination: arn:aws:sqs:us-east-1:123456789012:dlq
`;
    expect(run(text)).toEqual([]);
  });

  it("leaves synchronous and polled triggers alone", () => {
    const text = `Transform: AWS::Serverless-2016-10-31
Resources:
  Queue:
    Type: AWS::SQS::Queue
  Handler:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: python3.12
      Events:
        Get: { Type: HttpApi, Properties: { Path: /, Method: get } }
        Jobs: { Type: SQS, Properties: { Queue: !GetAtt Queue.Arn } }
`;
    expect(run(text)).toEqual([]);
  });
});

describe("asynchronous trigger wording", () => {
  it("names a CloudWatch Logs subscription and explains that a rule's own DLQ does not cover function failures", () => {
    const text = `Transform: AWS::Serverless-2016-10-31
Resources:
  Logs:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: python3.12
      Events:
        Sub: { Type: CloudWatchLogs, Properties: { LogGroupName: /app, FilterPattern: ERROR } }
  OnEvent:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: python3.12
      Events:
        Rule:
          Type: EventBridgeRule
          Properties:
            Pattern: { source: [app] }
            DeadLetterConfig: { Arn: arn:aws:sqs:us-east-1:123456789012:rule-dlq }
`;
    const problems = run(text);
    expect(problems.find((p) => p.resource === "Logs")?.message).toContain("invoked asynchronously by a CloudWatch Logs subscription");
    expect(problems.find((p) => p.resource === "OnEvent")?.message).toContain("only keeps events EventBridge could not deliver to Lambda");
  });
});
