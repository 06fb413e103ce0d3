/**
 * Api (REST) and HttpApi events: the route is collected for the API resource (the implicit
 * `ServerlessRestApi` / `ServerlessHttpApi` when the event names no API), and a permission lets
 * API Gateway invoke the function: `<Function><Event>Permission<Stage>` for REST APIs,
 * `<Function><Event>Permission` for HTTP APIs, scoped to the route's execute-api ARN.
 */
import { ref, samIdHash, type ApiRoute, type JsonObject, type TransformContext } from "../context";
import { isPlainObject } from "../../validate/intrinsics";
import { addPermission } from "./lambda-permission";
import type { EventTarget } from "./types";

function apiId(ctx: TransformContext, value: unknown, implicit: string, type: string): string | undefined {
  if (value === undefined) return implicit;
  if (isPlainObject(value) && typeof value.Ref === "string") return value.Ref;
  // A plain string that names the template's own API is that API (SAM adds the route to it; it also
  // writes the string itself into the permission's ARN, which no real API ID matches, so here the
  // permission refers to the API instead).
  if (typeof value === "string" && ctx.isServerless(value, type)) return value;
  return undefined;
}

/** `/users/{id}` → `/users/*` in execute-api ARNs; `/{proxy+}` is `*`. */
function arnPath(path: string): string {
  return path.replace(/\{[^}]+\}/g, "*");
}

function restStageSuffix(ctx: TransformContext, api: string): string {
  if (api === "ServerlessRestApi") return "Prod";
  const res = (ctx.template.Resources as JsonObject)[api] as JsonObject | undefined;
  const stage = (res?.Properties as JsonObject | undefined)?.StageName;
  return typeof stage === "string" ? (/^[A-Za-z0-9]+$/.test(stage) ? stage : samIdHash(stage)) : "Stage";
}

export function restApiEvent(ctx: TransformContext, target: EventTarget, name: string, props: JsonObject): void {
  const api = apiId(ctx, props.RestApiId, "ServerlessRestApi", "AWS::Serverless::Api");
  if (!api || (api !== "ServerlessRestApi" && !ctx.isServerless(api, "AWS::Serverless::Api"))) {
    ctx.unsupported.push(`${target.id}: Events.${name} (Api event on an API that is not an AWS::Serverless::Api in this template)`);
    return;
  }
  const auth = isPlainObject(props.Auth) ? props.Auth : undefined;
  const authKeys = auth ? Object.keys(auth).filter((k) => !["Authorizer", "AuthorizationScopes", "ApiKeyRequired", "InvokeRole", "ResourcePolicy"].includes(k)) : [];
  if ((props.Auth !== undefined && !auth) || authKeys.length > 0) {
    ctx.unsupported.push(`${target.id}: Events.${name} (Api event with Auth ${authKeys.join(", ")})`);
    return;
  }
  const path = String(props.Path);
  const method = String(props.Method).toLowerCase();
  const routes = ctx.restRoutes.get(api) ?? [];
  const route: ApiRoute = { target: target.id, event: name, path, method, integration: target.kind === "function" ? "lambda" : "states", condition: target.source.Condition, authorizer: auth?.Authorizer, scopes: auth?.AuthorizationScopes, apiKeyRequired: auth?.ApiKeyRequired, resourcePolicy: auth?.ResourcePolicy, requestModel: props.RequestModel, requestParameters: props.RequestParameters };
  if (auth && "InvokeRole" in auth) route.invokeRole = { value: auth.InvokeRole };
  routes.push(route);
  ctx.restRoutes.set(api, routes);
  if (target.kind !== "function") {
    // API Gateway starts the execution itself, with a role `<StateMachine><Event>Role` it assumes.
    const roleId = `${target.id}${name}Role`;
    route.credentialsRole = roleId;
    const invoked = (target.invokeRef as { Ref?: unknown }).Ref;
    if (typeof invoked === "string" && invoked !== target.id) route.startExecutionOf = invoked;
    route.unescape = props.UnescapeMappingTemplate === true;
    ctx.resources[roleId] = {
      Type: "AWS::IAM::Role",
      ...(target.source.Condition !== undefined ? { Condition: target.source.Condition } : {}),
      Properties: {
        AssumeRolePolicyDocument: { Version: "2012-10-17", Statement: [{ Action: ["sts:AssumeRole"], Effect: "Allow", Principal: { Service: ["apigateway.amazonaws.com"] } }] },
        Policies: [{ PolicyName: `${roleId}StartExecutionPolicy`, PolicyDocument: { Statement: [{ Action: "states:StartExecution", Effect: "Allow", Resource: target.invokeRef }] } }],
      },
    };
    return;
  }
  const methodArn = method === "any" ? "*" : method.toUpperCase();
  addPermission(ctx, target, `${target.id}${name}Permission${restStageSuffix(ctx, api)}`, "apigateway.amazonaws.com", {
    SourceArn: {
      "Fn::Sub": [`arn:aws:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${__ApiId__}/\${__Stage__}/${methodArn}${arnPath(path)}`, { __ApiId__: ref(api), __Stage__: "*" }],
    },
  });
}

export function httpApiEvent(ctx: TransformContext, target: EventTarget, name: string, props: JsonObject): void {
  const api = apiId(ctx, props.ApiId, "ServerlessHttpApi", "AWS::Serverless::HttpApi");
  if (!api || (api !== "ServerlessHttpApi" && !ctx.isServerless(api, "AWS::Serverless::HttpApi"))) {
    ctx.unsupported.push(`${target.id}: Events.${name} (HttpApi event on an API that is not an AWS::Serverless::HttpApi in this template)`);
    return;
  }
  const auth = isPlainObject(props.Auth) ? props.Auth : undefined;
  const authKeys = auth ? Object.keys(auth).filter((k) => k !== "Authorizer" && k !== "AuthorizationScopes") : [];
  if ((props.Auth !== undefined && !auth) || authKeys.length > 0) {
    ctx.unsupported.push(`${target.id}: Events.${name} (HttpApi event with Auth ${authKeys.join(", ")})`);
    return;
  }
  const isDefault = props.Path === undefined && props.Method === undefined;
  const written = String(props.Path ?? "/");
  const path = isDefault ? "$default" : written.startsWith("/") ? written : `/${written}`;
  const method = isDefault ? "any" : String(props.Method ?? "any").toLowerCase();
  const routes = ctx.httpRoutes.get(api) ?? [];
  routes.push({ target: target.id, event: name, path, method, integration: "lambda", condition: target.source.Condition, authorizer: auth?.Authorizer, scopes: auth?.AuthorizationScopes, routeSettings: props.RouteSettings });
  ctx.httpRoutes.set(api, routes);
  const routeArn = isDefault ? "*" : path === "$default" || path === "/$default" ? "$default" : `${method === "any" ? "*" : method.toUpperCase()}${arnPath(path).replace(/\*\+?/g, "*")}`;
  addPermission(ctx, target, `${target.id}${name}Permission`, "apigateway.amazonaws.com", {
    SourceArn: {
      "Fn::Sub": [`arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${__ApiId__}/\${__Stage__}/${routeArn}`, { __ApiId__: ref(api), __Stage__: "*" }],
    },
  });
}
