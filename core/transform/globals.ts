/**
 * SAM Globals: properties under `Globals.Function` (and Api, HttpApi, WebSocketApi, SimpleTable, StateMachine,
 * LayerVersion, CapacityProvider) apply to every resource of that kind. Merge rules, from the SAM
 * developer guide ("Globals section of the AWS SAM template"): maps are merged (the resource's
 * keys win), lists are concatenated (global entries first), anything else the resource sets
 * replaces the global value. `IgnoreGlobals` on a resource opts out, all ("*") or by name.
 */
import { isPlainObject } from "../validate/intrinsics";
import type { JsonObject } from "./context";

const GLOBAL_SECTIONS: Record<string, string> = {
  Function: "AWS::Serverless::Function",
  Api: "AWS::Serverless::Api",
  HttpApi: "AWS::Serverless::HttpApi",
  WebSocketApi: "AWS::Serverless::WebSocketApi",
  SimpleTable: "AWS::Serverless::SimpleTable",
  StateMachine: "AWS::Serverless::StateMachine",
  LayerVersion: "AWS::Serverless::LayerVersion",
  CapacityProvider: "AWS::Serverless::CapacityProvider",
};

export function mergeGlobal(global: unknown, local: unknown): unknown {
  if (local === undefined) return global;
  if (isPlainObject(global) && isPlainObject(local) && !isIntrinsicObject(local) && !isIntrinsicObject(global)) {
    const out: JsonObject = { ...global };
    for (const [k, v] of Object.entries(local)) out[k] = k in global ? mergeGlobal(global[k], v) : v;
    return out;
  }
  if (Array.isArray(global) && Array.isArray(local)) return [...global, ...local];
  return local;
}

function isIntrinsicObject(v: JsonObject): boolean {
  const keys = Object.keys(v);
  return keys.length === 1 && (keys[0] === "Ref" || keys[0].startsWith("Fn::"));
}

/** Resources with their section's Globals merged into Properties. */
export function applyGlobals(resources: Record<string, unknown>, globals: unknown): Record<string, unknown> {
  if (!isPlainObject(globals)) return resources;
  const out: Record<string, unknown> = {};
  const byType = new Map(Object.entries(GLOBAL_SECTIONS).map(([section, type]) => [type, globals[section]]));
  for (const [id, res] of Object.entries(resources)) {
    if (!isPlainObject(res) || typeof res.Type !== "string" || !isPlainObject(byType.get(res.Type))) {
      out[id] = res;
      continue;
    }
    let global = { ...(byType.get(res.Type) as JsonObject) };
    const ignore = res.IgnoreGlobals;
    if (ignore === "*") {
      out[id] = res;
      continue;
    }
    if (typeof ignore === "string") delete global[ignore];
    if (Array.isArray(ignore)) for (const k of ignore) if (typeof k === "string") delete global[k];
    const props = isPlainObject(res.Properties) ? res.Properties : {};
    global = mergeGlobal(global, props) as JsonObject;
    out[id] = { ...res, Properties: global };
  }
  return out;
}
