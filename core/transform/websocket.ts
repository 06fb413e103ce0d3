/**
 * AWS::Serverless::WebSocketApi → an AWS::ApiGatewayV2::Api with ProtocolType WEBSOCKET and, per
 * entry of `Routes`, a Lambda proxy integration `<Api><Route>Integration`, the route
 * `<Api><Route>Route` and a permission `<Api><Route>Permission` for API Gateway to invoke the
 * function; one auto-deployed stage (`<Api>DefaultStage` named "default", or
 * `<Api><StageName>Stage`); `Auth` on the `$connect` route, the only route a WebSocket API
 * authorizes (API Gateway developer guide, "Controlling access to WebSocket APIs"): a Lambda
 * REQUEST authorizer `<Api>ConnectAuthorizer` (with `<Api>AuthorizerPermission` unless an
 * InvokeRole is given), AWS_IAM or NONE; and `Domain` as for HTTP APIs.
 * `<Route>` is the route key with only letters and digits, first letter upper case ("$connect" →
 * "Connect").
 */
import { isPlainObject } from "../validate/intrinsics";
import { capitalise, conditionOf, passThroughAttributes, pick, ref, type JsonObject, type TransformContext } from "./context";
import { addDomain } from "./domains";

const SAM_TAG = { "websocketapi:createdBy": "SAM" };
const ROUTE_PROPERTIES = ["ApiKeyRequired", "ModelSelectionExpression", "OperationName", "RequestModels", "RequestParameters", "RouteResponseSelectionExpression"];

const lambdaUri = (name: string, arn: unknown) => ({ "Fn::Sub": [`arn:\${AWS::Partition}:apigateway:\${AWS::Region}:lambda:path/2015-03-31/functions/\${${name}}/invocations`, { [name]: arn }] });

export function transformWebSocketApi(ctx: TransformContext, id: string, res: JsonObject): void {
  const props = (isPlainObject(res.Properties) ? res.Properties : {}) as JsonObject;
  const routes = isPlainObject(props.Routes) ? props.Routes : {};
  const auth = isPlainObject(props.Auth) ? props.Auth : undefined;
  if (props.Auth !== undefined && (!auth || !["CUSTOM", "AWS_IAM", "NONE"].includes(auth.AuthType as string))) {
    ctx.unsupported.push(`${id}: Auth (AuthType must be CUSTOM, AWS_IAM or NONE)`);
    ctx.resources[id] = res;
    return;
  }
  const userTags = isPlainObject(props.Tags) ? props.Tags : {};
  const tags = { ...userTags, ...SAM_TAG };
  const propagated = props.PropagateTags === true ? tags : SAM_TAG;
  const attrs = conditionOf(res);
  ctx.resources[id] = {
    Type: "AWS::ApiGatewayV2::Api",
    ...passThroughAttributes(res),
    Properties: {
      Name: props.Name ?? id,
      ProtocolType: "WEBSOCKET",
      ...pick(props, ["RouteSelectionExpression", "ApiKeySelectionExpression", "Description", "DisableExecuteApiEndpoint", "DisableSchemaValidation", "IpAddressType"]),
      Tags: tags,
    },
  };
  const stageName = props.StageName ?? "default";
  const stageId = props.StageName === undefined ? `${id}DefaultStage` : typeof stageName === "string" ? `${id}${stageName.replace(/[^A-Za-z0-9]/g, "")}Stage` : `${id}Stage`;
  const routeIds: string[] = [];
  for (const [key, config] of Object.entries(routes)) {
    if (!isPlainObject(config) || config.FunctionArn === undefined) {
      ctx.unsupported.push(`${id}: Routes.${key} without FunctionArn`);
      continue;
    }
    const name = capitalise(key.replace(/[^A-Za-z0-9]/g, ""));
    const integrationId = `${id}${name}Integration`;
    ctx.resources[integrationId] = {
      Type: "AWS::ApiGatewayV2::Integration",
      ...attrs,
      Properties: { ApiId: ref(id), IntegrationType: "AWS_PROXY", IntegrationUri: lambdaUri("FunctionArn", config.FunctionArn), ...pick(config, [["IntegrationTimeout", "TimeoutInMillis"]]) },
    };
    const route: JsonObject = { ApiId: ref(id), RouteKey: key, Target: { "Fn::Join": ["/", ["integrations", ref(integrationId)]] }, ...pick(config, ROUTE_PROPERTIES) };
    if (key === "$connect" && auth) {
      route.AuthorizationType = auth.AuthType;
      if (auth.AuthType === "CUSTOM") {
        const authorizerId = `${id}ConnectAuthorizer`;
        ctx.resources[authorizerId] = {
          Type: "AWS::ApiGatewayV2::Authorizer",
          ...attrs,
          Properties: {
            ApiId: ref(id),
            AuthorizerType: "REQUEST",
            AuthorizerUri: lambdaUri("AuthArn", auth.AuthArn),
            Name: auth.Name ?? authorizerId,
            ...pick(auth, ["IdentitySource", ["InvokeRole", "AuthorizerCredentialsArn"]]),
          },
        };
        route.AuthorizerId = ref(authorizerId);
        // Without a role to assume, API Gateway calls the authorizer through a resource-based permission.
        if (auth.InvokeRole === undefined) {
          ctx.resources[`${id}AuthorizerPermission`] = {
            Type: "AWS::Lambda::Permission",
            ...attrs,
            Properties: {
              Action: "lambda:InvokeFunction",
              FunctionName: auth.AuthArn,
              Principal: "apigateway.amazonaws.com",
              SourceArn: { "Fn::Sub": ["arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${__ApiId__}/authorizers/*", { __ApiId__: ref(id) }] },
            },
          };
        }
      }
    }
    const routeId = `${id}${name}Route`;
    ctx.resources[routeId] = { Type: "AWS::ApiGatewayV2::Route", ...attrs, Properties: route };
    routeIds.push(routeId);
    ctx.resources[`${id}${name}Permission`] = {
      Type: "AWS::Lambda::Permission",
      ...attrs,
      Properties: {
        Action: "lambda:InvokeFunction",
        FunctionName: config.FunctionArn,
        Principal: "apigateway.amazonaws.com",
        SourceArn: { "Fn::Sub": `arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${${id}.ApiId}/${String(stageName)}/${key}` },
      },
    };
  }
  const stage: JsonObject = { ApiId: ref(id), AutoDeploy: true, StageName: stageName, ...pick(props, ["AccessLogSettings", "StageVariables", "DefaultRouteSettings", "RouteSettings"]), Tags: propagated };
  // Route settings name routes, which must exist before the stage refers to them.
  ctx.resources[stageId] = { Type: "AWS::ApiGatewayV2::Stage", ...attrs, ...(props.RouteSettings !== undefined && routeIds.length > 0 ? { DependsOn: routeIds } : {}), Properties: stage };
  ctx.refRewrites.set(`${id}.Stage`, stageId);
  if (props.Domain !== undefined) addDomain(ctx, { apiId: id, api: res, stageId, kind: "http", tags: propagated }, props.Domain);
}
