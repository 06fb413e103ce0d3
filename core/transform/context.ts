/**
 * Shared state of one SAM → CloudFormation transform: the output resources, what could not be
 * transformed, the APIs collected from function events, and logical-ID rewrites
 * (`MyFunction.Alias`, a layer's new hashed ID, …) applied at the end.
 */
import { isPlainObject } from "../validate/intrinsics";

export type Json = unknown;
export type JsonObject = Record<string, unknown>;

export interface ApiRoute {
  /** Function or state machine logical ID. */
  target: string;
  event: string;
  path: string;
  /** Lower case method, or "any". */
  method: string;
  integration: "lambda" | "states";
  /** State machine routes: the role API Gateway assumes to start executions, and whether to unescape the input. */
  credentialsRole?: string;
  unescape?: boolean;
  /** The event's own authorizer ("NONE" for none) and scopes. */
  authorizer?: unknown;
  scopes?: unknown;
  /** The target's Condition: SAM wraps the route in Fn::If on it. */
  condition?: unknown;
}

export interface TransformContext {
  template: JsonObject;
  /** Output resources (SAM resources replaced by what they expand to). */
  resources: Record<string, JsonObject>;
  /** What the transform could not turn into plain CloudFormation, in words ("Fn: Events.X (Type MQ)"). */
  unsupported: string[];
  /** REST API ID ("ServerlessRestApi" for the implicit one) → routes from function events. */
  restRoutes: Map<string, ApiRoute[]>;
  httpRoutes: Map<string, ApiRoute[]>;
  /** `Ref: "A.B"` or `Ref: "Layer"` → replacement logical ID. */
  refRewrites: Map<string, string>;
  isServerless(id: string, type?: string): boolean;
}

export function createContext(template: JsonObject): TransformContext {
  const resources: Record<string, JsonObject> = {};
  const input = isPlainObject(template.Resources) ? template.Resources : {};
  return {
    template,
    resources,
    unsupported: [],
    restRoutes: new Map(),
    httpRoutes: new Map(),
    refRewrites: new Map(),
    isServerless(id, type) {
      const res = input[id];
      if (!isPlainObject(res) || typeof res.Type !== "string") return false;
      return type ? res.Type === type : res.Type.startsWith("AWS::Serverless::");
    },
  };
}

export const ref = (id: string): JsonObject => ({ Ref: id });
export const getAtt = (id: string, attr: string): JsonObject => ({ "Fn::GetAtt": [id, attr] });

/** Resource attributes SAM copies from a serverless resource to what it generates. */
export function passThroughAttributes(source: JsonObject, keys: readonly string[] = ["Condition", "DependsOn", "DeletionPolicy", "UpdateReplacePolicy", "Metadata"]): JsonObject {
  const out: JsonObject = {};
  for (const k of keys) if (source[k] !== undefined) out[k] = source[k];
  return out;
}

/** Only the attributes every generated resource shares with its source (Condition). */
export function conditionOf(source: JsonObject): JsonObject {
  return source.Condition !== undefined ? { Condition: source.Condition } : {};
}

/** Copy the listed properties when present, optionally renamed (`[from, to]`). */
export function pick(props: JsonObject, names: readonly (string | readonly [string, string])[]): JsonObject {
  const out: JsonObject = {};
  for (const n of names) {
    const [from, to] = typeof n === "string" ? [n, n] : n;
    if (props[from] !== undefined) out[to] = props[from];
  }
  return out;
}

/**
 * A short stable hash (10 hex characters) for generated logical IDs such as API deployments and
 * function versions, which SAM names `<Id>Deployment<hash>`: it changes when the content does, so
 * CloudFormation creates a new deployment. FNV-1a over the JSON text (not SAM's SHA-1, so the
 * suffixes differ from SAM's own; they only need to change with the content).
 */
export function contentHash(value: unknown): string {
  const text = JSON.stringify(value) ?? "";
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x811c9dc5) >>> 0;
  }
  return (h1.toString(16).padStart(8, "0") + h2.toString(16).padStart(8, "0")).slice(0, 10);
}

/** "s3://bucket/key" or {Bucket, Key, Version} → Lambda's {S3Bucket, S3Key, S3ObjectVersion}. */
export function s3Location(uri: unknown, keys: { bucket: string; key: string; version: string }): JsonObject | undefined {
  if (typeof uri === "string") {
    const m = /^s3:\/\/([^/]+)\/([^?]+)(?:\?versionId=(.+))?$/.exec(uri);
    if (!m) return undefined;
    const out: JsonObject = { [keys.bucket]: m[1], [keys.key]: m[2] };
    if (m[3] !== undefined) out[keys.version] = m[3];
    return out;
  }
  if (isPlainObject(uri) && "Bucket" in uri) {
    const out: JsonObject = { [keys.bucket]: uri.Bucket, [keys.key]: uri.Key };
    if (uri.Version !== undefined) out[keys.version] = uri.Version;
    return out;
  }
  return undefined;
}

export const LAMBDA_TAG = { Key: "lambda:createdBy", Value: "SAM" };

/** SAM's Tags map → CloudFormation's list of {Key, Value}, with SAM's own tag first. */
export function tagList(samTag: { Key: string; Value: string } | undefined, tags: unknown): JsonObject[] {
  const out: JsonObject[] = samTag ? [{ ...samTag }] : [];
  if (isPlainObject(tags)) for (const [Key, Value] of Object.entries(tags)) out.push({ Key, Value });
  return out;
}

/** The upper-case-first form SAM uses in generated IDs ("prod" → "Prod"). */
export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
