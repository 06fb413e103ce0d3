/**
 * Template and resource structure: known top-level sections, a Resources mapping, and each
 * resource being a mapping with a Type and only known resource attributes.
 * Source: AWS CloudFormation User Guide, "Template anatomy" and "Resource attribute reference".
 */
import type { Problem } from "../../model/types";
import { problemAt, type ValidationContext } from "../context";
import { isPlainObject } from "../intrinsics";
import { closest } from "../suggest";

const SECTIONS = [
  "AWSTemplateFormatVersion",
  "Description",
  "Metadata",
  "Parameters",
  "Rules",
  "Mappings",
  "Conditions",
  "Transform",
  "Resources",
  "Outputs",
];

const RESOURCE_ATTRIBUTES = [
  "Type",
  "Properties",
  "DependsOn",
  "Condition",
  "Metadata",
  "DeletionPolicy",
  "UpdateReplacePolicy",
  "CreationPolicy",
  "UpdatePolicy",
  // Custom resources and some registry types carry a Version attribute.
  "Version",
];

/** SAM adds resource attributes of its own (SAM developer guide, "AWS SAM template anatomy"). */
const SAM_RESOURCE_ATTRIBUTES = ["Connectors", "IgnoreGlobals"];

export function checkTemplateStructure(ctx: ValidationContext): Problem[] {
  const problems: Problem[] = [];
  const t = ctx.template;
  for (const key of Object.keys(t)) {
    if (SECTIONS.includes(key) || (key === "Globals" && ctx.isSam)) continue;
    if (key.startsWith("Fn::ForEach")) continue;
    const hint = closest(key, SECTIONS);
    problems.push(
      problemAt(ctx, "error", "cfn/unknown-section", [key], `Unknown top-level section ${key}${hint ? `; did you mean ${hint}?` : ""}`),
    );
  }
  if (!("Resources" in t)) {
    problems.push(problemAt(ctx, "error", "cfn/no-resources", [], "The template has no Resources section; CloudFormation requires at least one resource"));
  } else if (!isPlainObject(t.Resources) || Object.keys(t.Resources).length === 0) {
    problems.push(problemAt(ctx, "error", "cfn/no-resources", ["Resources"], "Resources must be a mapping with at least one resource"));
  }
  for (const section of ["Parameters", "Mappings", "Conditions", "Outputs", "Metadata", "Rules"]) {
    if (section in t && !isPlainObject(t[section])) {
      const empty = t[section] === null;
      problems.push(problemAt(ctx, empty ? "warning" : "error", "cfn/section-shape", [section], empty ? `${section} is empty; remove the key or add entries` : `${section} must be a mapping`));
    }
  }
  if ("AWSTemplateFormatVersion" in t && t.AWSTemplateFormatVersion !== "2010-09-09" && !(t.AWSTemplateFormatVersion instanceof Date)) {
    problems.push(
      problemAt(ctx, "error", "cfn/format-version", ["AWSTemplateFormatVersion"], `AWSTemplateFormatVersion must be "2010-09-09" (found ${JSON.stringify(t.AWSTemplateFormatVersion)})`),
    );
  }
  // Fn::ForEach exists only through the AWS::LanguageExtensions transform (AWS CloudFormation User Guide,
  // "Fn::ForEach": "you must declare the AWS::LanguageExtensions transform").
  const transforms = Array.isArray(t.Transform) ? t.Transform : [t.Transform];
  if (!transforms.includes("AWS::LanguageExtensions")) {
    for (const section of ["Resources", "Outputs", "Conditions"]) {
      if (!isPlainObject(t[section])) continue;
      for (const key of Object.keys(t[section])) {
        if (key.startsWith("Fn::ForEach")) problems.push(problemAt(ctx, "error", "cfn/foreach-transform", [section, key], `${key} needs the AWS::LanguageExtensions transform (add it to Transform)`));
      }
    }
  }
  if (isPlainObject(t.Parameters) && isPlainObject(t.Resources)) {
    // A parameter's name must be "unique among all logical names within the template" (AWS CloudFormation
    // User Guide, Parameters section), or `Ref` could mean either.
    for (const name of Object.keys(t.Parameters)) {
      if (name in t.Resources) problems.push(problemAt(ctx, "error", "cfn/duplicate-logical-id", ["Parameters", name], `Parameter ${name} has the same name as a resource; logical names must be unique in a template`));
    }
  }
  if ("Description" in t && typeof t.Description !== "string") {
    problems.push(problemAt(ctx, "error", "cfn/description-type", ["Description"], "Description must be a string"));
  }
  if (isPlainObject(t.Parameters)) {
    for (const [name, p] of Object.entries(t.Parameters)) {
      if (name.startsWith("Fn::ForEach")) continue;
      if (!isPlainObject(p) || typeof p.Type !== "string") {
        problems.push(problemAt(ctx, "error", "cfn/parameter-type", ["Parameters", name], `Parameter ${name} needs a Type (String, Number, CommaDelimitedList, List<…>, AWS::SSM::Parameter::Value<…>, …)`));
      }
    }
  }
  if (isPlainObject(t.Outputs)) {
    for (const [name, o] of Object.entries(t.Outputs)) {
      if (name.startsWith("Fn::ForEach")) continue;
      if (!isPlainObject(o) || !("Value" in o)) {
        problems.push(problemAt(ctx, "error", "cfn/output-value", ["Outputs", name], `Output ${name} needs a Value`));
      }
    }
  }
  return problems;
}

/** Shape of one resource entry: a mapping with a string Type and known attributes. */
export function checkResourceStructure(ctx: ValidationContext, id: string): Problem[] {
  const problems: Problem[] = [];
  const res = (ctx.template.Resources as Record<string, unknown>)[id];
  const base = ["Resources", id];
  if (!/^[A-Za-z0-9]+$/.test(id)) {
    problems.push(problemAt(ctx, "error", "cfn/logical-id", base, `Logical ID ${id} must be alphanumeric (A-Z, a-z, 0-9)`));
  }
  if (!isPlainObject(res)) {
    problems.push(problemAt(ctx, "error", "cfn/resource-shape", base, `Resource ${id} must be a mapping with a Type`));
    return problems;
  }
  if (typeof res.Type !== "string") {
    problems.push(problemAt(ctx, "error", "cfn/resource-type-missing", base, `Resource ${id} has no Type`));
  }
  const allowed = ctx.isSam ? [...RESOURCE_ATTRIBUTES, ...SAM_RESOURCE_ATTRIBUTES] : RESOURCE_ATTRIBUTES;
  for (const key of Object.keys(res)) {
    if (allowed.includes(key)) continue;
    const hint = closest(key, allowed);
    // The SAM transform drops attributes it does not know on serverless resources; CloudFormation rejects them elsewhere.
    const severity = typeof res.Type === "string" && res.Type.startsWith("AWS::Serverless::") ? "warning" : "error";
    problems.push(
      problemAt(ctx, severity, "cfn/unknown-resource-attribute", [...base, key], `${id}.${key} is not a resource attribute${hint ? `; did you mean ${hint}?` : ""} (properties go under Properties)`),
    );
  }
  if ("Properties" in res && !isPlainObject(res.Properties)) {
    problems.push(problemAt(ctx, "error", "cfn/properties-shape", [...base, "Properties"], `${id}.Properties must be a mapping`));
  }
  for (const policy of ["DeletionPolicy", "UpdateReplacePolicy"]) {
    const v = res[policy];
    if (v === undefined || typeof v !== "string") continue;
    if (!["Delete", "Retain", "Snapshot", "RetainExceptOnCreate"].includes(v)) {
      problems.push(problemAt(ctx, "error", "cfn/deletion-policy", [...base, policy], `${id}.${policy} must be Delete, Retain, RetainExceptOnCreate or Snapshot (found ${v})`));
    }
  }
  return problems;
}
