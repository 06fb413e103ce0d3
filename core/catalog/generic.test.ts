import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Spec } from "../spec";
import { editablePropertiesFor, specProperties } from ".";

const spec: Spec = { cfn: JSON.parse(readFileSync(new URL("../../resources/spec/cloudformation.json", import.meta.url), "utf8")) };

describe("generic card", () => {
  it("offers every property of any CloudFormation type from the spec, required ones first", () => {
    const fields = specProperties(spec, "AWS::SSM::Parameter");
    expect(fields[0]).toMatchObject({ label: "Type", required: true });
    expect(fields.find((f) => f.label === "Value")).toMatchObject({ type: "string", required: true });
    expect(fields.find((f) => f.label === "Tier")).toMatchObject({ type: "enum" });
    expect(fields.find((f) => f.label === "Name")?.docs).toBe("https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ssm-parameter.html#cfn-ssm-parameter-name");
  });

  it("uses the card's own fields for first-class kinds and the spec for the rest", () => {
    expect(editablePropertiesFor({ type: "AWS::Serverless::Function", kind: "function" }, spec)[0].label).toBe("Runtime");
    expect(editablePropertiesFor({ type: "AWS::EC2::VPC", kind: "generic" }, spec).some((f) => f.label === "CidrBlock")).toBe(true);
    expect(editablePropertiesFor({ type: "Custom::Thing", kind: "generic" }, spec)).toEqual([]);
  });
});
