/**
 * What the emulator needs to know about a submitted template: its resources (with a small
 * stand-in for the SAM transform), the order to create them in, and how to evaluate the
 * intrinsics in Outputs. This is a test double's approximation, not CloudFormation's engine.
 */
import { parseTemplate } from "../../core/template/parse";

export interface EmulatedResource {
  id: string;
  type: string;
  properties: Record<string, unknown>;
  dependsOn: string[];
}

export interface EmulatedTemplate {
  body: string;
  value: Record<string, unknown>;
  description?: string;
  parameters: Record<string, { Type?: string; Default?: unknown; Description?: string; NoEcho?: unknown }>;
  resources: EmulatedResource[];
  outputs: Record<string, { Value: unknown; Description?: string }>;
  transforms: string[];
}

export class TemplateError extends Error {}

const PSEUDO_PARAMETERS = new Set([
  "AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue", "AWS::Partition", "AWS::Region",
  "AWS::StackId", "AWS::StackName", "AWS::URLSuffix",
]);

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** Parse and check a template the way CreateChangeSet/ValidateTemplate reject bad ones (a subset). */
export function readTemplate(body: string): EmulatedTemplate {
  const { parsed, problems } = parseTemplate(body);
  if (!parsed) {
    throw new TemplateError(`Template format error: ${problems[0]?.message ?? "unreadable template"}`);
  }
  const value = parsed.value;
  const rawResources = asRecord(value.Resources);
  if (Object.keys(rawResources).length === 0) {
    throw new TemplateError("Template format error: At least one Resources member must be defined.");
  }
  const transforms = ([] as unknown[]).concat(value.Transform ?? []).filter((t): t is string => typeof t === "string");
  const resources: EmulatedResource[] = [];
  const badTypes: string[] = [];
  for (const [id, raw] of Object.entries(rawResources)) {
    const r = asRecord(raw);
    const type = typeof r.Type === "string" ? r.Type : "";
    if (!/^(AWS::[A-Za-z0-9]+::[A-Za-z0-9]+|Custom::[A-Za-z0-9_@-]+|AWS::CloudFormation::CustomResource)$/.test(type)) badTypes.push(type || "(none)");
    resources.push({
      id,
      type,
      properties: asRecord(r.Properties),
      dependsOn: ([] as unknown[]).concat(r.DependsOn ?? []).filter((d): d is string => typeof d === "string"),
    });
  }
  if (badTypes.length) throw new TemplateError(`Template format error: Unrecognized resource types: [${badTypes.join(", ")}]`);
  const expanded = transforms.includes("AWS::Serverless-2016-10-31") ? expandServerless(resources) : resources;
  const parameters = asRecord(value.Parameters) as EmulatedTemplate["parameters"];
  const known = new Set([...expanded.map((r) => r.id), ...Object.keys(parameters), ...PSEUDO_PARAMETERS]);
  const unresolved = new Set<string>();
  for (const r of expanded) {
    for (const ref of referencesIn(r.properties)) if (!known.has(ref)) unresolved.add(ref);
    for (const dep of r.dependsOn) if (!known.has(dep)) unresolved.add(dep);
  }
  if (unresolved.size) {
    throw new TemplateError(`Template format error: Unresolved resource dependencies [${[...unresolved].join(", ")}] in the Resources block of the template`);
  }
  return {
    body,
    value,
    description: typeof value.Description === "string" ? value.Description : undefined,
    parameters,
    resources: expanded,
    outputs: asRecord(value.Outputs) as EmulatedTemplate["outputs"],
    transforms,
  };
}

/**
 * A very small stand-in for the SAM transform: a function without `Role` gets its own
 * `<Id>Role`, and implicit APIs (`ServerlessHttpApi`, `ServerlessRestApi`) appear when a
 * function has an HttpApi/Api event without an explicit API. Enough for the stack events and
 * outputs to look like a SAM deployment; not the real transform.
 */
function expandServerless(resources: EmulatedResource[]): EmulatedResource[] {
  const out = resources.map((r) => ({ ...r }));
  const ids = new Set(resources.map((r) => r.id));
  const add = (r: EmulatedResource) => {
    if (!ids.has(r.id)) {
      ids.add(r.id);
      out.push(r);
    }
  };
  for (const r of out.slice(0, resources.length)) {
    if (r.type !== "AWS::Serverless::Function") continue;
    if (r.properties.Role === undefined) {
      add({ id: `${r.id}Role`, type: "AWS::IAM::Role", properties: { Policies: r.properties.Policies ?? [] }, dependsOn: [] });
      // The generated function refers to its role, so the role is created first.
      r.dependsOn = [...r.dependsOn, `${r.id}Role`];
    }
    for (const event of Object.values(asRecord(r.properties.Events))) {
      const e = asRecord(event);
      const props = asRecord(e.Properties);
      if (e.Type === "HttpApi" && props.ApiId === undefined) add({ id: "ServerlessHttpApi", type: "AWS::ApiGatewayV2::Api", properties: {}, dependsOn: [] });
      if (e.Type === "Api" && props.RestApiId === undefined) add({ id: "ServerlessRestApi", type: "AWS::ApiGateway::RestApi", properties: {}, dependsOn: [] });
    }
  }
  return out;
}

/** Logical IDs referenced by Ref, Fn::GetAtt and Fn::Sub inside a value. */
export function referencesIn(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) referencesIn(item, out);
  } else if (value && typeof value === "object") {
    for (const [key, inner] of Object.entries(value)) {
      if (key === "Ref" && typeof inner === "string") out.add(inner);
      else if (key === "Fn::GetAtt") {
        const target = Array.isArray(inner) ? inner[0] : typeof inner === "string" ? inner.split(".")[0] : undefined;
        if (typeof target === "string") out.add(target);
      } else if (key === "Fn::Sub") {
        const [text, vars] = Array.isArray(inner) ? [inner[0], asRecord(inner[1])] : [inner, {}];
        if (typeof text === "string") {
          for (const m of text.matchAll(/\$\{([^!}][^}]*)\}/g)) {
            const name = m[1].split(".")[0];
            if (!(name in vars)) out.add(m[1].includes("::") ? m[1] : name);
          }
        }
        referencesIn(vars, out);
      } else referencesIn(inner, out);
    }
  }
  return out;
}

/** Resources ordered so that each comes after the ones it references (cycles keep source order). */
export function creationOrder(resources: EmulatedResource[]): EmulatedResource[] {
  const byId = new Map(resources.map((r) => [r.id, r]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const order: EmulatedResource[] = [];
  const visit = (r: EmulatedResource) => {
    if (done.has(r.id) || visiting.has(r.id)) return;
    visiting.add(r.id);
    for (const dep of [...r.dependsOn, ...referencesIn(r.properties)]) {
      const target = byId.get(dep);
      if (target) visit(target);
    }
    visiting.delete(r.id);
    done.add(r.id);
    order.push(r);
  };
  resources.forEach(visit);
  return order;
}

export interface EvaluationContext {
  region: string;
  accountId: string;
  stackName: string;
  stackId: string;
  parameters: Record<string, string>;
  physicalIds: Record<string, string>;
  types: Record<string, string>;
}

/** Evaluate the intrinsics an Outputs section commonly uses. Anything else is shown as JSON. */
export function evaluate(value: unknown, ctx: EvaluationContext): string {
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return String(value);
  const v = asRecord(value);
  if ("Ref" in v) return refValue(String(v.Ref), ctx);
  if ("Fn::GetAtt" in v) {
    const g = v["Fn::GetAtt"];
    const [id, attr] = Array.isArray(g) ? [String(g[0]), String(g[1])] : String(g).split(/\.(.*)/s);
    return attValue(id, attr, ctx);
  }
  if ("Fn::Sub" in v) {
    const s = v["Fn::Sub"];
    const [text, vars] = Array.isArray(s) ? [String(s[0]), asRecord(s[1])] : [String(s), {}];
    return text.replace(/\$\{([^}]*)\}/g, (_m, name: string) => {
      if (name.startsWith("!")) return "${" + name.slice(1) + "}";
      if (name in vars) return evaluate(vars[name], ctx);
      const [id, attr] = name.includes("::") ? [name, undefined] : name.split(/\.(.*)/s);
      return attr ? attValue(id, attr, ctx) : refValue(id, ctx);
    });
  }
  if ("Fn::Join" in v) {
    const [sep, items] = v["Fn::Join"] as [string, unknown[]];
    return (Array.isArray(items) ? items : []).map((i) => evaluate(i, ctx)).join(sep);
  }
  if ("Fn::Select" in v) {
    const [index, items] = v["Fn::Select"] as [unknown, unknown];
    return Array.isArray(items) ? evaluate(items[Number(evaluate(index, ctx))], ctx) : "";
  }
  return JSON.stringify(value);
}

function refValue(name: string, ctx: EvaluationContext): string {
  switch (name) {
    case "AWS::Region": return ctx.region;
    case "AWS::AccountId": return ctx.accountId;
    case "AWS::StackName": return ctx.stackName;
    case "AWS::StackId": return ctx.stackId;
    case "AWS::Partition": return "aws";
    case "AWS::URLSuffix": return "amazonaws.com";
  }
  if (name in ctx.parameters) return ctx.parameters[name];
  return ctx.physicalIds[name] ?? name;
}

function attValue(id: string, attr: string, ctx: EvaluationContext): string {
  const physical = ctx.physicalIds[id] ?? id;
  if (attr === "Arn") {
    const service = (ctx.types[id] ?? "AWS::Unknown::Thing").split("::")[1].toLowerCase();
    return `arn:aws:${service}:${ctx.region}:${ctx.accountId}:${physical}`;
  }
  if (attr === "ApiEndpoint") return `https://${physical}.execute-api.${ctx.region}.amazonaws.com`;
  return `${physical}.${attr}`;
}
