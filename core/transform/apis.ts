/**
 * AWS::Serverless::Api and HttpApi, explicit or implicit (`ServerlessRestApi`,
 * `ServerlessHttpApi`, created when a function has Api / HttpApi events that name no API).
 *
 * REST: `AWS::ApiGateway::RestApi` whose Body is the DefinitionBody with the events' routes added
 * (or a generated Swagger 2.0 document), a deployment `<Api>Deployment<hash>` and a stage
 * `<Api><StageName>Stage` (`<Api>Stage` when the name is an intrinsic; `ServerlessRestApiProdStage`).
 * HTTP: `AWS::ApiGatewayV2::Api` with an OpenAPI 3.0.1 body and the `$default` auto-deployed stage
 * `<Api>ApiGatewayDefaultStage`, or `<Api><StageName>Stage`.
 */
import { isPlainObject } from "../validate/intrinsics";
import { applyHttpAuth, applyRestAuth } from "./api-auth";
import { addDomain } from "./domains";
import { applyResourcePolicy } from "./resource-policy";
import { addUsagePlan } from "./usage-plans";
import { conditionOf, contentHash, passThroughAttributes, pathItems, pick, ref, samIdHash, s3Location, type ApiRoute, type JsonObject, type TransformContext } from "./context";

// MergeDefinitions needs nothing of its own: event routes are always merged into the DefinitionBody here.
const REST_NOT_SUPPORTED = ["CanarySetting", "AlwaysDeploy"];
const HTTP_NOT_SUPPORTED: string[] = [];

const ALL_METHODS = ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"];

/**
 * REST API Cors: an OPTIONS method with a mock integration on every path, answering with the
 * Access-Control-* headers (SAM developer guide, AWS::Serverless::Api "Cors"). Values are used as
 * written (API Gateway wants them quoted: "'*'"); a plain string is the allowed origin; without
 * AllowMethods the path's own methods are allowed.
 */
function addCors(body: JsonObject, cors: unknown): void {
  const config: JsonObject = typeof cors === "string" || !isPlainObject(cors) || isIntrinsic(cors) ? { AllowOrigin: cors } : cors;
  const paths = isPlainObject(body.paths) ? body.paths : {};
  // A conditional path (`Fn::If [cond, item, other]`) gets its preflight in each branch that is a path item.
  for (const item of Object.values(paths).flatMap(pathItems)) {
    if (item.options !== undefined || isIntrinsic(item)) continue;
    const methods = Object.keys(item).map((m) => (m === "x-amazon-apigateway-any-method" ? "ANY" : m.toUpperCase())).filter((m) => ALL_METHODS.includes(m) || m === "ANY");
    const allowMethods = config.AllowMethods ?? `'${(methods.includes("ANY") ? ALL_METHODS : [...new Set([...methods, "OPTIONS"])].sort()).join(",")}'`;
    const headers: JsonObject = {};
    const params: JsonObject = {};
    // OpenAPI 3 describes a header with a schema; Swagger 2.0 with a type (OpenAPI 3.0.1 "Header Object").
    const openApi3 = body.openapi !== undefined;
    const set = (header: string, value: unknown) => {
      if (value === undefined) return;
      headers[header] = openApi3 ? { schema: { type: "string" } } : { type: "string" };
      params[`method.response.header.${header}`] = value;
    };
    set("Access-Control-Allow-Credentials", config.AllowCredentials === true ? "'true'" : undefined);
    set("Access-Control-Allow-Headers", config.AllowHeaders);
    set("Access-Control-Allow-Methods", allowMethods);
    set("Access-Control-Allow-Origin", config.AllowOrigin);
    set("Access-Control-Max-Age", config.MaxAge);
    item.options = {
      summary: "CORS support",
      ...(openApi3 ? {} : { consumes: ["application/json"], produces: ["application/json"] }),
      "x-amazon-apigateway-integration": {
        type: "mock",
        requestTemplates: { "application/json": '{\n  "statusCode" : 200\n}\n' },
        responses: { default: { statusCode: "200", responseParameters: params, responseTemplates: { "application/json": "{}\n" } } },
      },
      responses: { "200": { description: "Default response for CORS method", headers } },
    };
  }
}

const RESPONSE_PARAMETER_PREFIX: Record<string, string> = { Headers: "header", Paths: "path", QueryStrings: "querystring" };

/**
 * GatewayResponses → the body's x-amazon-apigateway-gateway-responses (API Gateway developer guide,
 * "x-amazon-apigateway-gateway-responses"): each parameter becomes `gatewayresponse.<header|path|querystring>.<name>`,
 * the status code a string. Returns what cannot be written, if anything.
 */
function gatewayResponses(responses: unknown): JsonObject | string {
  if (!isPlainObject(responses)) return "GatewayResponses must be a mapping of response types";
  const out: JsonObject = {};
  for (const [type, config] of Object.entries(responses)) {
    if (!isPlainObject(config)) return `GatewayResponses.${type} must be a mapping`;
    const params: JsonObject = {};
    const given = config.ResponseParameters ?? {};
    if (!isPlainObject(given)) return `GatewayResponses.${type}.ResponseParameters must be a mapping`;
    for (const [kind, values] of Object.entries(given)) {
      const prefix = RESPONSE_PARAMETER_PREFIX[kind];
      if (!prefix || !isPlainObject(values)) return `GatewayResponses.${type}.ResponseParameters.${kind}`;
      for (const [name, value] of Object.entries(values)) params[`gatewayresponse.${prefix}.${name}`] = value;
    }
    const response: JsonObject = { responseParameters: params, responseTemplates: config.ResponseTemplates ?? {} };
    if (config.StatusCode !== undefined) {
      if (!/^\d{3}$/.test(String(config.StatusCode))) return `GatewayResponses.${type}.StatusCode`;
      response.statusCode = String(config.StatusCode);
    }
    out[type] = response;
  }
  return out;
}

/**
 * Models and the events' RequestModel (SAM AWS::Serverless::Api "Models", Api event "RequestModel"):
 * each model becomes a schema named in lower case (Swagger `definitions`, OpenAPI 3
 * `components.schemas`), a route with a RequestModel takes it as its body, and ValidateBody /
 * ValidateParameters pick one of API Gateway's request validators. Returns what cannot be written.
 */
function applyModels(body: JsonObject, models: unknown, routes: ApiRoute[]): string | undefined {
  const openApi3 = body.openapi !== undefined;
  const names = new Map<string, string>();
  if (models !== undefined) {
    if (!isPlainObject(models)) return "Models must be a mapping";
    const holder = (openApi3 ? ((body.components ??= {}) as JsonObject) : body) as JsonObject;
    const key = openApi3 ? "schemas" : "definitions";
    const schemas = (isPlainObject(holder[key]) ? holder[key] : (holder[key] = {})) as JsonObject;
    for (const [name, schema] of Object.entries(models)) {
      schemas[name.toLowerCase()] = schema;
      names.set(name, name.toLowerCase());
    }
  }
  const paths = (isPlainObject(body.paths) ? body.paths : {}) as JsonObject;
  const validators: JsonObject = {};
  for (const route of routes) {
    if (!isPlainObject(route.requestModel)) continue;
    const rm = route.requestModel;
    const model = typeof rm.Model === "string" ? names.get(rm.Model) : undefined;
    if (!model) return `RequestModel.Model ${JSON.stringify(rm.Model)} is not one of the API's Models`;
    const op = pathItems(paths[route.path]).map((item) => item[route.method === "any" ? "x-amazon-apigateway-any-method" : route.method]).find(isPlainObject) as JsonObject | undefined;
    if (!op) continue;
    const ref = openApi3 ? `#/components/schemas/${model}` : `#/definitions/${model}`;
    const required = rm.Required === true;
    if (openApi3) op.requestBody = { content: { "application/json": { schema: { $ref: ref } } }, required };
    else op.parameters = [...(Array.isArray(op.parameters) ? op.parameters : []), { in: "body", name: model, required, schema: { $ref: ref } }];
    if (rm.ValidateBody !== undefined || rm.ValidateParameters !== undefined) {
      const b = rm.ValidateBody === true;
      const p = rm.ValidateParameters === true;
      const name = b && p ? "body-and-params" : b ? "body-only" : p ? "params-only" : "no-validation";
      validators[name] = { validateRequestBody: b, validateRequestParameters: p };
      op["x-amazon-apigateway-request-validator"] = name;
    }
  }
  if (Object.keys(validators).length > 0) body["x-amazon-apigateway-request-validators"] = { ...(isPlainObject(body["x-amazon-apigateway-request-validators"]) ? body["x-amazon-apigateway-request-validators"] : {}), ...validators };
  return undefined;
}

/** The OpenAPI 3 version asked for by OpenApiVersion ("3.0.1", or 3 / 3.0 as a number), if any. */
function openApiVersion(value: unknown): string | undefined {
  if (typeof value === "number" && Math.floor(value) === 3) return Number.isInteger(value) ? "3.0" : String(value);
  return typeof value === "string" && /^3(\.|$)/.test(value) ? value : undefined;
}

const PARAMETER_LOCATION: Record<string, string> = { header: "header", querystring: "query", path: "path" };

/**
 * An Api event's RequestParameters (SAM Api event "RequestParameters"): each
 * `method.request.<header|querystring|path>.<name>` becomes a parameter of the method (required
 * when Required is true), and with Caching true a cache key of the integration. Returns what
 * cannot be written.
 */
function applyRequestParameters(body: JsonObject, routes: ApiRoute[]): string | undefined {
  const openApi3 = body.openapi !== undefined;
  const paths = (isPlainObject(body.paths) ? body.paths : {}) as JsonObject;
  for (const route of routes) {
    if (route.requestParameters === undefined) continue;
    if (!Array.isArray(route.requestParameters)) return "RequestParameters must be a list";
    const op = pathItems(paths[route.path]).map((item) => item[route.method === "any" ? "x-amazon-apigateway-any-method" : route.method]).find(isPlainObject) as JsonObject | undefined;
    if (!op) continue;
    for (const entry of route.requestParameters) {
      const [full, settings] = typeof entry === "string" ? [entry, {}] : isPlainObject(entry) && Object.keys(entry).length === 1 ? Object.entries(entry)[0] : [undefined, {}];
      const m = typeof full === "string" ? /^method\.request\.(header|querystring|path)\.(.+)$/.exec(full) : null;
      if (!m || !isPlainObject(settings)) return `RequestParameters entry ${JSON.stringify(entry)} is not method.request.<header|querystring|path>.<name>`;
      const parameter: JsonObject = { in: PARAMETER_LOCATION[m[1]], name: m[2], required: settings.Required === true, ...(openApi3 ? { schema: { type: "string" } } : { type: "string" }) };
      op.parameters = [...(Array.isArray(op.parameters) ? op.parameters : []), parameter];
      const integration = op["x-amazon-apigateway-integration"];
      if (settings.Caching === true && isPlainObject(integration)) integration.cacheKeyParameters = [...(Array.isArray(integration.cacheKeyParameters) ? integration.cacheKeyParameters : []), full];
    }
  }
  return undefined;
}

function isIntrinsic(v: JsonObject): boolean {
  const keys = Object.keys(v);
  return keys.length === 1 && (keys[0] === "Ref" || keys[0].startsWith("Fn::"));
}

/** HTTP API CorsConfiguration → the body's x-amazon-apigateway-cors (keys in lower camel case). */
function httpCors(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(httpCors);
  if (!isPlainObject(value)) return value;
  if (isIntrinsic(value)) {
    if (Array.isArray(value["Fn::If"])) {
      const [cond, a, b] = value["Fn::If"] as unknown[];
      const branch = (x: unknown) => (isPlainObject(x) && x.Ref === "AWS::NoValue" ? "AWS::NoValue" : httpCors(x));
      return { "Fn::If": [cond, branch(a), branch(b)] };
    }
    return value;
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.charAt(0).toLowerCase() + k.slice(1), v]));
}

/** API Gateway → Step Functions StartExecution, passing the request body as the execution input. */
function statesOperation(route: ApiRoute): JsonObject {
  // SAM's template, character for character (the replaceAll undoes escapeJavaScript's \' when asked).
  const unescape = route.unescape ? String.raw`.replaceAll("\\'","'")` : "";
  return {
    responses: { "200": { description: "OK" }, "400": { description: "Bad Request" } },
    "x-amazon-apigateway-integration": {
      type: "aws",
      httpMethod: "POST",
      uri: { "Fn::Sub": "arn:${AWS::Partition}:apigateway:${AWS::Region}:states:action/StartExecution" },
      credentials: { "Fn::GetAtt": [route.credentialsRole, "Arn"] },
      requestTemplates: { "application/json": { "Fn::Sub": `{"input": "$util.escapeJavaScript($input.json('$'))${unescape}", "stateMachineArn": "\${${route.startExecutionOf ?? route.target}}"}` } },
      responses: { "200": { statusCode: "200" }, "400": { statusCode: "400" } },
    },
  };
}

function integration(route: ApiRoute, payloadV2: boolean): JsonObject {
  const uri = { "Fn::Sub": payloadV2 ? `arn:\${AWS::Partition}:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${${route.target}.Arn}/invocations` : `arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${${route.target}.Arn}/invocations` };
  const out: JsonObject = { httpMethod: "POST", type: "aws_proxy", uri };
  if (payloadV2) out.payloadFormatVersion = "2.0";
  return out;
}

function addRoutes(body: JsonObject, routes: ApiRoute[], payloadV2: boolean): void {
  const paths = (isPlainObject(body.paths) ? body.paths : (body.paths = {})) as JsonObject;
  for (const route of routes) {
    let item: JsonObject;
    const existing = paths[route.path];
    if (typeof route.condition === "string" && (existing === undefined || (isPlainObject(existing) && Array.isArray(existing["Fn::If"]) && existing["Fn::If"][0] === route.condition))) {
      // A conditional function's routes exist only when its condition holds.
      if (existing === undefined) paths[route.path] = { "Fn::If": [route.condition, {}, { Ref: "AWS::NoValue" }] };
      item = (paths[route.path] as { "Fn::If": JsonObject[] })["Fn::If"][1];
    } else {
      item = (isPlainObject(existing) && !Array.isArray(existing["Fn::If"]) ? existing : (paths[route.path] = {})) as JsonObject;
    }
    const method = route.method === "any" ? "x-amazon-apigateway-any-method" : route.method;
    const op: JsonObject = route.integration === "states" ? statesOperation(route) : { "x-amazon-apigateway-integration": integration(route, payloadV2), responses: {} };
    if (payloadV2) {
      if (route.path === "$default") op.isDefaultRoute = true;
      const params = [...route.path.matchAll(/\{([^}+]+)\+?\}/g)].map((m) => ({ in: "path", name: m[1], required: true }));
      if (params.length > 0) op.parameters = params;
    }
    item[method] = op;
  }
}

function restApi(ctx: TransformContext, id: string, res: JsonObject, routes: ApiRoute[]): void {
  const props = (isPlainObject(res.Properties) ? res.Properties : {}) as JsonObject;
  for (const key of REST_NOT_SUPPORTED) if (props[key] !== undefined) ctx.unsupported.push(`${id}: ${key}`);
  const api: JsonObject = pick(props, ["Name", "Description", "BinaryMediaTypes", "MinimumCompressionSize", "ApiKeySourceType", "DisableExecuteApiEndpoint", "FailOnWarnings", "Mode", "Policy"]);
  if (props.DefinitionUri !== undefined && props.DefinitionBody === undefined) {
    api.BodyS3Location = s3Location(props.DefinitionUri, { bucket: "Bucket", key: "Key", version: "Version" }) ?? props.DefinitionUri;
    // Like SAM, routes are not added to a document in S3 (it cannot be read here): the document must already define them; their permissions are written.
    if (isPlainObject(props.Auth) && Object.keys(props.Auth).length > 0) ctx.unsupported.push(`${id}: Auth on a DefinitionUri document`);
  } else {
    const body: JsonObject = isPlainObject(props.DefinitionBody)
      ? structuredClone(props.DefinitionBody)
      : {
          // OpenApiVersion 3.x asks for an OpenAPI 3 document instead of Swagger 2.0 (SAM AWS::Serverless::Api "OpenApiVersion").
          // YAML reads an unquoted 3.0 as the number 3; the document's version is the text "3.0".
          ...(openApiVersion(props.OpenApiVersion) ? { openapi: openApiVersion(props.OpenApiVersion) } : { swagger: "2.0" }),
          info: { version: "1.0", title: props.Name ?? { Ref: "AWS::StackName" } },
          paths: {},
        };
    addRoutes(body, routes, false);
    // CORS first: the preflight methods it adds get the API's authorizer and API key too (SAM ApiAuth "AddDefaultAuthorizerToCorsPreflight").
    if (props.Cors !== undefined) addCors(body, props.Cors);
    if (props.Models !== undefined || routes.some((r) => r.requestModel !== undefined)) {
      const problem = applyModels(body, props.Models, routes);
      if (problem) ctx.unsupported.push(`${id}: ${problem}`);
    }
    if (routes.some((r) => r.requestParameters !== undefined)) {
      const problem = applyRequestParameters(body, routes);
      if (problem) ctx.unsupported.push(`${id}: ${problem}`);
    }
    if (props.GatewayResponses !== undefined) {
      const responses = gatewayResponses(props.GatewayResponses);
      if (typeof responses === "string") ctx.unsupported.push(`${id}: ${responses}`);
      else body["x-amazon-apigateway-gateway-responses"] = { ...(isPlainObject(body["x-amazon-apigateway-gateway-responses"]) ? body["x-amazon-apigateway-gateway-responses"] : {}), ...responses };
    }
    if (props.Auth !== undefined || routes.some((r) => r.authorizer !== undefined || r.apiKeyRequired !== undefined)) applyRestAuth(ctx, id, props.Auth, body, routes);
    applyResourcePolicy(ctx, id, isPlainObject(props.Auth) ? props.Auth.ResourcePolicy : undefined, body, routes, props.StageName ?? "Prod");
    api.Body = body;
  }
  if (props.EndpointConfiguration !== undefined) {
    const ec = props.EndpointConfiguration;
    // SAM's VPCEndpointIds is CloudFormation's VpcEndpointIds (AWS::ApiGateway::RestApi EndpointConfiguration).
    api.EndpointConfiguration = typeof ec === "string" ? { Types: [ec] } : isPlainObject(ec) && ec.Type !== undefined ? { Types: [ec.Type], ...pick(ec, [["VPCEndpointIds", "VpcEndpointIds"], "IpAddressType"]) } : ec;
    const type = typeof ec === "string" ? ec : isPlainObject(ec) ? ec.Type : undefined;
    if (type !== undefined) api.Parameters = { endpointConfigurationTypes: type };
  }
  if (props.Tags !== undefined && props.PropagateTags) api.Tags = props.Tags;
  ctx.resources[id] = { Type: "AWS::ApiGateway::RestApi", ...passThroughAttributes(res), Properties: api };

  const deploymentId = `${id}Deployment${contentHash(api)}`;
  ctx.resources[deploymentId] = {
    Type: "AWS::ApiGateway::Deployment",
    ...conditionOf(res),
    Properties: { RestApiId: ref(id), Description: `RestApi deployment id: ${contentHash(api)}`, StageName: "Stage" },
  };
  const stageName = props.StageName ?? "Prod";
  // A stage name that is not a valid logical ID part ("hoge-fuga") gives `<Api>Stage<hash of the name>`, as SAM names it.
  const stageId = typeof stageName === "string" ? (/^[A-Za-z0-9]+$/.test(stageName) ? `${id}${stageName}Stage` : `${id}Stage${samIdHash(stageName)}`) : `${id}Stage`;
  const stage: JsonObject = {
    DeploymentId: ref(deploymentId),
    RestApiId: ref(id),
    StageName: stageName,
    ...pick(props, [["Variables", "Variables"], "MethodSettings", "AccessLogSetting", "CacheClusterEnabled", "CacheClusterSize"]),
  };
  if (props.TracingEnabled !== undefined) stage.TracingEnabled = props.TracingEnabled;
  if (props.Tags !== undefined) stage.Tags = Object.entries(props.Tags as JsonObject).map(([Key, Value]) => ({ Key, Value }));
  ctx.resources[stageId] = { Type: "AWS::ApiGateway::Stage", ...conditionOf(res), Properties: stage };
  ctx.refRewrites.set(`${id}.Stage`, stageId);
  ctx.refRewrites.set(`${id}.Deployment`, deploymentId);
  if (props.Domain !== undefined) addDomain(ctx, { apiId: id, api: res, stageId, kind: "rest" }, props.Domain);
  if (isPlainObject(props.Auth)) addUsagePlan(ctx, id, res, stageId, props.Auth.UsagePlan);
}

function httpApi(ctx: TransformContext, id: string, res: JsonObject, routes: ApiRoute[]): void {
  const props = (isPlainObject(res.Properties) ? res.Properties : {}) as JsonObject;
  for (const key of HTTP_NOT_SUPPORTED) if (props[key] !== undefined) ctx.unsupported.push(`${id}: ${key}`);
  const api: JsonObject = pick(props, ["Description", "DisableExecuteApiEndpoint", "FailOnWarnings", "Name"]);
  if (props.DefinitionUri !== undefined && props.DefinitionBody === undefined) {
    api.BodyS3Location = s3Location(props.DefinitionUri, { bucket: "Bucket", key: "Key", version: "Version" }) ?? props.DefinitionUri;
    // Like SAM, routes are not added to a document in S3 (it cannot be read here): the document must already define them; their permissions are written.
  } else {
    const body: JsonObject = isPlainObject(props.DefinitionBody)
      ? structuredClone(props.DefinitionBody)
      : { openapi: "3.0.1", info: { version: "1.0", title: props.Name ?? { Ref: "AWS::StackName" } }, paths: {} };
    addRoutes(body, routes, true);
    if (props.Auth !== undefined) applyHttpAuth(ctx, id, props.Auth, body, routes);
    else if (routes.some((r) => r.authorizer !== undefined && r.authorizer !== "NONE")) ctx.unsupported.push(`${id}: an event names an authorizer the API does not define`);
    if (props.CorsConfiguration !== undefined) {
      if (props.CorsConfiguration === true) body["x-amazon-apigateway-cors"] = { allowOrigins: ["*"], allowHeaders: ["*"], allowMethods: ["*"] };
      else body["x-amazon-apigateway-cors"] = httpCors(props.CorsConfiguration);
    }
    const tags = Array.isArray(body.tags) ? body.tags : [];
    body.tags = [...tags, { name: "httpapi:createdBy", "x-amazon-apigateway-tag-value": "SAM" }];
    api.Body = body;
  }
  ctx.resources[id] = { Type: "AWS::ApiGatewayV2::Api", ...passThroughAttributes(res), Properties: api };
  const stageName = props.StageName;
  const stageId = stageName === undefined || stageName === "$default" ? `${id}ApiGatewayDefaultStage` : typeof stageName === "string" ? `${id}${stageName.replace(/[^A-Za-z0-9]/g, "")}Stage` : `${id}Stage`;
  const stage: JsonObject = {
    ApiId: ref(id),
    AutoDeploy: true,
    StageName: stageName ?? "$default",
    ...pick(props, [["StageVariables", "StageVariables"], "AccessLogSettings", "DefaultRouteSettings"]),
  };
  // The stage's RouteSettings are keyed by route ("GET /items", "$default"); an event's own settings refine its route's (SAM HttpApi event "RouteSettings").
  const routeSettings: JsonObject = isPlainObject(props.RouteSettings) ? { ...props.RouteSettings } : {};
  for (const route of routes) {
    if (!isPlainObject(route.routeSettings)) continue;
    const key = route.path === "$default" ? "$default" : `${route.method === "any" ? "ANY" : route.method.toUpperCase()} ${route.path}`;
    routeSettings[key] = { ...(isPlainObject(routeSettings[key]) ? routeSettings[key] : {}), ...route.routeSettings };
  }
  if (Object.keys(routeSettings).length > 0) stage.RouteSettings = routeSettings;
  else if (props.RouteSettings !== undefined) stage.RouteSettings = props.RouteSettings;
  stage.Tags = { "httpapi:createdBy": "SAM", ...(isPlainObject(props.Tags) ? props.Tags : {}) };
  ctx.resources[stageId] = { Type: "AWS::ApiGatewayV2::Stage", ...conditionOf(res), Properties: stage };
  ctx.refRewrites.set(`${id}.Stage`, stageId);
  if (props.Domain !== undefined) addDomain(ctx, { apiId: id, api: res, stageId, kind: "http" }, props.Domain);
}

/** Write every REST and HTTP API: the explicit ones in the template and the implicit ones events asked for. */
export function transformApis(ctx: TransformContext, sources: Record<string, JsonObject>, globals: JsonObject): void {
  for (const [id, res] of Object.entries(sources)) {
    if (!isPlainObject(res)) continue;
    try {
      if (res.Type === "AWS::Serverless::Api") restApi(ctx, id, res, ctx.restRoutes.get(id) ?? []);
      if (res.Type === "AWS::Serverless::HttpApi") httpApi(ctx, id, res, ctx.httpRoutes.get(id) ?? []);
    } catch (error) {
      ctx.unsupported.push(`${id}: could not be transformed (${(error as Error).message})`);
      ctx.resources[id] = res;
    }
  }
  const implicitRest = ctx.restRoutes.get("ServerlessRestApi");
  if (implicitRest && !sources.ServerlessRestApi) {
    restApi(ctx, "ServerlessRestApi", { Type: "AWS::Serverless::Api", Properties: isPlainObject(globals.Api) ? globals.Api : {} }, implicitRest);
  }
  const implicitHttp = ctx.httpRoutes.get("ServerlessHttpApi");
  if (implicitHttp && !sources.ServerlessHttpApi) {
    httpApi(ctx, "ServerlessHttpApi", { Type: "AWS::Serverless::HttpApi", Properties: isPlainObject(globals.HttpApi) ? globals.HttpApi : {} }, implicitHttp);
  }
}
