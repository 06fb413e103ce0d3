/**
 * The arguments of intrinsic functions have fixed shapes (AWS CloudFormation User Guide,
 * "Intrinsic function reference"): `Fn::Join [delimiter, [values]]`, `Fn::Select [index, list]`,
 * `Fn::If [condition, then, else]`, … and a function is the only key of its mapping
 * (`{ Ref: X, Extra: 1 }` is not a Ref). Values that are themselves functions are accepted.
 */
import type { Problem } from "../../model/types";
import { located, raw, where, type RawProblem, type TemplatePath, type ValidationContext } from "../context";
import { intrinsicName, isPlainObject } from "../intrinsics";

const isFn = (v: unknown) => intrinsicName(v) !== undefined;
const isString = (v: unknown) => typeof v === "string" || isFn(v);
const isList = (v: unknown) => Array.isArray(v) || isFn(v);

/** What each function's argument must look like, in words, or undefined when it is fine. */
function argumentProblem(fn: string, arg: unknown): string | undefined {
  const list = Array.isArray(arg) ? arg : undefined;
  switch (fn) {
    case "Ref":
      return typeof arg === "string" ? undefined : "Ref takes a logical ID or parameter name (a string)";
    case "Fn::Join":
      return list && list.length === 2 && isString(list[0]) && isList(list[1]) ? undefined : "Fn::Join takes [delimiter, [values…]]";
    case "Fn::Select":
      return list && list.length === 2 && (typeof list[0] === "number" || isString(list[0])) && isList(list[1]) ? undefined : "Fn::Select takes [index, [values…]]";
    case "Fn::Split":
      return list && list.length === 2 && isString(list[0]) && isString(list[1]) ? undefined : "Fn::Split takes [delimiter, string]";
    case "Fn::If":
      return list && list.length === 3 && typeof list[0] === "string" ? undefined : "Fn::If takes [condition name, value if true, value if false]";
    case "Fn::FindInMap":
      return list && (list.length === 3 || list.length === 4) ? undefined : "Fn::FindInMap takes [map name, top-level key, second-level key]";
    case "Fn::GetAtt":
      if (typeof arg === "string") return arg.includes(".") ? undefined : "Fn::GetAtt takes Resource.Attribute";
      return list && list.length >= 2 && typeof list[0] === "string" && isString(list[1]) ? undefined : "Fn::GetAtt takes [logical ID, attribute]";
    case "Fn::Sub":
      if (typeof arg === "string" || isFn(arg) || (isPlainObject(arg) && "Fn::Transform" in arg)) return undefined;
      return list && list.length === 2 && isString(list[0]) && (isPlainObject(list[1]) || isFn(list[1])) ? undefined : "Fn::Sub takes a string, or [string, {variables}]";
    case "Fn::Equals":
      return list && list.length === 2 ? undefined : "Fn::Equals takes [value, value]";
    case "Fn::And":
    case "Fn::Or":
      return list && list.length >= 2 && list.length <= 10 ? undefined : `${fn} takes a list of 2 to 10 conditions`;
    case "Fn::Not":
      return list && list.length === 1 ? undefined : "Fn::Not takes a list with one condition";
    case "Fn::GetAZs":
      return isString(arg) || arg === null ? undefined : "Fn::GetAZs takes a region (a string, \"\" for the stack's region)";
    case "Fn::Cidr":
      return list && list.length === 3 ? undefined : "Fn::Cidr takes [ipBlock, count, cidrBits]";
    case "Fn::ImportValue":
      // Only these functions may build the export name, and never another Fn::ImportValue
      // (AWS CloudFormation User Guide, Fn::ImportValue "Supported functions").
      if (typeof arg === "string") return undefined;
      return ["Fn::Base64", "Fn::FindInMap", "Fn::If", "Fn::Join", "Fn::Select", "Fn::Split", "Fn::Sub", "Ref"].includes(intrinsicName(arg) ?? "") ? undefined : "Fn::ImportValue takes an export name: a string, or Fn::Sub / Fn::Join / Fn::FindInMap / Fn::If / Fn::Select / Fn::Split / Fn::Base64 / Ref building one";
    default:
      return undefined;
  }
}

function walk(value: unknown, path: TemplatePath, out: RawProblem[]): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => walk(v, [...path, i], out));
    return;
  }
  if (!isPlainObject(value) || value instanceof Date) return;
  const keys = Object.keys(value);
  const fnKeys = keys.filter((k) => k === "Ref" || (k.startsWith("Fn::") && k !== "Fn::Transform" && !k.startsWith("Fn::ForEach")));
  if (fnKeys.length > 0 && keys.length > 1) {
    out.push(raw("error", "cfn/intrinsic-shape", [...path, fnKeys[0]], `${where(path)}: ${fnKeys[0]} must be the only key of its mapping (found ${keys.join(", ")})`));
  }
  if (keys.length === 1 && fnKeys.length === 1) {
    const problem = argumentProblem(keys[0], value[keys[0]]);
    if (problem) out.push(raw("error", "cfn/intrinsic-shape", [...path, keys[0]], `${where(path)}: ${problem}`));
  }
  // Fn::ForEach bodies (AWS::LanguageExtensions) hold loop variables until the transform expands them.
  for (const [k, v] of Object.entries(value)) if (!k.startsWith("Fn::ForEach")) walk(v, [...path, k], out);
}

export function checkIntrinsicShapes(ctx: ValidationContext, id: string): Problem[] {
  const res = (ctx.template.Resources as Record<string, unknown>)[id];
  if (!isPlainObject(res)) return [];
  const out: RawProblem[] = [];
  for (const key of ["Properties", "Condition", "DependsOn"]) if (key in res) walk(res[key], ["Resources", id, key], out);
  return located(ctx, out);
}

export function checkSectionIntrinsicShapes(ctx: ValidationContext): Problem[] {
  const out: RawProblem[] = [];
  for (const section of ["Outputs", "Conditions"]) if (isPlainObject(ctx.template[section])) walk(ctx.template[section], [section], out);
  return located(ctx, out);
}
