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
  /** State machine routes: what StartExecution names (the alias with UseAliasAsEventTarget), when not the target itself. */
  startExecutionOf?: string;
  /** State machine routes: the role API Gateway assumes to start executions, and whether to unescape the input. */
  credentialsRole?: string;
  unescape?: boolean;
  /** The event's own authorizer ("NONE" for none) and scopes. */
  authorizer?: unknown;
  scopes?: unknown;
  /** The event's own `Auth.ApiKeyRequired`, overriding the API's. */
  apiKeyRequired?: unknown;
  /** An Api event's RequestParameters ("method.request.<where>.<name>", or {that: {Required, Caching}}). */
  requestParameters?: unknown;
  /** An Api event's RequestModel ({Model, Required, ValidateBody, ValidateParameters}). */
  requestModel?: unknown;
  /** An HttpApi event's RouteSettings, for the stage's entry of this route. */
  routeSettings?: unknown;
  /** The event's own `Auth.ResourcePolicy`. */
  resourcePolicy?: unknown;
  /** The event's own `Auth.InvokeRole` when it has the key (null means none). */
  invokeRole?: { value: unknown };
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

/** SHA-1 of a text's UTF-8 bytes, as 40 hex digits (FIPS 180-4, section 6.1). */
export function sha1Hex(text: string): string {
  const bytes = new TextEncoder().encode(text);
  const bitLength = bytes.length * 8;
  const padded = new Uint8Array(((bytes.length + 9 + 63) >> 6) << 6);
  padded.set(bytes);
  padded[bytes.length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(bitLength / 0x100000000));
  view.setUint32(padded.length - 4, bitLength >>> 0);
  const h = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];
  const w = new Uint32Array(80);
  for (let offset = 0; offset < padded.length; offset += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(offset + i * 4);
    for (let i = 16; i < 80; i++) {
      const x = w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16];
      w[i] = (x << 1) | (x >>> 31);
    }
    let [a, b, c, d, e] = h;
    for (let i = 0; i < 80; i++) {
      const [f, k] = i < 20 ? [(b & c) | (~b & d), 0x5a827999] : i < 40 ? [b ^ c ^ d, 0x6ed9eba1] : i < 60 ? [(b & c) | (b & d) | (c & d), 0x8f1bbcdc] : [b ^ c ^ d, 0xca62c1d6];
      const t = (((a << 5) | (a >>> 27)) + f + e + k + w[i]) >>> 0;
      e = d;
      d = c;
      c = (b << 30) | (b >>> 2);
      b = a;
      a = t;
    }
    h[0] = (h[0] + a) >>> 0;
    h[1] = (h[1] + b) >>> 0;
    h[2] = (h[2] + c) >>> 0;
    h[3] = (h[3] + d) >>> 0;
    h[4] = (h[4] + e) >>> 0;
  }
  return h.map((x) => (x >>> 0).toString(16).padStart(8, "0")).join("");
}

/** JSON with sorted keys, no spaces and non-ASCII escaped, the form whose hash SAM's generated IDs carry. */
function compactJson(value: unknown): string {
  const sorted = (v: unknown): unknown => (Array.isArray(v) ? v.map(sorted) : isPlainObject(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted(v[k])])) : v);
  return JSON.stringify(sorted(value)).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/**
 * The 10-hex suffix SAM gives IDs it derives from a value (`ApiGatewayDomainName<hash>`,
 * `RecordSetGroup<hash>`; SAM developer guide, "Generated resources" for Domain): SHA-1 of the
 * value (a string as is, anything else as compact sorted JSON). Keeping SAM's IDs means a stack
 * deployed with the SAM transform keeps its domain and DNS records when it switches to this export.
 */
export function samIdHash(value: unknown): string {
  return sha1Hex(typeof value === "string" ? value : compactJson(value)).slice(0, 10);
}

/** A value with `Ref`s to parameters that have a Default replaced by the default (as SAM resolves them before hashing). */
export function withParameterDefaults(template: JsonObject, value: unknown): unknown {
  const params = isPlainObject(template.Parameters) ? template.Parameters : {};
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (!isPlainObject(v)) return v;
    if (typeof v.Ref === "string" && Object.keys(v).length === 1) {
      const p = params[v.Ref];
      return isPlainObject(p) && p.Default !== undefined ? p.Default : v;
    }
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
  };
  return walk(value);
}

/** The path items of an OpenAPI `paths` entry: the item, or both branches of `Fn::If [cond, a, b]` that are items. */
export function pathItems(value: unknown): JsonObject[] {
  if (isPlainObject(value) && Array.isArray(value["Fn::If"])) return (value["Fn::If"] as unknown[]).slice(1).filter((b): b is JsonObject => isPlainObject(b) && b.Ref === undefined);
  return isPlainObject(value) ? [value] : [];
}
