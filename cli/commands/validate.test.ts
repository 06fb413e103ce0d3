import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cliIn, corpus } from "./cli-test-runner";

const { flowform } = cliIn({
  "good.yaml": `Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      VisibilityTimeout: 60\n`,
  "bad.yaml": `Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      VisibilityTimout: 60\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      DisplayName: !GetAtt Missing.Arn\n`,
  "broken.yaml": `Resources:\n  Q: [unclosed\n`,
});

describe("flowform validate", () => {
  it("exits 0 and says valid for a clean template", () => {
    const r = flowform("validate", "good.yaml");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("good.yaml: valid\n");
  });

  it("exits 1 and prints each problem as file:line:column with what and where", () => {
    const r = flowform("validate", "bad.yaml");
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split("\n");
    expect(lines[0]).toBe("bad.yaml:5:7: error cfn/unknown-property Q.Properties.VisibilityTimout: VisibilityTimout is not a property of AWS::SQS::Queue; did you mean VisibilityTimeout?");
    expect(lines[1]).toMatch(/^bad\.yaml:9:\d+: error cfn\/missing-reference T: GetAtt Missing\.Arn names no resource/);
    expect(lines[2]).toBe("bad.yaml: 2 errors, 0 warnings");
  });

  it("exits 2 for a file that does not exist or does not parse, naming the line", () => {
    expect(flowform("validate", "nope.yaml")).toMatchObject({ code: 2, stderr: "nope.yaml: no such file or folder\n" });
    const r = flowform("validate", "broken.yaml");
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^broken\.yaml:\d+:\d+: error yaml\//);
  });

  it("prints JSON with --json and validates a real corpus template", () => {
    const r = flowform("validate", "--json", join(corpus, "cfn-lint/bad/conditions.yaml"));
    expect(r.code).toBe(1);
    const [result] = JSON.parse(r.stdout);
    expect(result.readable).toBe(true);
    expect(result.problems.length).toBeGreaterThan(0);
    expect(result.problems.every((p: { line: number }) => p.line > 0)).toBe(true);
  });
});
