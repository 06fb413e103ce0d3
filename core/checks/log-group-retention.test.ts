import { describe, expect, it } from "vitest";
import { checkTemplate } from "./index";

const run = (text: string) => checkTemplate(text, { rules: ["log-group-retention"] }).problems;

describe("log group retention", () => {
  it("reports a log group without RetentionInDays and offers 30 days", () => {
    const [p] = run("Resources:\n  Logs:\n    Type: AWS::Logs::LogGroup\n    Properties:\n      LogGroupName: /app/logs\n");
    expect(p.message).toBe("Log group Logs has no RetentionInDays: its logs are kept, and billed, forever.");
    expect(p.fix?.operation).toEqual({ op: "setProperty", id: "Logs", path: ["RetentionInDays"], value: 30 });
  });

  it("accepts a log group with a retention", () => {
    expect(run("Resources:\n  Logs:\n    Type: AWS::Logs::LogGroup\n    Properties:\n      RetentionInDays: 14\n")).toEqual([]);
  });
});
