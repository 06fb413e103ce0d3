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
import { conditionOf, contentHash, passThroughAttributes, pick, ref, s3Location, type ApiRoute, type JsonObject, type TransformContext } from "./context";

const REST_NOT_SUPPORTED = ["Auth", "Cors", "Domain", "GatewayResponses", "Models", "CanarySetting", "MergeDefinitions", "AlwaysDeploy"];
const HTTP_NOT_SUPPORTED = ["Auth", "CorsConfiguration", "Domain", "RouteSettings"];

function integration(route: ApiRoute, payloadV2: boolean): JsonObject {
  const uri = { "Fn::Sub": payloadV2 ? `arn:\${AWS::Partition}:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${${route.target}.Arn}/invocations` : `arn:aws:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${${route.target}.Arn}/invocations` };
  const out: JsonObject = { httpMethod: "POST", type: "aws_proxy", uri };
  if (payloadV2) out.payloadFormatVersion = "2.0";
  return out;
}

function addRoutes(body: JsonObject, routes: ApiRoute[], payloadV2: boolean): void {
  const paths = (isPlainObject(body.paths) ? body.paths : (body.paths = {})) as JsonObject;
  for (const route of routes) {
    const item = (isPlainObject(paths[route.path]) ? paths[route.path] : (paths[route.path] = {})) as JsonObject;
    const method = route.method === "any" ? "x-amazon-apigateway-any-method" : route.method;
    const op: JsonObject = { "x-amazon-apigateway-integration": integration(route, payloadV2), responses: {} };
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
    if (routes.length > 0) ctx.unsupported.push(`${id}: events added to a DefinitionUri document`);
  } else {
    const body: JsonObject = isPlainObject(props.DefinitionBody)
      ? structuredClone(props.DefinitionBody)
      : { swagger: "2.0", info: { version: "1.0", title: props.Name ?? { Ref: "AWS::StackName" } }, paths: {} };
    addRoutes(body, routes, false);
    api.Body = body;
  }
  if (props.EndpointConfiguration !== undefined) {
    const ec = props.EndpointConfiguration;
    api.EndpointConfiguration = typeof ec === "string" ? { Types: [ec] } : isPlainObject(ec) && ec.Type !== undefined ? { Types: [ec.Type], ...pick(ec, ["VPCEndpointIds"]) } : ec;
    if (typeof ec === "string") api.Parameters = { endpointConfigurationTypes: ec };
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
  const stageId = typeof stageName === "string" ? `${id}${stageName.replace(/[^A-Za-z0-9]/g, "")}Stage` : `${id}Stage`;
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
}

function httpApi(ctx: TransformContext, id: string, res: JsonObject, routes: ApiRoute[]): void {
  const props = (isPlainObject(res.Properties) ? res.Properties : {}) as JsonObject;
  for (const key of HTTP_NOT_SUPPORTED) if (props[key] !== undefined) ctx.unsupported.push(`${id}: ${key}`);
  const api: JsonObject = pick(props, ["Description", "DisableExecuteApiEndpoint", "FailOnWarnings", "Name"]);
  if (props.DefinitionUri !== undefined && props.DefinitionBody === undefined) {
    api.BodyS3Location = s3Location(props.DefinitionUri, { bucket: "Bucket", key: "Key", version: "Version" }) ?? props.DefinitionUri;
    if (routes.length > 0) ctx.unsupported.push(`${id}: events added to a DefinitionUri document`);
  } else {
    const body: JsonObject = isPlainObject(props.DefinitionBody)
      ? structuredClone(props.DefinitionBody)
      : { openapi: "3.0.1", info: { version: "1.0", title: props.Name ?? { Ref: "AWS::StackName" } }, paths: {} };
    addRoutes(body, routes, true);
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
  stage.Tags = { "httpapi:createdBy": "SAM", ...(isPlainObject(props.Tags) ? props.Tags : {}) };
  ctx.resources[stageId] = { Type: "AWS::ApiGatewayV2::Stage", ...conditionOf(res), Properties: stage };
  ctx.refRewrites.set(`${id}.Stage`, stageId);
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
