import { describe, expect, it } from "vitest";
import { cliIn } from "./cli-test-runner";

const { flowform } = cliIn({
  "template.yaml": `Transform: AWS::Serverless-2016-10-31
Resources:
  Orders:
    Type: AWS::SQS::Queue
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      CodeUri: src/Worker/
      Events:
        Queue: { Type: SQS, Properties: { Queue: !GetAtt Orders.Arn, BatchSize: 5 } }
`,
  "dup.yaml": `Resources:\n  Q:\n    Type: AWS::SQS::Queue\n  Q:\n    Type: AWS::SNS::Topic\n`,
});

describe("flowform graph", () => {
  it("prints resources with kinds and connections with what they wrote, as JSON", () => {
    const r = flowform("graph", "template.yaml", "--json");
    expect(r.code).toBe(0);
    const g = JSON.parse(r.stdout);
    expect(g.resources.map((x: { id: string; kind: string }) => `${x.id}:${x.kind}`)).toEqual(["Orders:queue", "Worker:function"]);
    const trigger = g.connections.find((c: { kind: string }) => c.kind === "trigger");
    expect(trigger).toMatchObject({ from: "Orders", to: "Worker" });
    expect(trigger.wrote[0]).toMatchObject({ resource: "Worker", path: ["Properties", "Events", "Queue"] });
  });

  it("prints a readable summary without --json", () => {
    const r = flowform("graph", "template.yaml");
    expect(r.stdout.split("\n")[0]).toMatch(/^template\.yaml: 2 resources, \d+ connections$/);
    expect(r.stdout).toContain("Orders -> Worker  trigger");
  });

  it("exits 1 for a template with duplicate keys, naming the line, and 2 for a missing file", () => {
    const r = flowform("graph", "dup.yaml");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^dup\.yaml:4:\d+: error yaml\/duplicate-key/);
    expect(flowform("graph", "nope.yaml").code).toBe(2);
  });
});
