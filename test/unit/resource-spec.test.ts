import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { attributesOf, describeShape, hasAttribute, isThirdPartyType, propertiesOf, type Spec } from "../../core/spec";

const root = join(import.meta.dirname, "../..");

describe("the bundled resource specification", () => {
  it("is what scripts/build-spec.mjs builds from the installed @aws-cdk/aws-service-spec", () => {
    const r = spawnSync(process.execPath, [join(root, "scripts/build-spec.mjs"), "--check"], { cwd: root, encoding: "utf8", timeout: 120_000 });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });

  const spec: Spec = {
    cfn: JSON.parse(readFileSync(join(root, "resources/spec/cloudformation.json"), "utf8")),
    sam: JSON.parse(readFileSync(join(root, "resources/spec/sam.json"), "utf8")),
  };

  it("knows every CloudFormation type's properties, required flags, nested types and GetAtt attributes", () => {
    expect(Object.keys(spec.cfn.resources).length).toBeGreaterThan(1500);
    const fn = spec.cfn.resources["AWS::Lambda::Function"];
    expect(fn.p.Code).toEqual({ t: { r: "AWS::Lambda::Function.Code" }, req: 1 });
    expect(propertiesOf(spec, "AWS::Lambda::Function.Code")).toHaveProperty("S3Bucket");
    expect(fn.p.PackageType.enum).toEqual(["Image", "Zip"]);
    expect(attributesOf(spec, "AWS::SQS::Queue")).toEqual(["Arn", "QueueName", "QueueUrl"]);
    expect(describeShape(fn.p.Layers.t)).toBe("List of String");
  });

  it("answers GetAtt for SAM types through the resource SAM generates, and accepts types it cannot know", () => {
    expect(hasAttribute(spec, "AWS::Serverless::Function", "Arn")).toBe(true);
    expect(hasAttribute(spec, "AWS::Serverless::SimpleTable", "StreamArn")).toBe(true);
    expect(hasAttribute(spec, "AWS::SQS::Queue", "Url")).toBe(false);
    expect(hasAttribute(spec, "AWS::CloudFormation::Stack", "Outputs.BucketName")).toBe(true);
    expect(isThirdPartyType("Custom::Anything") && isThirdPartyType("MyOrg::X::Y") && !isThirdPartyType("AWS::SQS::Queue")).toBe(true);
  });

  it("carries the SAM schema for every AWS::Serverless type and Globals", () => {
    expect(Object.keys(spec.sam!.resources)).toEqual(expect.arrayContaining(["AWS::Serverless::Function", "AWS::Serverless::Api", "AWS::Serverless::HttpApi", "AWS::Serverless::SimpleTable", "AWS::Serverless::StateMachine", "AWS::Serverless::LayerVersion"]));
    expect(spec.sam!.globals.$ref).toBe("#/definitions/__main____Globals");
  });
});
