import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { cliIn, corpus } from "./cli-test-runner";

const SAM = `# Orders service
Transform: AWS::Serverless-2016-10-31
Resources:
  Orders:
    Type: AWS::SQS::Queue   # kept as written
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      CodeUri: s3://bucket/worker.zip
      Events:
        Queue: { Type: SQS, Properties: { Queue: !GetAtt Orders.Arn } }
`;

const { dir, flowform } = cliIn({ "template.yaml": SAM, "application.yaml": readFileSync(join(corpus, "sam-translator/input/basic_application.yaml"), "utf8") });

describe("flowform export", () => {
  it("writes the SAM document byte for byte", () => {
    const r = flowform("export", "template.yaml", "--format", "sam");
    expect(r).toMatchObject({ code: 0, stdout: SAM });
  });

  it("writes plain CloudFormation YAML with short forms, from a project folder", () => {
    const r = flowform("export", ".", "--format", "cfn");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Type: AWS::Lambda::EventSourceMapping");
    expect(r.stdout).toContain("EventSourceArn: !GetAtt Orders.Arn");
    expect(r.stdout).not.toContain("AWS::Serverless");
  });

  it("writes JSON to a file with --json -o", () => {
    const r = flowform("export", "template.yaml", "--format", "cfn", "--json", "-o", "out.json");
    expect(r.code).toBe(0);
    const out = JSON.parse(readFileSync(join(dir, "out.json"), "utf8"));
    expect(Object.keys(out.Resources).sort()).toEqual(["Orders", "Worker", "WorkerQueue", "WorkerRole"]);
    expect(parse(flowform("export", "template.yaml", "--format", "cfn").stdout, { logLevel: "error" })).toBeTruthy();
  });

  it("exits 1 and names what still needs the SAM transform", () => {
    // An application from the Serverless Application Repository needs the repository's signed template URL.
    const r = flowform("export", "application.yaml", "--format", "cfn");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("not transformed: BasicApplication: Location in the Serverless Application Repository");
  });

  it("exits 2 on a wrong format or a missing file", () => {
    expect(flowform("export", "template.yaml", "--format", "terraform").code).toBe(2);
    expect(flowform("export", "missing.yaml", "--format", "sam")).toMatchObject({ code: 2, stderr: "missing.yaml: no such file or folder\n" });
  });
});
