/**
 * What every validation rule reads: the template as plain JS, the names it declares, the spec,
 * and a way to turn a template path into a line and column.
 */
import { isMap, isScalar, isSeq, isAlias, type Node as YamlNode } from "yaml";
import type { Problem, Severity, TemplateModel } from "../model/types";
import type { ParsedTemplate } from "../template/parse";
import type { Spec } from "../spec/types";
import { isPlainObject } from "./intrinsics";

export type TemplatePath = (string | number)[];

export interface Located {
  line: number;
  column: number;
}

export interface ValidationContext {
  spec: Spec;
  file?: string;
  /** The template as plain JS, intrinsics in long form. */
  template: Record<string, unknown>;
  /** Source text, when known (for the size limit). */
  text?: string;
  /** True when the template uses the SAM transform or AWS::Serverless::* types. */
  isSam: boolean;
  /** Macros (transforms other than AWS's own) the template declares: they may rewrite it before CloudFormation validates it. */
  macros: string[];
  /** Resource logical ID → type ("" when the resource has no string Type). */
  resourceTypes: Map<string, string>;
  parameters: Set<string>;
  conditions: Set<string>;
  mappings: Set<string>;
  /** Line and column of the deepest part of `path` that exists in the source. */
  locate(path: TemplatePath): Located | undefined;
}

export type ValidationInput = ParsedTemplate | TemplateModel;

function isParsed(input: ValidationInput): input is ParsedTemplate {
  return (input as ParsedTemplate).doc !== undefined && (input as ParsedTemplate).value !== undefined;
}

/** The plain template a TemplateModel stands for (sections Flowform keeps only by name get empty bodies). */
function templateFromModel(model: TemplateModel): Record<string, unknown> {
  const resources: Record<string, unknown> = {};
  for (const r of model.resources) {
    const entry: Record<string, unknown> = { Type: r.type };
    if (Object.keys(r.properties).length > 0) entry.Properties = r.properties;
    if (r.condition) entry.Condition = r.condition;
    if (r.dependsOn.length > 0) entry.DependsOn = r.dependsOn;
    if (r.metadata !== undefined) entry.Metadata = r.metadata;
    resources[r.id] = entry;
  }
  const template: Record<string, unknown> = { Resources: resources };
  if (model.isSam) template.Transform = "AWS::Serverless-2016-10-31";
  if (model.parameters.length > 0) template.Parameters = Object.fromEntries(model.parameters.map((p) => [p.name, { Type: p.type }]));
  if (model.conditions.length > 0) template.Conditions = Object.fromEntries(model.conditions.map((c) => [c, true]));
  if (model.mappings.length > 0) template.Mappings = Object.fromEntries(model.mappings.map((m) => [m, {}]));
  if (model.outputs.length > 0) template.Outputs = Object.fromEntries(model.outputs.map((o) => [o.name, { Value: o.value }]));
  if (model.globals) template.Globals = model.globals;
  return template;
}

function keyName(key: unknown): string | undefined {
  return isScalar(key) ? String(key.value) : undefined;
}

/** Locate a path in a yaml document: the key of the deepest existing map entry, or the sequence item. */
function locator(parsed: ParsedTemplate): (path: TemplatePath) => Located | undefined {
  const at = (offset: number): Located => {
    const pos = parsed.lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  return (path) => {
    let node: unknown = parsed.doc.contents;
    let found: Located | undefined = { line: 1, column: 1 };
    for (const key of path) {
      if (isAlias(node)) node = node.resolve(parsed.doc);
      if (isMap(node)) {
        // Duplicate keys: the last one wins, as in the plain value.
        let pair: (typeof node.items)[number] | undefined;
        for (const p of node.items) if (keyName(p.key) === String(key)) pair = p;
        if (!pair) return found;
        const range = (pair.key as { range?: [number, number, number] } | null)?.range;
        if (range) found = at(range[0]);
        node = pair.value;
      } else if (isSeq(node) && typeof key === "number") {
        const item = node.items[key] as YamlNode | undefined;
        if (!item) return found;
        const range = (item as { range?: [number, number, number] }).range;
        if (range) found = at(range[0]);
        node = item;
      } else {
        return found;
      }
    }
    return found;
  };
}

/** Build the context once per template; rules and `validateResource` reuse it. */
export function createValidationContext(input: ValidationInput, spec: Spec): ValidationContext {
  let template: Record<string, unknown>;
  let locate: (path: TemplatePath) => Located | undefined;
  let text: string | undefined;
  let file: string | undefined;
  if (isParsed(input)) {
    template = input.value;
    locate = locator(input);
    text = input.text;
    file = input.file;
  } else {
    template = templateFromModel(input);
    const lines = new Map(input.resources.map((r) => [r.id, r.line]));
    locate = (path) => {
      const line = path[0] === "Resources" && typeof path[1] === "string" ? lines.get(path[1]) : undefined;
      return line ? { line, column: 1 } : undefined;
    };
    file = input.file;
  }
  const resources = isPlainObject(template.Resources) ? template.Resources : {};
  const resourceTypes = new Map<string, string>();
  for (const [id, res] of Object.entries(resources)) {
    // Fn::ForEach loops (AWS::LanguageExtensions) expand into resources at deploy time; they are not resources themselves.
    if (id.startsWith("Fn::ForEach")) continue;
    resourceTypes.set(id, isPlainObject(res) && typeof res.Type === "string" ? res.Type : "");
  }
  const names = (section: unknown) => new Set(isPlainObject(section) ? Object.keys(section) : []);
  const transform = template.Transform;
  const transforms = Array.isArray(transform) ? transform : [transform];
  const isSam =
    transforms.some((t) => typeof t === "string" && t.startsWith("AWS::Serverless")) ||
    [...resourceTypes.values()].some((t) => t.startsWith("AWS::Serverless::"));
  const awsTransforms = /^AWS::(Serverless-\d{4}-\d{2}-\d{2}|LanguageExtensions|Include|CodeDeployBlueGreen|SecretsManager-\d{4}-\d{2}-\d{2})$/;
  const macros = transforms.filter((t): t is string => typeof t === "string" && !awsTransforms.test(t));
  // Rain templates (`!Rain::Embed`, `Rain::Module`, …) are expanded by the rain CLI before CloudFormation sees them.
  if ((text !== undefined && /!Rain::|"Rain::/.test(text)) || (text === undefined && /"Rain::/.test(JSON.stringify(template)))) macros.push("rain");
  return {
    spec,
    file,
    template,
    text,
    isSam,
    macros,
    resourceTypes,
    parameters: names(template.Parameters),
    conditions: names(template.Conditions),
    mappings: names(template.Mappings),
    locate,
  };
}

/** A located validation problem. `path` is the template path; the problem's own path is relative to its resource. */
export function problemAt(
  ctx: ValidationContext,
  severity: Severity,
  code: string,
  path: TemplatePath,
  message: string,
): Problem {
  const pos = ctx.locate(path);
  const inResource = path[0] === "Resources" && typeof path[1] === "string" && path.length >= 2;
  const problem: Problem = { severity, code, message, source: "validate" };
  if (ctx.file) problem.file = ctx.file;
  if (inResource) {
    problem.resource = path[1] as string;
    problem.path = path.slice(2);
  } else {
    problem.path = path;
  }
  if (pos) {
    problem.line = pos.line;
    problem.column = pos.column;
  }
  return problem;
}

/**
 * A problem not yet located. Checkers that try alternatives (unions, anyOf) build many trial
 * problems and throw most away; locating only the kept ones keeps validation fast.
 */
export interface RawProblem {
  severity: Severity;
  code: string;
  path: TemplatePath;
  message: string;
}

export function raw(severity: Severity, code: string, path: TemplatePath, message: string): RawProblem {
  return { severity, code, path, message };
}

export function located(ctx: ValidationContext, problems: RawProblem[]): Problem[] {
  return problems.map((p) => problemAt(ctx, p.severity, p.code, p.path, p.message));
}

/** "Resources.Fn.Properties.Events.Api" style text for messages. */
export function pathText(path: TemplatePath): string {
  return path.map((p) => (typeof p === "number" ? `[${p}]` : p)).join(".").replace(/\.\[/g, "[");
}

/** Text of a path inside a resource, without the "Resources." prefix. */
export function where(path: TemplatePath): string {
  return pathText(path[0] === "Resources" ? path.slice(1) : path);
}
