import { describe, expect, it } from "vitest";
import { checkTemplate } from "./index";

const run = (text: string) => checkTemplate(text, { rules: ["sqs-visibility-timeout"] }).problems;

const template = (queueProps: string, timeout: string, globals = "") => `Transform: AWS::Serverless-2016-10-31
${globals}Resources:
  Jobs:
    Type: AWS::SQS::Queue
${queueProps}  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: python3.12
${timeout}      Events:
        Job: { Type: SQS, Properties: { Queue: !GetAtt Jobs.Arn } }
`;

describe("SQS visibility timeout check", () => {
  it("reports the default 30 s visibility against a 10 s function and offers 60 s", () => {
    const [p] = run(template("", "      Timeout: 10\n"));
    expect(p.severity).toBe("warning");
    expect(p.message).toContain("visibility timeout of 30 s (the default), less than 6× the 10 s timeout of function Worker");
    expect(p.fix?.operation).toEqual({ op: "setProperty", id: "Jobs", path: ["VisibilityTimeout"], value: 60 });
    expect(p.why).toContain("services-sqs-configure.html");
  });

  it("reads the function timeout from Globals", () => {
    const [p] = run(template("    Properties: { VisibilityTimeout: 100 }\n", "", "Globals:\n  Function:\n    Timeout: 20\n"));
    expect(p.message).toContain("100 s, less than 6× the 20 s timeout");
    expect(p.fix?.operation).toMatchObject({ value: 120 });
  });

  it("is an error when the visibility timeout is shorter than the function timeout itself", () => {
    const [p] = run(template("    Properties: { VisibilityTimeout: 60 }\n", "      Timeout: 120\n"));
    expect(p.severity).toBe("error");
    expect(p.message).toContain("Lambda will refuse the event source mapping");
  });

  it("accepts exactly six times the function timeout", () => {
    expect(run(template("    Properties: { VisibilityTimeout: 60 }\n", "      Timeout: 10\n"))).toEqual([]);
  });

  it("accepts the default 30 s against Lambda's default 3 s timeout", () => {
    expect(run(template("", ""))).toEqual([]);
  });
});
