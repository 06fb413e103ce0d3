import { describe, expect, it } from "vitest";
import { checkTemplate } from "./index";

const TEMPLATE = `Transform: AWS::Serverless-2016-10-31
Resources:
  Stream:
    Type: AWS::Kinesis::Stream
    Properties: { ShardCount: 1 }
  Web:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: python3.12
      Events: { Get: { Type: HttpApi, Properties: { Path: /, Method: get } } }
  Capped:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: python3.12
      ReservedConcurrentExecutions: 20
      Events: { Get: { Type: HttpApi, Properties: { Path: /c, Method: get } } }
  Reader:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: python3.12
      Events: { S: { Type: Kinesis, Properties: { Stream: !GetAtt Stream.Arn, StartingPosition: LATEST } } }
`;

const run = (preferences?: Record<string, unknown>) => checkTemplate(TEMPLATE, { rules: ["reserved-concurrency-budget"], preferences }).problems;

describe("reserved concurrency under a concurrency budget", () => {
  it("stays quiet when the person has not set a budget", () => {
    expect(run()).toEqual([]);
  });

  it("reports only the uncapped function behind an unbounded source, and shares what is left of the budget", () => {
    const problems = run({ concurrencyBudget: 100 });
    expect(problems).toHaveLength(1);
    expect(problems[0].resource).toBe("Web");
    expect(problems[0].fix?.operation).toEqual({ op: "setProperty", id: "Web", path: ["ReservedConcurrentExecutions"], value: 80 });
  });

  it("reports reserved concurrency that adds up to more than the budget", () => {
    expect(run({ concurrencyBudget: 10 }).some((p) => p.message === "Reserved concurrency adds up to 20, above your concurrency budget of 10.")).toBe(true);
  });

  it("names the source in the message: the API SAM creates, a queue by its logical ID", () => {
    expect(run({ concurrencyBudget: 100 })[0].message).toBe(
      "Function Web has no reserved concurrency but is invoked by the HTTP API SAM creates (ServerlessHttpApi), which can scale without limit; your concurrency budget is 100.",
    );
  });

  const queue = (scaling: string) => `Transform: AWS::Serverless-2016-10-31
Resources:
  Jobs:
    Type: AWS::SQS::Queue
  Cluster:
    Type: AWS::MSK::Cluster
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: python3.12
      Events:
        Job:
          Type: SQS
          Properties:
            Queue: !GetAtt Jobs.Arn
${scaling}  Consumer:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: python3.12
      Events:
        Orders:
          Type: MSK
          Properties: { Stream: !Ref Cluster, StartingPosition: LATEST, Topics: [orders] }
`;

  it("reports a queue consumer without a maximum concurrency, and not one with it or a Kafka consumer (bounded by partitions)", () => {
    const open = checkTemplate(queue(""), { rules: ["reserved-concurrency-budget"], preferences: { concurrencyBudget: 50 } }).problems;
    expect(open.map((p) => p.resource)).toEqual(["Worker"]);
    expect(open[0].message).toContain("invoked by SQS queue Jobs");
    const capped = checkTemplate(queue("            ScalingConfig: { MaximumConcurrency: 5 }\n"), { rules: ["reserved-concurrency-budget"], preferences: { concurrencyBudget: 50 } }).problems;
    expect(capped).toEqual([]);
  });

  it("ignores a budget that is not a positive number", () => {
    expect(run({ concurrencyBudget: 0 })).toEqual([]);
    expect(run({ concurrencyBudget: "100" })).toEqual([]);
  });
});
