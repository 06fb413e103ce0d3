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
});
