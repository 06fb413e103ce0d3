/**
 * A REST API's `Auth.ResourcePolicy` (and an Api event's own) → the body's
 * `x-amazon-apigateway-policy` (SAM developer guide, ResourcePolicyStatement; API Gateway developer
 * guide, "Controlling access to a REST API with API Gateway resource policies"). For each method
 * the policy covers (every method of the body for the API's policy, the event's route for an
 * event's policy), scoped to `execute-api:/<stage>/<METHOD>/<path>`:
 * - AwsAccountWhitelist / AwsAccountBlacklist: allow / deny those accounts;
 * - IpRangeWhitelist / IpRangeBlacklist: allow everyone, then deny callers outside / inside the ranges;
 * - SourceVpcWhitelist / SourceVpcBlacklist (and the Intrinsic* lists): allow everyone, then deny
 *   requests not from / from those VPCs (`vpc-…`, aws:SourceVpc) or VPC endpoints (`vpce-…`,
 *   aws:SourceVpce);
 * - CustomStatements: added as written, once.
 */
import { isPlainObject } from "../validate/intrinsics";
import { pathItems, withParameterDefaults, type ApiRoute, type JsonObject, type TransformContext } from "./context";

const KEYS = new Set([
  "AwsAccountWhitelist",
  "AwsAccountBlacklist",
  "IpRangeWhitelist",
  "IpRangeBlacklist",
  "SourceVpcWhitelist",
  "SourceVpcBlacklist",
  "IntrinsicVpcWhitelist",
  "IntrinsicVpcBlacklist",
  "IntrinsicVpceWhitelist",
  "IntrinsicVpceBlacklist",
  "CustomStatements",
]);

const HTTP_METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "x-amazon-apigateway-any-method"]);

const list = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Split VPC and VPC endpoint IDs (a `Ref` to a parameter is judged by its default). Undefined when one cannot be told. */
function vpcKinds(ctx: TransformContext, policy: JsonObject, which: "Whitelist" | "Blacklist"): { vpc: unknown[]; vpce: unknown[] } | undefined {
  const out = { vpc: list(policy[`IntrinsicVpc${which}`]), vpce: list(policy[`IntrinsicVpce${which}`]) };
  for (const id of list(policy[`SourceVpc${which}`])) {
    const seen = withParameterDefaults(ctx.template, id);
    if (typeof seen !== "string") return undefined;
    (seen.startsWith("vpce-") ? out.vpce : out.vpc).push(id);
  }
  return out;
}

function statementsFor(ctx: TransformContext, policy: JsonObject, resource: unknown): JsonObject[] | undefined {
  const out: JsonObject[] = [];
  const statement = (effect: string, principal: unknown, condition?: JsonObject) => ({ Action: "execute-api:Invoke", Effect: effect, Principal: principal, Resource: [resource], ...(condition ? { Condition: condition } : {}) });
  if (policy.AwsAccountWhitelist !== undefined) out.push(statement("Allow", { AWS: list(policy.AwsAccountWhitelist) }));
  if (policy.AwsAccountBlacklist !== undefined) out.push(statement("Deny", { AWS: list(policy.AwsAccountBlacklist) }));
  if (policy.IpRangeWhitelist !== undefined || policy.IpRangeBlacklist !== undefined) {
    out.push(statement("Allow", "*"));
    if (policy.IpRangeWhitelist !== undefined) out.push(statement("Deny", "*", { NotIpAddress: { "aws:SourceIp": list(policy.IpRangeWhitelist) } }));
    if (policy.IpRangeBlacklist !== undefined) out.push(statement("Deny", "*", { IpAddress: { "aws:SourceIp": list(policy.IpRangeBlacklist) } }));
  }
  const allowed = vpcKinds(ctx, policy, "Whitelist");
  const denied = vpcKinds(ctx, policy, "Blacklist");
  if (!allowed || !denied) return undefined;
  if (allowed.vpc.length + allowed.vpce.length + denied.vpc.length + denied.vpce.length > 0) {
    out.push(statement("Allow", "*"));
    // Deny unless the request comes from one of the listed VPCs or endpoints.
    const notFrom: JsonObject = {};
    if (allowed.vpc.length > 0) notFrom["aws:SourceVpc"] = allowed.vpc;
    if (allowed.vpce.length > 0) notFrom["aws:SourceVpce"] = allowed.vpce;
    if (Object.keys(notFrom).length > 0) out.push(statement("Deny", "*", { StringNotEquals: notFrom }));
    if (denied.vpc.length > 0) out.push(statement("Deny", "*", { StringEquals: { "aws:SourceVpc": denied.vpc } }));
    if (denied.vpce.length > 0) out.push(statement("Deny", "*", { StringEquals: { "aws:SourceVpce": denied.vpce } }));
  }
  return out;
}

/** `execute-api:/<stage>/<METHOD>/<path>`; any method is `*`, path parameters match any segment. */
function methodResource(stageName: unknown, method: string, path: string): JsonObject {
  const verb = method === "x-amazon-apigateway-any-method" || method === "any" ? "*" : method.toUpperCase();
  return { "Fn::Sub": [`execute-api:/\${__Stage__}/${verb}/${path.replace(/^\//, "").replace(/\{[^}]+\}/g, "*")}`, { __Stage__: stageName }] };
}

/** Write the policy into the body; false (and reported) when it needs the SAM transform. */
export function applyResourcePolicy(ctx: TransformContext, apiId: string, apiPolicy: unknown, body: JsonObject, routes: ApiRoute[], stageName: unknown): boolean {
  const policies = [apiPolicy, ...routes.map((r) => r.resourcePolicy)].filter((p) => p !== undefined);
  if (policies.length === 0) return true;
  for (const p of policies) {
    const unknown = isPlainObject(p) ? Object.keys(p).filter((k) => !KEYS.has(k)) : ["(not an object)"];
    if (unknown.length > 0) {
      ctx.unsupported.push(`${apiId}: Auth.ResourcePolicy (${unknown.join(", ")})`);
      return false;
    }
  }
  const statements: JsonObject[] = [];
  const add = (policy: JsonObject, resource: JsonObject): boolean => {
    const made = statementsFor(ctx, policy, resource);
    if (!made) return false;
    statements.push(...made);
    return true;
  };
  if (isPlainObject(apiPolicy)) {
    const paths = (isPlainObject(body.paths) ? body.paths : {}) as JsonObject;
    for (const [path, item] of Object.entries(paths)) {
      for (const method of pathItems(item).flatMap((holder) => Object.keys(holder))) if (HTTP_METHODS.has(method) && !add(apiPolicy as JsonObject, methodResource(stageName, method, path))) return unsupportedVpc(ctx, apiId);
    }
  }
  for (const route of routes) if (isPlainObject(route.resourcePolicy) && !add(route.resourcePolicy as JsonObject, methodResource(stageName, route.method, route.path))) return unsupportedVpc(ctx, apiId);
  const custom = policies.map((p) => (p as JsonObject).CustomStatements).filter((c) => c !== undefined);
  let statement: unknown = statements;
  // The API's and its events' custom statements are often the same (Globals); each is written once.
  const distinct = custom.filter((c, i) => custom.findIndex((x) => JSON.stringify(x) === JSON.stringify(c)) === i);
  for (const c of distinct) {
    // A single statement or an Fn::If stays as written when it is the whole policy.
    if (statements.length === 0 && distinct.length === 1) statement = c;
    else statements.push(...(Array.isArray(c) ? c : [c]));
  }
  if (Array.isArray(statement) && statement.length === 0) return true;
  body["x-amazon-apigateway-policy"] = { Version: "2012-10-17", Statement: statement };
  return true;
}

function unsupportedVpc(ctx: TransformContext, apiId: string): false {
  ctx.unsupported.push(`${apiId}: Auth.ResourcePolicy (a SourceVpc entry that is neither vpc-… nor vpce-…; use IntrinsicVpc… / IntrinsicVpce…)`);
  return false;
}
