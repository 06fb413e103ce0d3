import { describe, expect, it } from "vitest";
import { importTemplate } from "./import";

describe("importTemplate", () => {
  it("reads parameters, conditions, mappings, outputs, Globals and unknown sections", () => {
    const r = importTemplate(`AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Description: Demo
Parameters:
  Stage:
    Type: String
    Default: dev
    AllowedValues: [dev, prod]
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
Mappings:
  Sizes: { dev: { Memory: 128 } }
Globals:
  Function:
    Timeout: 10
Rules: {}
Custom: {}
Resources:
  Topic:
    Type: AWS::SNS::Topic
    Condition: IsProd
Outputs:
  TopicArn:
    Description: The topic
    Value: !Ref Topic
`);
    const m = r.model!;
    expect(m.isSam).toBe(true);
    expect(m.description).toBe("Demo");
    expect(m.parameters).toEqual([{ name: "Stage", type: "String", default: "dev", description: undefined, allowedValues: ["dev", "prod"], line: 5 }]);
    expect(m.conditions).toEqual(["IsProd"]);
    expect(m.mappings).toEqual(["Sizes"]);
    expect(m.globals).toEqual({ Function: { Timeout: 10 } });
    expect(m.otherSections).toEqual(["Custom"]);
    expect(m.outputs).toEqual([{ name: "TopicArn", value: { Ref: "Topic" }, description: "The topic", line: 23 }]);
    expect(m.resources[0]).toMatchObject({ id: "Topic", kind: "topic", condition: "IsProd", line: 19 });
  });

  it("opens a template with a resource of the wrong shape and says where", () => {
    const r = importTemplate("Resources:\n  Good:\n    Type: AWS::SNS::Topic\n  Bad: 42\n", "t.yaml");
    expect(r.model?.resources.map((x) => x.id)).toEqual(["Good", "Bad"]);
    expect(r.problems).toEqual([expect.objectContaining({ code: "template/resource-shape", resource: "Bad", line: 4, file: "t.yaml" })]);
  });

  it("keeps unknown resource types as generic resources", () => {
    expect(importTemplate("Resources:\n  X:\n    Type: Custom::Widget\n    Properties: { A: 1 }\n").model?.resources[0]).toMatchObject({ kind: "generic", properties: { A: 1 } });
  });

  it("leaves Fn::ForEach loops out of the drawing with an info problem", () => {
    const r = importTemplate("Transform: AWS::LanguageExtensions\nResources:\n  Fn::ForEach::Topics:\n    - Name\n    - [A, B]\n    - Topic${Name}:\n        Type: AWS::SNS::Topic\n");
    expect(r.model?.resources).toEqual([]);
    expect(r.problems[0]).toMatchObject({ severity: "info", code: "template/foreach", line: 3 });
  });

  it("reports an empty file and a missing Resources section", () => {
    expect(importTemplate("").problems[0]).toMatchObject({ code: "template/not-a-mapping", line: 1 });
    expect(importTemplate("Description: x\n").problems[0]).toMatchObject({ code: "template/no-resources" });
  });

  it("reads JSON templates", () => {
    const m = importTemplate('{"Resources": {"Q": {"Type": "AWS::SQS::Queue", "Properties": {"FifoQueue": true}}}}', "t.json").model!;
    expect(m.format).toBe("json");
    expect(m.resources[0]).toMatchObject({ id: "Q", kind: "queue", line: 1 });
  });
});
