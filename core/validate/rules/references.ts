/**
 * References to things the template must declare: `Ref` (resource, parameter or pseudo
 * parameter), `Fn::GetAtt` (resource and an attribute its type has), `${…}` in `Fn::Sub`,
 * `DependsOn`, a resource's or output's `Condition`, condition names in `Fn::If` and
 * `Condition` functions, and map names in `Fn::FindInMap`.
 */
import type { Problem } from "../../model/types";
import { attributesOf, hasAttribute, isSamType } from "../../spec/lookup";
import { problemAt, type TemplatePath, type ValidationContext } from "../context";
import { PSEUDO_PARAMETERS, getAttTarget, isPlainObject, subVariables } from "../intrinsics";
import { closest } from "../suggest";

export type ReferenceKind = "Ref" | "GetAtt" | "Sub" | "DependsOn" | "Condition" | "FindInMap";

export interface TemplateReference {
  kind: ReferenceKind;
  /** Logical ID, parameter, condition or map name referred to. */
  target: string;
  /** Attribute of GetAtt / `${X.Attr}`. */
  attribute?: string;
  /** Where the reference is written. */
  path: TemplatePath;
}

/** Every reference inside `value`, found by walking its intrinsic functions. */
export function collectReferences(value: unknown, path: TemplatePath, out: TemplateReference[] = []): TemplateReference[] {
  if (Array.isArray(value)) {
    value.forEach((v, i) => collectReferences(v, [...path, i], out));
    return out;
  }
  if (!isPlainObject(value)) return out;
  const keys = Object.keys(value);
  if (keys.length === 1) {
    const key = keys[0];
    const arg = value[key];
    const here = [...path, key];
    switch (key) {
      case "Ref":
        if (typeof arg === "string") out.push({ kind: "Ref", target: arg, path: here });
        else collectReferences(arg, here, out);
        return out;
      case "Fn::GetAtt": {
        const t = getAttTarget(arg);
        if (t) out.push({ kind: "GetAtt", target: t.resource, attribute: typeof t.attribute === "string" ? t.attribute : undefined, path: here });
        if (Array.isArray(arg)) arg.slice(1).forEach((a, i) => collectReferences(a, [...here, i + 1], out));
        return out;
      }
      case "Fn::Sub": {
        const [text, vars] = Array.isArray(arg) ? [arg[0], arg[1]] : [arg, undefined];
        const local = new Set(isPlainObject(vars) ? Object.keys(vars) : []);
        if (typeof text === "string") {
          for (const v of subVariables(text)) {
            if (local.has(v.name)) continue;
            const dot = v.name.indexOf(".");
            if (dot < 0) out.push({ kind: "Sub", target: v.name, path: here });
            else out.push({ kind: "Sub", target: v.name.slice(0, dot), attribute: v.name.slice(dot + 1), path: here });
          }
        } else collectReferences(text, Array.isArray(arg) ? [...here, 0] : here, out);
        if (isPlainObject(vars)) collectReferences(vars, [...here, 1], out);
        return out;
      }
      case "Fn::If":
        if (Array.isArray(arg)) {
          if (typeof arg[0] === "string") out.push({ kind: "Condition", target: arg[0], path: [...here, 0] });
          arg.slice(1).forEach((a, i) => collectReferences(a, [...here, i + 1], out));
        }
        return out;
      case "Condition":
        // Inside Conditions (Fn::And / Fn::Or / Fn::Not operands) `{Condition: Name}` names a condition.
        if (typeof arg === "string") {
          out.push({ kind: "Condition", target: arg, path: here });
          return out;
        }
        break;
      case "Fn::FindInMap":
        if (Array.isArray(arg) && typeof arg[0] === "string") out.push({ kind: "FindInMap", target: arg[0], path: [...here, 0] });
        if (Array.isArray(arg)) arg.slice(1).forEach((a, i) => collectReferences(a, [...here, i + 1], out));
        return out;
      default:
        break;
    }
  }
  for (const [k, v] of Object.entries(value)) collectReferences(v, [...path, k], out);
  return out;
}

/**
 * Logical IDs SAM creates that a SAM template may refer to (SAM developer guide, "Generated
 * AWS CloudFormation resources"): `ServerlessRestApi`, `<Function>Role`, `<Function>.Alias`,
 * `<Api>.Stage`, and other IDs derived from a serverless resource's ID.
 */
function isSamGenerated(ctx: ValidationContext, target: string): boolean {
  if (isModuleResource(ctx, target)) return true;
  if (!ctx.isSam) return false;
  if (/^Serverless(RestApi|HttpApi|DeploymentApplication|WebSocketApi)/.test(target)) return true;
  if (target === "CodeDeployServiceRole") return true;
  const base = target.includes(".") ? target.slice(0, target.indexOf(".")) : target;
  for (const [id, type] of ctx.resourceTypes) {
    if (!isSamType(type)) continue;
    if (base === id || (target.startsWith(id) && target.length > id.length)) return true;
  }
  return false;
}

/** A module (`Org::Service::Thing::MODULE`) adds its resources with the module's logical ID as prefix. */
function isModuleResource(ctx: ValidationContext, target: string): boolean {
  for (const [id, type] of ctx.resourceTypes) {
    if (type.endsWith("::MODULE") && target.startsWith(id) && target.length > id.length) return true;
  }
  return false;
}

function missing(ctx: ValidationContext, ref: TemplateReference, base: TemplatePath, message: string, candidates: Iterable<string>): Problem {
  const hint = closest(ref.target, candidates);
  return problemAt(ctx, "error", "cfn/missing-reference", [...base, ...ref.path], `${message}${hint ? `; did you mean ${hint}?` : ""}`);
}

/** `Fn::GetAtt` or `${Resource.Attribute}`: the resource exists and its type has the attribute. */
function checkGetAtt(ctx: ValidationContext, ref: TemplateReference, base: TemplatePath, owner: string, isResource: boolean, out: Problem[]): void {
    if (!isResource) {
      if (isSamGenerated(ctx, ref.target)) return;
      const form = ref.kind === "Sub" ? `\${${ref.target}.${ref.attribute}}` : `GetAtt ${ref.target}${ref.attribute ? `.${ref.attribute}` : ""}`;
      out.push(missing(ctx, ref, base, `${owner}: ${form} names no resource in this template`, ctx.resourceTypes.keys()));
      return;
    }
    if (ref.attribute === undefined) {
      if (ref.kind === "GetAtt") {
        out.push(problemAt(ctx, "error", "cfn/getatt-shape", [...base, ...ref.path], `${owner}: GetAtt ${ref.target} needs an attribute (GetAtt ${ref.target}.Arn, …)`));
      }
      return;
    }
    const type = ctx.resourceTypes.get(ref.target) ?? "";
    if (type && !hasAttribute(ctx.spec, type, ref.attribute)) {
      const attrs = attributesOf(ctx.spec, type) ?? [];
      const hint = closest(ref.attribute, attrs);
      out.push(
        problemAt(
          ctx,
          "error",
          "cfn/unknown-attribute",
          [...base, ...ref.path],
          `${owner}: ${ref.target} (${type}) has no attribute ${ref.attribute}${hint ? `; did you mean ${hint}?` : attrs.length > 0 ? ` (it has ${attrs.slice(0, 8).join(", ")}${attrs.length > 8 ? ", …" : ""})` : " (it has none)"}`,
        ),
      );
    }
}

/** Check a list of references found at `base`; `owner` names where they are, for messages. */
export function checkReferences(ctx: ValidationContext, refs: TemplateReference[], base: TemplatePath, owner: string, options: { allowResources?: boolean } = {}): Problem[] {
  const out: Problem[] = [];
  const allowResources = options.allowResources ?? true;
  for (const ref of refs) {
    const isResource = ctx.resourceTypes.has(ref.target);
    switch (ref.kind) {
      case "Ref":
        if (PSEUDO_PARAMETERS.has(ref.target) || ctx.parameters.has(ref.target)) break;
        if (isResource && allowResources) break;
        if (isResource && !allowResources) {
          out.push(problemAt(ctx, "error", "cfn/ref-resource-in-conditions", [...base, ...ref.path], `${owner}: Ref ${ref.target} names a resource, but Conditions can only refer to parameters`));
          break;
        }
        if (isSamGenerated(ctx, ref.target)) break;
        out.push(missing(ctx, ref, base, `${owner}: Ref ${ref.target} names no parameter or resource in this template`, [...ctx.parameters, ...ctx.resourceTypes.keys()]));
        break;
      case "Sub":
        if (ref.attribute === undefined) {
          if (PSEUDO_PARAMETERS.has(ref.target) || ctx.parameters.has(ref.target) || isResource) break;
          if (isSamGenerated(ctx, ref.target)) break;
          out.push(missing(ctx, ref, base, `${owner}: \${${ref.target}} in Fn::Sub names no parameter or resource`, [...ctx.parameters, ...ctx.resourceTypes.keys()]));
          break;
        }
        checkGetAtt(ctx, ref, base, owner, isResource, out);
        break;
      case "GetAtt":
        checkGetAtt(ctx, ref, base, owner, isResource, out);
        break;
      case "Condition":
        if (!ctx.conditions.has(ref.target)) {
          out.push(missing(ctx, ref, base, `${owner}: condition ${ref.target} is not declared in Conditions`, ctx.conditions));
        }
        break;
      case "FindInMap":
        if (!ctx.mappings.has(ref.target)) {
          out.push(missing(ctx, ref, base, `${owner}: Fn::FindInMap names mapping ${ref.target}, which is not declared in Mappings`, ctx.mappings));
        }
        break;
      case "DependsOn":
        if (!isResource && !isSamGenerated(ctx, ref.target)) {
          out.push(missing(ctx, ref, base, `${owner}: DependsOn ${ref.target} names no resource in this template`, ctx.resourceTypes.keys()));
        }
        break;
    }
  }
  return out;
}

/** References a resource makes: in Properties, DependsOn and its Condition (not Metadata, which CloudFormation does not resolve). */
export function resourceReferences(ctx: ValidationContext, id: string): TemplateReference[] {
  const res = (ctx.template.Resources as Record<string, unknown>)[id];
  if (!isPlainObject(res)) return [];
  const refs: TemplateReference[] = [];
  for (const key of ["Properties", "UpdatePolicy", "CreationPolicy", "Connectors"]) {
    if (key in res) collectReferences(res[key], [key], refs);
  }
  const dependsOn = res.DependsOn;
  if (typeof dependsOn === "string") refs.push({ kind: "DependsOn", target: dependsOn, path: ["DependsOn"] });
  else if (Array.isArray(dependsOn)) {
    dependsOn.forEach((d, i) => {
      if (typeof d === "string") refs.push({ kind: "DependsOn", target: d, path: ["DependsOn", i] });
    });
  }
  if (typeof res.Condition === "string") refs.push({ kind: "Condition", target: res.Condition, path: ["Condition"] });
  return refs;
}

export function checkResourceReferences(ctx: ValidationContext, id: string): Problem[] {
  return checkReferences(ctx, resourceReferences(ctx, id), ["Resources", id], id);
}

/** References in Outputs, Conditions and Globals. */
export function checkSectionReferences(ctx: ValidationContext): Problem[] {
  const out: Problem[] = [];
  const t = ctx.template;
  if (isPlainObject(t.Outputs)) {
    for (const [name, output] of Object.entries(t.Outputs)) {
      if (!isPlainObject(output) || name.startsWith("Fn::ForEach")) continue;
      const refs = collectReferences({ Value: output.Value, Export: output.Export }, []);
      if (typeof output.Condition === "string") refs.push({ kind: "Condition", target: output.Condition, path: ["Condition"] });
      out.push(...checkReferences(ctx, refs, ["Outputs", name], `Output ${name}`));
    }
  }
  if (isPlainObject(t.Conditions)) {
    for (const [name, cond] of Object.entries(t.Conditions)) {
      if (name.startsWith("Fn::ForEach")) continue;
      const refs = collectReferences(cond, []);
      out.push(...checkReferences(ctx, refs, ["Conditions", name], `Condition ${name}`, { allowResources: false }));
    }
  }
  if (ctx.isSam && isPlainObject(t.Globals)) {
    out.push(...checkReferences(ctx, collectReferences(t.Globals, []), ["Globals"], "Globals"));
  }
  return out;
}
