/**
 * API route without an authorizer, and function URLs without authentication.
 *
 * A route counts as protected when an authorizer applies to it (its own, or the API's
 * DefaultAuthorizer, Globals included; AWS_IAM counts) or when it requires an API key. Not
 * reported: routes explicitly opted out with `Authorizer: NONE` (a deliberate public route),
 * OPTIONS routes (CORS preflight must stay open), and APIs whose access is controlled another way
 * (a resource policy, a private endpoint, or security declared in an OpenAPI definition, which
 * this check does not read).
 */
import type { Problem } from "../model/types";
import { isObject } from "./references";
import { describe, finding, setPropertyFix, wiresOfDeclarations, type CheckRule } from "./rule";
import type { Route } from "./design-facts";

const WHY =
  "Without an authorizer anyone who finds the URL can call the route, and every call runs (and bills) the function behind it. " +
  "API Gateway can check callers with IAM, Amazon Cognito user pools, JWT or Lambda authorizers. Sources: API Gateway Developer Guide, " +
  "\"Control and manage access to REST APIs in API Gateway\" (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-to-api.html) " +
  "and \"Control and manage access to HTTP APIs in API Gateway\" (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-access-control.html), read 2026-11-23.";

const WHY_URL =
  "A function URL with AuthType NONE can be called by anyone on the internet. Source: AWS Lambda Developer Guide, \"Control access to " +
  "Lambda function URLs\" (https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html), read 2026-11-23.";

export const apiWithoutAuthorizer: CheckRule = {
  id: "api-without-authorizer",
  title: "API route or function URL without authorization",
  severity: "warning",
  source: "https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-to-api.html",
  run(ctx) {
    const problems: Problem[] = [];
    const open = new Map<string, Route[]>();
    for (const route of ctx.facts.routes) {
      if (route.authorizer || route.explicitlyOpen || route.apiKeyRequired || route.method === "OPTIONS") continue;
      if (ctx.facts.apisWithOtherAccessControl.has(route.api)) continue;
      open.set(route.api, [...(open.get(route.api) ?? []), route]);
    }
    for (const [apiId, routes] of open) {
      const api = ctx.facts.resources.get(apiId);
      const kind = routes[0].apiKind === "rest" ? "REST API" : "HTTP API";
      const listed = routes.slice(0, 5).map((r) => `${r.method} ${r.path}${r.function ? ` (${r.function})` : ""}`);
      const more = routes.length > 5 ? ` and ${routes.length - 5} more` : "";
      const apiName = api ? describe(api, apiId) : `${kind} ${apiId}${apiId.startsWith("Serverless") ? " (created by SAM)" : ""}`;
      // When the API already declares authorizers but no default, making the first one the default is one edit.
      const auth = api && isObject(api.properties.Auth) ? api.properties.Auth : undefined;
      const authorizers = auth && isObject(auth.Authorizers) ? Object.keys(auth.Authorizers) : [];
      const fix =
        api && (api.type === "AWS::Serverless::Api" || api.type === "AWS::Serverless::HttpApi") && authorizers.length > 0 && auth?.DefaultAuthorizer === undefined
          ? setPropertyFix(`Use ${authorizers[0]} as the default authorizer`, apiId, ["Auth", "DefaultAuthorizer"], authorizers[0])
          : undefined;
      const anchor = api ? { resource: api, path: ["Properties", "Auth"] } : { resource: routes[0].declaredIn, path: routes[0].routePath };
      problems.push(
        finding(ctx, {
          rule: apiWithoutAuthorizer,
          resource: anchor.resource,
          path: anchor.path,
          message: `${apiName} has ${routes.length === 1 ? "a route" : `${routes.length} routes`} without an authorizer: ${listed.join(", ")}${more}. Anyone with the URL can call ${routes.length === 1 ? "it" : "them"}.`,
          why: WHY,
          fix,
          wires: wiresOfDeclarations(ctx, routes.map((r) => ({ declaredIn: r.declaredIn, path: r.routePath, function: r.function, source: r.api }))),
        }),
      );
    }
    for (const fn of ctx.facts.functions.values()) {
      const url = fn.props.FunctionUrlConfig;
      if (!isObject(url) || url.AuthType !== "NONE") continue;
      problems.push(
        finding(ctx, {
          rule: apiWithoutAuthorizer,
          resource: fn.resource,
          path: ["Properties", "FunctionUrlConfig", "AuthType"],
          message: `${describe(fn.resource, fn.resource.id)} has a function URL with AuthType NONE: anyone on the internet can invoke it.`,
          why: WHY_URL,
          fix: setPropertyFix("Require IAM authentication for the function URL", fn.resource.id, ["FunctionUrlConfig", "AuthType"], "AWS_IAM"),
        }),
      );
    }
    for (const r of ctx.facts.resources.values()) {
      if (r.type !== "AWS::Lambda::Url" || r.properties.AuthType !== "NONE") continue;
      problems.push(
        finding(ctx, {
          rule: apiWithoutAuthorizer,
          resource: r,
          path: ["Properties", "AuthType"],
          message: `Function URL ${r.id} has AuthType NONE: anyone on the internet can invoke the function.`,
          why: WHY_URL,
          fix: setPropertyFix("Require IAM authentication for the function URL", r.id, ["AuthType"], "AWS_IAM"),
        }),
      );
    }
    return problems;
  },
};
