/**
 * Lambda specifics the resource schema cannot express:
 * - a function deployed as a .zip archive needs Handler and Runtime (AWS Lambda API reference,
 *   CreateFunction: "Handler/Runtime — required if the deployment package is a .zip file
 *   archive"), for AWS::Lambda::Function and AWS::Serverless::Function (Globals included);
 * - SAM's IgnoreGlobals must name properties the Globals section can set for that type.
 */
import type { Problem } from "../../model/types";
import { problemAt, type ValidationContext } from "../context";
import { isPlainObject } from "../intrinsics";
import { closest } from "../suggest";

function isImage(props: Record<string, unknown>, codeKey: "Code" | "CodeUri"): boolean {
  if (props.PackageType !== undefined && props.PackageType !== "Zip") return true;
  if (props.ImageUri !== undefined) return true;
  const code = props[codeKey];
  return isPlainObject(code) && code.ImageUri !== undefined;
}

export function checkLambdaFunction(ctx: ValidationContext, id: string): Problem[] {
  const type = ctx.resourceTypes.get(id);
  if (type !== "AWS::Lambda::Function" && type !== "AWS::Serverless::Function") return [];
  const res = (ctx.template.Resources as Record<string, unknown>)[id] as Record<string, unknown>;
  const own = isPlainObject(res.Properties) ? res.Properties : {};
  const sam = type === "AWS::Serverless::Function";
  const globals = sam && isPlainObject(ctx.template.Globals) && isPlainObject(ctx.template.Globals.Function) ? ctx.template.Globals.Function : {};
  const ignore = res.IgnoreGlobals;
  const props = ignore === "*" ? own : { ...globals, ...own };
  if (isImage(props, sam ? "CodeUri" : "Code")) return [];
  if (!sam && !("Code" in props)) return [];
  const missing = ["Handler", "Runtime"].filter((k) => !(k in props));
  if (missing.length === 0) return [];
  return [
    problemAt(ctx, "error", "cfn/required-property", ["Resources", id, "Properties"], `${id}: a .zip-packaged function needs ${missing.join(" and ")}${sam ? " (in its Properties or in Globals.Function)" : ""}`),
  ];
}

const GLOBAL_SECTION: Record<string, string> = {
  "AWS::Serverless::Function": "Function",
  "AWS::Serverless::Api": "Api",
  "AWS::Serverless::HttpApi": "HttpApi",
  "AWS::Serverless::SimpleTable": "SimpleTable",
  "AWS::Serverless::StateMachine": "StateMachine",
  "AWS::Serverless::LayerVersion": "LayerVersion",
};

export function checkIgnoreGlobals(ctx: ValidationContext, id: string): Problem[] {
  const res = (ctx.template.Resources as Record<string, unknown>)[id];
  if (!isPlainObject(res) || res.IgnoreGlobals === undefined || res.IgnoreGlobals === "*") return [];
  const section = GLOBAL_SECTION[ctx.resourceTypes.get(id) ?? ""];
  const sam = ctx.spec.sam;
  if (!section || !sam) return [];
  const ref = sam.definitions.__main____Globals?.properties?.[section];
  const def = ref?.$ref ? sam.definitions[ref.$ref.replace("#/definitions/", "")] : undefined;
  const allowed = Object.keys(def?.properties ?? {});
  if (allowed.length === 0) return [];
  const names = Array.isArray(res.IgnoreGlobals) ? res.IgnoreGlobals : [res.IgnoreGlobals];
  const out: Problem[] = [];
  names.forEach((name, i) => {
    if (typeof name !== "string" || allowed.includes(name)) return;
    const hint = closest(name, allowed);
    out.push(problemAt(ctx, "error", "sam/ignore-globals", ["Resources", id, "IgnoreGlobals", ...(Array.isArray(res.IgnoreGlobals) ? [i] : [])], `${id}.IgnoreGlobals: ${name} is not a property Globals.${section} can set${hint ? `; did you mean ${hint}?` : ""}`));
  });
  return out;
}
