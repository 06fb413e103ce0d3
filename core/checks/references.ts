/**
 * Reading intrinsic functions the way the checks need: which logical IDs a value points at, and
 * what number or string a value has when it can be known without deploying.
 */
import type { TemplateModel } from "../model/types";

type Plain = unknown;

function isObject(value: Plain): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `${Name}` and `${Name.Attr}` inside a Fn::Sub string (not `${!Literal}`). */
function subNames(text: string): string[] {
  const names: string[] = [];
  const re = /\$\{([^!}][^}]*)\}/g;
  for (let m = re.exec(text); m; m = re.exec(text)) names.push(m[1].split(".")[0].trim());
  return names;
}

/**
 * Every logical ID (or parameter name) a value refers to through Ref, Fn::GetAtt or Fn::Sub,
 * anywhere inside it. Pseudo parameters (AWS::Region…) are left out.
 */
export function referencedNames(value: Plain, into: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) referencedNames(item, into);
  } else if (isObject(value)) {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === "Ref" && typeof value.Ref === "string") {
      if (!value.Ref.startsWith("AWS::")) into.add(value.Ref);
      return into;
    }
    if (keys.length === 1 && keys[0] === "Fn::GetAtt") {
      const arg = value["Fn::GetAtt"];
      const target = Array.isArray(arg) ? arg[0] : typeof arg === "string" ? arg.split(".")[0] : undefined;
      if (typeof target === "string") into.add(target);
      return into;
    }
    if (keys.length === 1 && keys[0] === "Fn::Sub") {
      const arg = value["Fn::Sub"];
      const text = Array.isArray(arg) ? arg[0] : arg;
      const vars = Array.isArray(arg) && isObject(arg[1]) ? arg[1] : {};
      if (typeof text === "string") {
        for (const name of subNames(text)) {
          if (name in vars) referencedNames(vars[name], into);
          else if (!name.startsWith("AWS::")) into.add(name);
        }
      }
      return into;
    }
    for (const key of keys) referencedNames(value[key], into);
  }
  return into;
}

/** The logical IDs of template resources a value refers to. */
export function referencedResources(value: Plain, model: TemplateModel | { resourceIds: Set<string> }): string[] {
  const ids = "resourceIds" in model ? model.resourceIds : new Set(model.resources.map((r) => r.id));
  return [...referencedNames(value)].filter((name) => ids.has(name));
}

/** A parameter's default, when the value is `Ref: Param`. */
function parameterDefault(value: Plain, model: TemplateModel): unknown {
  if (isObject(value) && typeof value.Ref === "string") {
    const param = model.parameters.find((p) => p.name === value.Ref);
    return param?.default;
  }
  return undefined;
}

/** A number written literally (or as a numeric string, or as a parameter with a numeric default). */
export function numberValue(value: Plain, model: TemplateModel): number | undefined {
  const v = isObject(value) ? parameterDefault(value, model) : value;
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && /^\s*-?\d+(\.\d+)?\s*$/.test(v)) return Number(v);
  return undefined;
}

/** A boolean written literally (true/false or "true"/"false"). */
export function booleanValue(value: Plain, model: TemplateModel): boolean | undefined {
  const v = isObject(value) ? parameterDefault(value, model) : value;
  if (typeof v === "boolean") return v;
  if (typeof v === "string" && /^(true|false)$/i.test(v)) return v.toLowerCase() === "true";
  return undefined;
}

/** Deep structural equality of plain values (used to match names written the same way twice). */
export function sameValue(a: Plain, b: Plain): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => k in b && sameValue(a[k], b[k]));
  }
  return false;
}

/** True when the value contains any intrinsic function (so its final text is not known here). */
export function hasIntrinsic(value: Plain): boolean {
  if (Array.isArray(value)) return value.some(hasIntrinsic);
  if (isObject(value)) {
    const keys = Object.keys(value);
    if (keys.length === 1 && (keys[0] === "Ref" || keys[0].startsWith("Fn::"))) return true;
    return keys.some((k) => hasIntrinsic(value[k]));
  }
  return false;
}

export { isObject };
