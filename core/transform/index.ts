/**
 * Plain CloudFormation from a SAM template, transformed locally for the SAM resources Flowform
 * writes (functions with their events, roles and permissions, REST and HTTP APIs, simple tables,
 * state machines, layers, Globals), for users who cannot deploy with the SAM transform.
 * What it cannot transform is listed in `unsupported` (and those SAM resources are kept as
 * written), never silently dropped or guessed.
 */
import type { Problem } from "../model/types";
import { parseTemplate, type ParsedTemplate } from "../template/parse";
import { isPlainObject } from "../validate/intrinsics";
import { transformApis } from "./apis";
import { transformConnectors } from "./connectors";
import { createContext, type JsonObject, type TransformContext } from "./context";
import { transformFunction } from "./function";
import { applyGlobals } from "./globals";
import { transformApplication, transformCapacityProvider, transformLayer, transformSimpleTable, transformStateMachine } from "./others";
import { toJson, toYaml } from "./serialize";
import { transformWebSocketApi } from "./websocket";
import { transformGraphQlApi } from "./graphql";

export { toJson, toYaml } from "./serialize";
export { expandPolicyTemplate, isPolicyTemplate } from "./policies";

export interface CloudFormationResult {
  template: JsonObject;
  /** SAM features left untransformed, in words ("OrdersFunction: Events.Q (Type MQ)"). */
  unsupported: string[];
}

const HANDLERS: Record<string, (ctx: TransformContext, id: string, res: JsonObject) => void> = {
  "AWS::Serverless::Function": transformFunction,
  "AWS::Serverless::SimpleTable": transformSimpleTable,
  "AWS::Serverless::LayerVersion": transformLayer,
  "AWS::Serverless::StateMachine": transformStateMachine,
  "AWS::Serverless::WebSocketApi": transformWebSocketApi,
  "AWS::Serverless::GraphQLApi": transformGraphQlApi,
  "AWS::Serverless::Application": transformApplication,
  "AWS::Serverless::CapacityProvider": transformCapacityProvider,
};

const SAM_TRANSFORM = /^AWS::Serverless-\d{4}-\d{2}-\d{2}$/;

/** Replace `Ref`s, `GetAtt`s and `${…}` to SAM names (`Fn.Alias`, a layer's ID) with the generated logical IDs. */
function rewriteRefs(node: unknown, rewrites: Map<string, string>): unknown {
  if (rewrites.size === 0) return node;
  if (Array.isArray(node)) return node.map((n) => rewriteRefs(n, rewrites));
  if (!isPlainObject(node) || node instanceof Date) return node;
  const keys = Object.keys(node);
  if (keys.length === 1) {
    const [k] = keys;
    const v = node[k];
    if (k === "Ref" && typeof v === "string" && rewrites.has(v)) return { Ref: rewrites.get(v) };
    if (k === "Fn::GetAtt" && Array.isArray(v) && typeof v[0] === "string" && rewrites.has(v[0])) return { "Fn::GetAtt": [rewrites.get(v[0]), ...v.slice(1)] };
    if (k === "Fn::Sub") {
      const sub = (s: unknown) =>
        typeof s === "string"
          ? s.replace(/\$\{([^}!][^}]*)\}/g, (whole, name: string) => {
              if (rewrites.has(name)) return `\${${rewrites.get(name)}}`;
              const dot = name.indexOf(".");
              const base = dot < 0 ? name : name.slice(0, dot);
              return rewrites.has(base) && !rewrites.has(name) && dot >= 0 && !/^(Alias|Version|Stage|Deployment)$/.test(name.slice(dot + 1)) ? `\${${rewrites.get(base)}${name.slice(dot)}}` : whole;
            })
          : rewriteRefs(s, rewrites);
      return { "Fn::Sub": Array.isArray(v) ? [sub(v[0]), rewriteRefs(v[1], rewrites)] : sub(v) };
    }
  }
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, rewriteRefs(v, rewrites)]));
}

/** Transform a parsed SAM template (or a plain template value) into plain CloudFormation. */
export function toCloudFormation(input: ParsedTemplate | JsonObject): CloudFormationResult {
  const value = ((input as ParsedTemplate).doc !== undefined ? (input as ParsedTemplate).value : input) as JsonObject;
  const template = structuredClone(value);
  const transform = template.Transform;
  const transforms = (Array.isArray(transform) ? transform : transform === undefined ? [] : [transform]) as unknown[];
  const sources = isPlainObject(template.Resources) ? template.Resources : {};
  const usesSam = transforms.some((t) => typeof t === "string" && SAM_TRANSFORM.test(t)) || Object.values(sources).some((r) => isPlainObject(r) && typeof r.Type === "string" && r.Type.startsWith("AWS::Serverless::"));
  if (!usesSam) return { template, unsupported: [] };

  const globals = isPlainObject(template.Globals) ? template.Globals : {};
  const resources = applyGlobals(sources, globals) as Record<string, JsonObject>;
  const ctx = createContext(template);
  for (const [id, res] of Object.entries(resources)) {
    if (!isPlainObject(res) || typeof res.Type !== "string" || !res.Type.startsWith("AWS::Serverless::")) ctx.resources[id] = res as JsonObject;
  }
  for (const [id, res] of Object.entries(resources)) {
    if (!isPlainObject(res) || typeof res.Type !== "string" || !res.Type.startsWith("AWS::Serverless::")) continue;
    const handler = HANDLERS[res.Type];
    if (handler) {
      try {
        handler(ctx, id, res);
      } catch (error) {
        // A shape the handlers do not expect (invalid SAM): report it and keep the resource as written.
        ctx.unsupported.push(`${id}: could not be transformed (${(error as Error).message})`);
        ctx.resources[id] = res;
      }
    }
    else if (res.Type !== "AWS::Serverless::Api" && res.Type !== "AWS::Serverless::HttpApi" && res.Type !== "AWS::Serverless::Connector") {
      ctx.unsupported.push(`${id}: ${res.Type} is not transformed locally (kept as written; it needs the SAM transform)`);
      ctx.resources[id] = res;
    }
  }
  transformApis(ctx, resources, globals);
  transformConnectors(ctx, resources);

  const out: JsonObject = {};
  for (const [k, v] of Object.entries(template)) {
    if (k === "Globals") continue;
    if (k === "Transform") {
      const rest = transforms.filter((t) => !(typeof t === "string" && SAM_TRANSFORM.test(t)));
      if (rest.length > 0) out.Transform = rest.length === 1 ? rest[0] : rest;
      continue;
    }
    if (k === "Resources") {
      out.Resources = rewriteRefs(ctx.resources, ctx.refRewrites);
      continue;
    }
    out[k] = k === "Outputs" || k === "Conditions" ? rewriteRefs(v, ctx.refRewrites) : v;
  }
  // DependsOn may name a layer that now has a hashed ID.
  for (const res of Object.values(out.Resources as Record<string, JsonObject>)) {
    if (!isPlainObject(res) || res.DependsOn === undefined) continue;
    const list = Array.isArray(res.DependsOn) ? res.DependsOn : [res.DependsOn];
    const mapped = list.map((d) => (typeof d === "string" && ctx.refRewrites.has(d) ? ctx.refRewrites.get(d) : d));
    res.DependsOn = Array.isArray(res.DependsOn) ? mapped : mapped[0];
  }
  return { template: out, unsupported: [...new Set(ctx.unsupported)] };
}

export interface ExportOptions {
  /** "sam": the project's own document; "cfn": plain CloudFormation (SAM transformed locally). */
  format: "sam" | "cfn";
  as: "yaml" | "json";
  file?: string;
}

export interface ExportResult {
  /** The exported text, or null when the template could not be read. */
  text: string | null;
  unsupported: string[];
  problems: Problem[];
}

/**
 * Export a template. SAM as YAML is the document text byte for byte (comments, order and short
 * forms kept); SAM as JSON is the same document as JSON. CloudFormation is transformed and then
 * written as YAML with short-form intrinsics, or JSON.
 */
export function exportTemplate(text: string, options: ExportOptions): ExportResult {
  const { parsed, problems } = parseTemplate(text, options.file);
  if (!parsed) return { text: null, unsupported: [], problems };
  if (options.format === "sam") {
    if (options.as === parsed.format) return { text, unsupported: [], problems };
    return { text: options.as === "json" ? toJson(parsed.value) : toYaml(parsed.value), unsupported: [], problems };
  }
  const { template, unsupported } = toCloudFormation(parsed);
  return { text: options.as === "json" ? toJson(template) : toYaml(template), unsupported, problems };
}
