/**
 * REST API authorizers (AWS::Serverless::Api Auth), written the way SAM writes them into the
 * Swagger body (SAM developer guide, "Controlling access to API Gateway APIs"): each authorizer
 * becomes a `securityDefinitions` entry with `x-amazon-apigateway-authorizer`, the default
 * authorizer (or the event's own `Auth.Authorizer`, "NONE" for none) is set as each method's
 * `security`, and a Lambda authorizer gets a permission `<Api><Name>AuthorizerPermission` so
 * API Gateway may call it. IAM authorization, API keys, usage plans and resource policies are
 * left to the SAM transform (reported as unsupported).
 */
import { isPlainObject } from "../validate/intrinsics";
import { pathItems, ref, type ApiRoute, type JsonObject, type TransformContext } from "./context";

const SUPPORTED_AUTH_KEYS = new Set(["Authorizers", "DefaultAuthorizer", "AddDefaultAuthorizerToCorsPreflight", "ApiKeyRequired", "AddApiKeyRequiredToCorsPreflight", "InvokeRole", "UsagePlan", "ResourcePolicy"]);

function identitySource(identity: JsonObject): string | undefined {
  const parts: string[] = [];
  const add = (list: unknown, prefix: string) => {
    if (Array.isArray(list)) for (const x of list) parts.push(`${prefix}${String(x)}`);
  };
  add(identity.Headers, "method.request.header.");
  add(identity.QueryStrings, "method.request.querystring.");
  add(identity.StageVariables, "stageVariables.");
  add(identity.Context, "context.");
  return parts.length > 0 ? parts.join(", ") : undefined;
}

function securityDefinition(auth: JsonObject): JsonObject | undefined {
  const identity = (isPlainObject(auth.Identity) ? auth.Identity : {}) as JsonObject;
  if (auth.UserPoolArn !== undefined) {
    const authorizer: JsonObject = { type: "cognito_user_pools", providerARNs: Array.isArray(auth.UserPoolArn) ? auth.UserPoolArn : [auth.UserPoolArn] };
    if (identity.ValidationExpression !== undefined) authorizer.identityValidationExpression = identity.ValidationExpression;
    return { type: "apiKey", name: identity.Header ?? "Authorization", in: "header", "x-amazon-apigateway-authtype": "cognito_user_pools", "x-amazon-apigateway-authorizer": authorizer };
  }
  if (auth.FunctionArn !== undefined) {
    const request = auth.FunctionPayloadType === "REQUEST";
    const authorizer: JsonObject = {
      type: request ? "request" : "token",
      authorizerUri: { "Fn::Sub": ["arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${__FunctionArn__}/invocations", { __FunctionArn__: auth.FunctionArn }] },
    };
    // FunctionInvokeRole NONE: API Gateway calls the authorizer through its resource-based permission.
    if (auth.FunctionInvokeRole !== undefined && auth.FunctionInvokeRole !== "NONE") authorizer.authorizerCredentials = auth.FunctionInvokeRole;
    if (identity.ReauthorizeEvery !== undefined) authorizer.authorizerResultTtlInSeconds = identity.ReauthorizeEvery;
    if (request) {
      const source = identitySource(identity);
      if (source) authorizer.identitySource = source;
    } else {
      authorizer.identitySource = `method.request.header.${String(identity.Header ?? "Authorization")}`;
      if (identity.ValidationExpression !== undefined) authorizer.identityValidationExpression = identity.ValidationExpression;
    }
    return { type: "apiKey", name: request ? "Unused" : (identity.Header ?? "Authorization"), in: "header", "x-amazon-apigateway-authtype": "custom", "x-amazon-apigateway-authorizer": authorizer };
  }
  return undefined;
}

/** IAM authorization: callers sign requests with SigV4 (API Gateway developer guide, "Control access to a REST API with IAM permissions"). */
const AWS_IAM_DEFINITION = { type: "apiKey", name: "Authorization", in: "header", "x-amazon-apigateway-authtype": "awsSigv4" };
/** API keys are sent in the x-api-key header (API Gateway developer guide, "Usage plans and API keys"). */
const API_KEY_DEFINITION = { type: "apiKey", name: "x-api-key", in: "header" };
/** `InvokeRole: CALLER_CREDENTIALS` lets API Gateway call the backend with the caller's own credentials (SAM ApiAuth "InvokeRole"). */
const CALLER_CREDENTIALS = "arn:aws:iam::*:user/*";

const HTTP_METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "x-amazon-apigateway-any-method"]);

/**
 * Authorizers into the body, `security` onto each method, permissions for Lambda authorizers,
 * the `api_key` requirement and IAM authorization with its invoke role. The API's defaults apply
 * to every method of the body (CORS preflights too unless AddDefaultAuthorizerToCorsPreflight /
 * AddApiKeyRequiredToCorsPreflight is false); an event's own Auth overrides them for its route; a
 * method that already has `security` in the DefinitionBody keeps it. Returns false when the Auth
 * block needs the SAM transform.
 */
export function applyRestAuth(ctx: TransformContext, apiId: string, authValue: unknown, body: JsonObject, routes: ApiRoute[]): boolean {
  if (authValue !== undefined && !isPlainObject(authValue)) return false;
  const auth = (authValue ?? {}) as JsonObject;
  const unknown = Object.keys(auth).filter((k) => !SUPPORTED_AUTH_KEYS.has(k));
  if (unknown.length > 0) {
    ctx.unsupported.push(`${apiId}: Auth (${unknown.join(", ")})`);
    return false;
  }
  const authorizers = (isPlainObject(auth.Authorizers) ? auth.Authorizers : {}) as JsonObject;
  const definitions: JsonObject = {};
  for (const [name, config] of Object.entries(authorizers)) {
    if (name === "AWS_IAM") continue;
    const def = isPlainObject(config) ? securityDefinition(config) : undefined;
    if (!def) {
      ctx.unsupported.push(`${apiId}: Auth.Authorizers.${name}`);
      return false;
    }
    definitions[name] = def;
    if (isPlainObject(config) && config.FunctionArn !== undefined && config.DisableFunctionDefaultPermissions !== true) {
      ctx.resources[`${apiId}${name}AuthorizerPermission`] = {
        Type: "AWS::Lambda::Permission",
        Properties: {
          Action: "lambda:InvokeFunction",
          FunctionName: config.FunctionArn,
          Principal: "apigateway.amazonaws.com",
          SourceArn: { "Fn::Sub": ["arn:aws:execute-api:${AWS::Region}:${AWS::AccountId}:${__ApiId__}/authorizers/*", { __ApiId__: ref(apiId) }] },
        },
      };
    }
  }
  const known = (name: unknown) => name === "AWS_IAM" || (typeof name === "string" && name in definitions);
  const defaultAuthorizer = auth.DefaultAuthorizer;
  if (defaultAuthorizer !== undefined && defaultAuthorizer !== "NONE" && !known(defaultAuthorizer)) {
    ctx.unsupported.push(`${apiId}: Auth.DefaultAuthorizer ${JSON.stringify(defaultAuthorizer)}`);
    return false;
  }
  for (const route of routes) {
    if (route.authorizer !== undefined && route.authorizer !== "NONE" && !known(route.authorizer)) {
      ctx.unsupported.push(`${route.target}: Events.${route.event} (Auth.Authorizer ${JSON.stringify(route.authorizer)})`);
      return false;
    }
  }

  const routeOf = new Map(routes.map((r) => [`${r.path} ${r.method === "any" ? "x-amazon-apigateway-any-method" : r.method}`, r]));
  let usesIam = false;
  let usesApiKey = false;
  const paths = (isPlainObject(body.paths) ? body.paths : {}) as JsonObject;
  for (const [path, item] of Object.entries(paths)) {
    for (const [method, op] of pathItems(item).flatMap((holder) => Object.entries(holder))) {
      if (!HTTP_METHODS.has(method) || !isPlainObject(op)) continue;
      const route = routeOf.get(`${path} ${method}`);
      if (!route && op.security !== undefined) continue;
      const preflight = method === "options";
      const authorizer = route?.authorizer ?? (preflight && auth.AddDefaultAuthorizerToCorsPreflight === false ? undefined : defaultAuthorizer);
      const apiKey = (route?.apiKeyRequired ?? (preflight && auth.AddApiKeyRequiredToCorsPreflight === false ? false : auth.ApiKeyRequired)) === true;
      const security: JsonObject[] = [];
      // An authorizer's own AuthorizationScopes are its default scopes (SAM CognitoAuthorizer "AuthorizationScopes").
      const ownScopes = typeof authorizer === "string" && isPlainObject(authorizers[authorizer]) ? (authorizers[authorizer] as JsonObject).AuthorizationScopes : undefined;
      if (typeof authorizer === "string" && authorizer !== "NONE") security.push({ [authorizer]: route?.scopes ?? ownScopes ?? [] });
      if (apiKey) security.push({ api_key: [] });
      if (security.length > 0) op.security = security;
      usesApiKey ||= apiKey;
      if (authorizer !== "AWS_IAM") continue;
      usesIam = true;
      const integration = op["x-amazon-apigateway-integration"];
      if (!route || route.integration !== "lambda" || !isPlainObject(integration)) continue;
      const role = route.invokeRole ? route.invokeRole.value : (auth.InvokeRole ?? "CALLER_CREDENTIALS");
      if (role === "CALLER_CREDENTIALS") integration.credentials = CALLER_CREDENTIALS;
      else if (role !== "NONE" && role !== null && role !== undefined) integration.credentials = role;
    }
  }
  if (usesIam) definitions.AWS_IAM = AWS_IAM_DEFINITION;
  if (usesApiKey) definitions.api_key = API_KEY_DEFINITION;
  if (Object.keys(definitions).length > 0) {
    if (body.openapi !== undefined) {
      // OpenAPI 3 keeps security schemes under components (OpenAPI 3.0.1 "Components Object").
      const components = (isPlainObject(body.components) ? body.components : (body.components = {})) as JsonObject;
      components.securitySchemes = { ...(isPlainObject(components.securitySchemes) ? components.securitySchemes : {}), ...definitions };
    } else {
      const existing = isPlainObject(body.securityDefinitions) ? body.securityDefinitions : {};
      body.securityDefinitions = { ...existing, ...definitions };
    }
  }
  return true;
}

const HTTP_AUTH_KEYS = new Set(["Authorizers", "DefaultAuthorizer", "EnableIamAuthorizer"]);

/** An HTTP API authorizer as an OpenAPI security scheme (JWT or Lambda), or undefined when SAM's transform is needed. */
function httpSecurityScheme(config: JsonObject): JsonObject | undefined {
  if (isPlainObject(config.JwtConfiguration)) {
    const jwt = config.JwtConfiguration;
    // SAM passes JwtConfiguration through; templates write its keys in either case.
    const authorizer: JsonObject = { type: "jwt", jwtConfiguration: { audience: jwt.Audience ?? jwt.audience, issuer: jwt.Issuer ?? jwt.issuer } };
    if (config.IdentitySource !== undefined) authorizer.identitySource = config.IdentitySource;
    return { type: "oauth2", "x-amazon-apigateway-authorizer": authorizer };
  }
  if (config.FunctionArn !== undefined && config.EnableFunctionDefaultPermissions !== true) {
    const identity = (isPlainObject(config.Identity) ? config.Identity : {}) as JsonObject;
    const authorizer: JsonObject = {
      type: "request",
      authorizerUri: { "Fn::Sub": ["arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${__FunctionArn__}/invocations", { __FunctionArn__: config.FunctionArn }] },
    };
    if (config.AuthorizerPayloadFormatVersion !== undefined) authorizer.authorizerPayloadFormatVersion = config.AuthorizerPayloadFormatVersion;
    if (config.EnableSimpleResponses !== undefined) authorizer.enableSimpleResponses = config.EnableSimpleResponses;
    if (config.FunctionInvokeRole !== undefined) authorizer.authorizerCredentials = config.FunctionInvokeRole;
    if (identity.ReauthorizeEvery !== undefined) authorizer.authorizerResultTtlInSeconds = identity.ReauthorizeEvery;
    const sources: string[] = [];
    const add = (list: unknown, prefix: string) => {
      if (Array.isArray(list)) for (const x of list) sources.push(`${prefix}${String(x)}`);
    };
    add(identity.Headers, "$request.header.");
    add(identity.QueryStrings, "$request.querystring.");
    add(identity.StageVariables, "$stageVariables.");
    add(identity.Context, "$context.");
    if (sources.length > 0) authorizer.identitySource = sources;
    return { type: "apiKey", name: "Unused", in: "header", "x-amazon-apigateway-authorizer": authorizer };
  }
  return undefined;
}

/** HTTP API Auth into `components.securitySchemes` and each route's `security`. Returns false when the SAM transform is needed. */
export function applyHttpAuth(ctx: TransformContext, apiId: string, auth: unknown, body: JsonObject, routes: ApiRoute[]): boolean {
  if (!isPlainObject(auth)) return false;
  const unknown = Object.keys(auth).filter((k) => !HTTP_AUTH_KEYS.has(k));
  if (unknown.length > 0) {
    ctx.unsupported.push(`${apiId}: Auth (${unknown.join(", ")})`);
    return false;
  }
  const schemes: JsonObject = {};
  const defaultScopes: Record<string, unknown> = {};
  if (auth.EnableIamAuthorizer === true) schemes.AWS_IAM = { type: "apiKey", name: "Authorization", in: "header", "x-amazon-apigateway-authtype": "awsSigv4" };
  for (const [name, config] of Object.entries((isPlainObject(auth.Authorizers) ? auth.Authorizers : {}) as JsonObject)) {
    const scheme = isPlainObject(config) ? httpSecurityScheme(config) : undefined;
    if (!scheme) {
      ctx.unsupported.push(`${apiId}: Auth.Authorizers.${name}`);
      return false;
    }
    schemes[name] = scheme;
    if (isPlainObject(config) && config.AuthorizationScopes !== undefined) defaultScopes[name] = config.AuthorizationScopes;
  }
  const defaultAuthorizer = auth.DefaultAuthorizer;
  if (defaultAuthorizer !== undefined && (typeof defaultAuthorizer !== "string" || !(defaultAuthorizer in schemes))) {
    ctx.unsupported.push(`${apiId}: Auth.DefaultAuthorizer ${JSON.stringify(defaultAuthorizer)}`);
    return false;
  }
  const components = (isPlainObject(body.components) ? body.components : (body.components = {})) as JsonObject;
  components.securitySchemes = { ...(isPlainObject(components.securitySchemes) ? components.securitySchemes : {}), ...schemes };
  const paths = (isPlainObject(body.paths) ? body.paths : {}) as JsonObject;
  for (const route of routes) {
    const chosen = route.authorizer ?? defaultAuthorizer;
    if (chosen === undefined || chosen === "NONE") continue;
    if (typeof chosen !== "string" || !(chosen in schemes)) {
      ctx.unsupported.push(`${route.target}: Events.${route.event} (Auth.Authorizer ${JSON.stringify(chosen)})`);
      continue;
    }
    const item = paths[route.path];
    const holder = (isPlainObject(item) && Array.isArray(item["Fn::If"]) ? (item["Fn::If"] as unknown[])[1] : item) as JsonObject | undefined;
    const op = holder?.[route.method === "any" ? "x-amazon-apigateway-any-method" : route.method];
    if (isPlainObject(op)) op.security = [{ [chosen]: route.scopes ?? defaultScopes[chosen] ?? [] }];
  }
  return true;
}
