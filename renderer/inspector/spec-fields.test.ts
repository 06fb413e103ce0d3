import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { CloudFormationSpec } from "../../core/spec";
import { specProperties } from "./spec-fields";

const spec = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../resources/spec/cloudformation.json"), "utf8")) as CloudFormationSpec;

describe("fields of resources without a card, from the CloudFormation spec", () => {
  it("offers a log group's retention as a number and its class as a choice", () => {
    const fields = specProperties(spec, "AWS::Logs::LogGroup");
    const retention = fields.find((f) => f.label === "RetentionInDays");
    expect(retention?.type).toBe("number");
    expect(fields.find((f) => f.label === "LogGroupName")?.type).toBe("string");
    expect(fields.every((f) => f.docs?.includes("aws-resource-logs-loggroup"))).toBe(true);
  });

  it("puts required properties first", () => {
    const fields = specProperties(spec, "AWS::IAM::Role");
    expect(fields[0]).toMatchObject({ label: "AssumeRolePolicyDocument", required: true, type: "json" });
  });

  it("has nothing to offer for a type the spec does not know", () => {
    expect(specProperties(spec, "Custom::Thing")).toEqual([]);
  });
});
