import { describe, expect, it } from "vitest";
import { checkTemplate } from "./index";

const run = (text: string) => checkTemplate(text, { rules: ["function-timeout"] }).problems;

const fn = (timeout: string, event: string) => `Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: python3.12
      Timeout: ${timeout}
      Events:
        Get: { Type: ${event}, Properties: { Path: /orders, Method: get } }
`;

describe("function timeout check", () => {
  it("reports a REST API function allowed to run 60 s and offers 29 s", () => {
    const [p] = run(fn("60", "Api"));
    expect(p.message).toBe("Function Api has a timeout of 60 s, but the REST API that calls it waits at most 29 s: callers get a 504 while the function keeps running.");
    expect(p.fix?.operation).toEqual({ op: "setProperty", id: "Api", path: ["Timeout"], value: 29 });
    expect(p.line).toBe(8);
  });

  it("allows 30 s behind an HTTP API but not behind a REST API", () => {
    expect(run(fn("30", "HttpApi"))).toEqual([]);
    expect(run(fn("30", "Api"))).toHaveLength(1);
  });

  it("reports a timeout above Lambda's 900 s maximum as an error", () => {
    const [p] = run(fn("1200", "Schedule").replace("Properties: { Path: /orders, Method: get }", "Properties: { Schedule: rate(1 hour) }"));
    expect(p.severity).toBe("error");
    expect(p.fix?.operation).toMatchObject({ value: 900 });
  });

  it("leaves a long-running queue worker alone", () => {
    expect(run(fn("600", "Schedule").replace("Properties: { Path: /orders, Method: get }", "Properties: { Schedule: rate(1 hour) }"))).toEqual([]);
  });

  it("accepts exactly what each limit allows: 29 s behind a REST API, 31 s is already too long for an HTTP API, 900 s anywhere", () => {
    expect(run(fn("29", "Api"))).toEqual([]);
    expect(run(fn("31", "HttpApi"))).toHaveLength(1);
    expect(run(fn("900", "Schedule").replace("Properties: { Path: /orders, Method: get }", "Properties: { Schedule: rate(1 hour) }"))).toEqual([]);
  });
});
