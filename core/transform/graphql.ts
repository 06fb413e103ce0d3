/**
 * AWS::Serverless::GraphQLApi → AppSync resources, named as the SAM developer guide lists them
 * ("AWS::Serverless::GraphQLApi", Generated AWS CloudFormation resources):
 * - `<Api>` AWS::AppSync::GraphQLApi (authentication from `Auth`, logging to CloudWatch through a
 *   role `<Api>CloudWatchRole` unless Logging is false or names its own role) and
 *   `<Api>Schema` (SchemaInline / SchemaUri);
 * - data sources `<Api><Name>DynamoDBDataSource` / `<Api><Name>LambdaDataSource`; one without a
 *   ServiceRoleArn gets a role `<DataSource>Role` that AppSync assumes and the same least-privilege
 *   policy a connector writes (`<DataSource>ToTableConnectorPolicy`: read and write the table and
 *   its indexes; `<DataSource>ToLambdaConnectorPolicy`: invoke the function);
 * - functions `<Api><Name>` (AWS::AppSync::FunctionConfiguration; DataSource "NONE" in any case
 *   uses one `<Api>NoneDataSource`), pipeline resolvers `<Api><Type><Name>` (default code passes
 *   the last function's result through), API keys `<Api><Name>`, `<Api>ApiCache`, and
 *   `<Api>DomainName` with its `<Api>DomainNameApiAssociation`;
 * - a Lambda authorizer gets a permission `<Api>ToLambdaAuthConnector<n>WriteLambdaPermission`.
 */
import { isPlainObject } from "../validate/intrinsics";
import { conditionOf, getAtt, passThroughAttributes, pick, ref, s3Location, type JsonObject, type TransformContext } from "./context";

const SAM_TAG = { Key: "graphqlapi:createdBy", Value: "SAM" };
const APPSYNC_ASSUME = { Version: "2012-10-17", Statement: [{ Action: ["sts:AssumeRole"], Effect: "Allow", Principal: { Service: ["appsync.amazonaws.com"] } }] };
const DYNAMODB_READ = ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan", "dynamodb:BatchGetItem", "dynamodb:ConditionCheckItem", "dynamodb:PartiQLSelect"];
const DYNAMODB_WRITE = ["dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem", "dynamodb:PartiQLDelete", "dynamodb:PartiQLInsert", "dynamodb:PartiQLUpdate"];
/** A pipeline resolver without code of its own: no request mapping, the last function's result as the field's value. */
const PASS_THROUGH_CODE = "\nexport function request(ctx) {\n    return {};\n}\n\nexport function response(ctx) {\n    return ctx.prev.result;\n}\n";

/** One authentication provider: Type plus its configuration block under AppSync's names. */
function provider(auth: JsonObject): JsonObject {
  const out: JsonObject = { AuthenticationType: auth.Type };
  if (isPlainObject(auth.LambdaAuthorizer)) out.LambdaAuthorizerConfig = auth.LambdaAuthorizer;
  if (isPlainObject(auth.OpenIDConnect)) out.OpenIDConnectConfig = auth.OpenIDConnect;
  if (isPlainObject(auth.UserPool)) out.UserPoolConfig = auth.UserPool;
  return out;
}

export function transformGraphQlApi(ctx: TransformContext, id: string, res: JsonObject): void {
  const props = (isPlainObject(res.Properties) ? res.Properties : {}) as JsonObject;
  const fail = (what: string) => {
    ctx.unsupported.push(`${id}: ${what}`);
    ctx.resources[id] = res;
  };
  const auth = props.Auth;
  if (!isPlainObject(auth) || typeof auth.Type !== "string") return fail("Auth.Type is required");
  const attrs = conditionOf(res);
  const apiId = getAtt(id, "ApiId");

  const api: JsonObject = { Name: props.Name ?? id, ...provider(auth) };
  // The primary provider's DefaultAction applies to a user pool; an additional one has none (AppSync AdditionalAuthenticationProvider).
  const additional = Array.isArray(auth.Additional) ? auth.Additional.filter(isPlainObject).map((a) => provider(a as JsonObject)) : [];
  for (const a of additional) if (isPlainObject(a.UserPoolConfig)) a.UserPoolConfig = pick(a.UserPoolConfig as JsonObject, ["AppIdClientRegex", "AwsRegion", "UserPoolId"]);
  if (additional.length > 0) api.AdditionalAuthenticationProviders = additional;
  if (props.Logging !== false) {
    const logging = (isPlainObject(props.Logging) ? props.Logging : {}) as JsonObject;
    const log: JsonObject = { ...pick(logging, ["ExcludeVerboseContent"]), FieldLogLevel: logging.FieldLogLevel ?? "ALL" };
    if (logging.CloudWatchLogsRoleArn !== undefined) log.CloudWatchLogsRoleArn = logging.CloudWatchLogsRoleArn;
    else {
      // AWS managed policy for AppSync logging (AppSync developer guide, "Setting up CloudWatch Logs").
      ctx.resources[`${id}CloudWatchRole`] = {
        Type: "AWS::IAM::Role",
        ...attrs,
        Properties: { AssumeRolePolicyDocument: APPSYNC_ASSUME, ManagedPolicyArns: [{ "Fn::Sub": "arn:${AWS::Partition}:iam::aws:policy/service-role/AWSAppSyncPushToCloudWatchLogs" }] },
      };
      log.CloudWatchLogsRoleArn = getAtt(`${id}CloudWatchRole`, "Arn");
    }
    api.LogConfig = log;
  }
  Object.assign(api, pick(props, ["XrayEnabled", "Visibility", "OwnerContact", "IntrospectionConfig", "QueryDepthLimit", "ResolverCountLimit"]));
  api.Tags = [...(isPlainObject(props.Tags) ? Object.entries(props.Tags).map(([Key, Value]) => ({ Key, Value })) : []), SAM_TAG];
  ctx.resources[id] = { Type: "AWS::AppSync::GraphQLApi", ...passThroughAttributes(res), Properties: api };

  const lambdaAuthorizers = [auth, ...(Array.isArray(auth.Additional) ? auth.Additional : [])].filter((a) => isPlainObject(a) && a.Type === "AWS_LAMBDA" && isPlainObject(a.LambdaAuthorizer)) as JsonObject[];
  lambdaAuthorizers.forEach((a, i) => {
    const connector = `${id}ToLambdaAuthConnector${i + 1}`;
    ctx.resources[`${connector}WriteLambdaPermission`] = {
      Type: "AWS::Lambda::Permission",
      ...attrs,
      Metadata: { "aws:sam:connectors": { [connector]: { Source: { Type: "AWS::AppSync::GraphQLApi" }, Destination: { Type: "AWS::Lambda::Function" } } } },
      Properties: {
        Action: "lambda:InvokeFunction",
        FunctionName: (a.LambdaAuthorizer as JsonObject).AuthorizerUri,
        Principal: "appsync.amazonaws.com",
        SourceArn: { "Fn::Sub": ["arn:${AWS::Partition}:appsync:${AWS::Region}:${AWS::AccountId}:apis/${SourceResourceId}", { SourceResourceId: apiId }] },
      },
    };
  });

  const schemaId = `${id}Schema`;
  if (props.SchemaInline !== undefined) ctx.resources[schemaId] = { Type: "AWS::AppSync::GraphQLSchema", ...attrs, Properties: { ApiId: apiId, Definition: props.SchemaInline } };
  else if (props.SchemaUri !== undefined) ctx.resources[schemaId] = { Type: "AWS::AppSync::GraphQLSchema", ...attrs, Properties: { ApiId: apiId, DefinitionS3Location: props.SchemaUri } };

  for (const [name, key] of Object.entries(isPlainObject(props.ApiKeys) ? props.ApiKeys : {})) {
    const k = (isPlainObject(key) ? key : {}) as JsonObject;
    ctx.resources[`${id}${name}`] = { Type: "AWS::AppSync::ApiKey", ...attrs, Properties: { ApiId: apiId, ...pick(k, ["ApiKeyId", "Description", ["ExpiresOn", "Expires"]]) } };
  }
  if (isPlainObject(props.Cache)) ctx.resources[`${id}ApiCache`] = { Type: "AWS::AppSync::ApiCache", ...attrs, Properties: { ApiId: apiId, ...(props.Cache as JsonObject) } };
  if (isPlainObject(props.DomainName)) {
    ctx.resources[`${id}DomainName`] = { Type: "AWS::AppSync::DomainName", ...attrs, Properties: pick(props.DomainName as JsonObject, ["CertificateArn", "Description", "DomainName"]) };
    ctx.resources[`${id}DomainNameApiAssociation`] = { Type: "AWS::AppSync::DomainNameApiAssociation", ...attrs, Properties: { ApiId: apiId, DomainName: ref(`${id}DomainName`) } };
  }

  const dataSources = new Map<string, string>();
  const sources = (isPlainObject(props.DataSources) ? props.DataSources : {}) as JsonObject;
  for (const [kind, entries] of Object.entries(sources)) {
    if (kind !== "DynamoDb" && kind !== "Lambda") return fail(`DataSources.${kind}`);
    for (const [name, config] of Object.entries(isPlainObject(entries) ? entries : {})) {
      if (!isPlainObject(config)) continue;
      const dsId = `${id}${name}${kind === "DynamoDb" ? "DynamoDB" : "Lambda"}DataSource`;
      const ds: JsonObject = { ApiId: apiId, Name: config.Name ?? name, Type: kind === "DynamoDb" ? "AMAZON_DYNAMODB" : "AWS_LAMBDA", ...pick(config, ["Description"]) };
      if (kind === "DynamoDb") {
        ds.DynamoDBConfig = {
          AwsRegion: config.Region ?? { Ref: "AWS::Region" },
          TableName: config.TableName,
          ...pick(config, ["UseCallerCredentials", "Versioned"]),
          ...(isPlainObject(config.DeltaSync) ? { DeltaSyncConfig: config.DeltaSync } : {}),
        };
      } else ds.LambdaConfig = { LambdaFunctionArn: config.FunctionArn };
      if (config.ServiceRoleArn !== undefined) ds.ServiceRoleArn = config.ServiceRoleArn;
      else {
        // Without TableArn the table is the named one in the data source's region and this account.
        const tableArn = config.TableArn ?? (config.TableName !== undefined ? { "Fn::Sub": ["arn:${AWS::Partition}:dynamodb:${__Region__}:${AWS::AccountId}:table/${__TableName__}", { __Region__: config.Region ?? { Ref: "AWS::Region" }, __TableName__: config.TableName }] } : undefined);
        const target = kind === "DynamoDb" ? tableArn : config.FunctionArn;
        if (target === undefined) return fail(`DataSources.${kind}.${name} needs ${kind === "DynamoDb" ? "TableArn" : "FunctionArn"} or ServiceRoleArn`);
        ctx.resources[`${dsId}Role`] = { Type: "AWS::IAM::Role", ...attrs, Properties: { AssumeRolePolicyDocument: APPSYNC_ASSUME } };
        ds.ServiceRoleArn = getAtt(`${dsId}Role`, "Arn");
        const suffix = kind === "DynamoDb" ? "/index/*" : ":*";
        const resources = [target, { "Fn::Sub": [`\${DestinationArn}${suffix}`, { DestinationArn: target }] }];
        const statements = kind === "DynamoDb" ? [DYNAMODB_READ, DYNAMODB_WRITE].map((Action) => ({ Effect: "Allow", Action, Resource: resources })) : [{ Effect: "Allow", Action: ["lambda:InvokeAsync", "lambda:InvokeFunction"], Resource: resources }];
        const connector = `${dsId}To${kind === "DynamoDb" ? "Table" : "Lambda"}Connector`;
        ctx.resources[`${connector}Policy`] = {
          Type: "AWS::IAM::ManagedPolicy",
          ...attrs,
          Metadata: { "aws:sam:connectors": { [connector]: { Source: { Type: "AWS::AppSync::DataSource" }, Destination: { Type: kind === "DynamoDb" ? "AWS::DynamoDB::Table" : "AWS::Lambda::Function" } } } },
          Properties: { PolicyDocument: { Version: "2012-10-17", Statement: statements }, Roles: [ref(`${dsId}Role`)] },
        };
      }
      ctx.resources[dsId] = { Type: "AWS::AppSync::DataSource", ...attrs, Properties: ds };
      dataSources.set(name, dsId);
    }
  }

  const functionIds = new Map<string, unknown>();
  for (const [name, config] of Object.entries(isPlainObject(props.Functions) ? props.Functions : {})) {
    if (!isPlainObject(config)) continue;
    if (config.Id !== undefined) {
      functionIds.set(name, config.Id);
      continue;
    }
    let dataSource: unknown = config.DataSource;
    if (typeof dataSource === "string" && dataSource.toLowerCase() === "none") {
      const noneId = `${id}NoneDataSource`;
      ctx.resources[noneId] = { Type: "AWS::AppSync::DataSource", ...attrs, Properties: { ApiId: apiId, Name: noneId, Type: "NONE" } };
      dataSource = getAtt(noneId, "Name");
    } else if (typeof dataSource === "string" && dataSources.has(dataSource)) dataSource = getAtt(dataSources.get(dataSource)!, "Name");
    const fnId = `${id}${name}`;
    const fn: JsonObject = { ApiId: apiId, Name: config.Name ?? name, DataSourceName: dataSource, ...pick(config, ["Description", "MaxBatchSize", "Sync"]) };
    if (isPlainObject(config.Runtime)) fn.Runtime = { Name: config.Runtime.Name, RuntimeVersion: config.Runtime.Version };
    if (config.InlineCode !== undefined) fn.Code = config.InlineCode;
    if (config.CodeUri !== undefined) fn.CodeS3Location = typeof config.CodeUri === "string" ? config.CodeUri : (s3Location(config.CodeUri, { bucket: "Bucket", key: "Key", version: "Version" }) ?? config.CodeUri);
    ctx.resources[fnId] = { Type: "AWS::AppSync::FunctionConfiguration", ...attrs, Properties: fn };
    functionIds.set(name, getAtt(fnId, "FunctionId"));
  }

  for (const [typeName, fields] of Object.entries(isPlainObject(props.Resolvers) ? props.Resolvers : {})) {
    for (const [name, config] of Object.entries(isPlainObject(fields) ? fields : {})) {
      if (!isPlainObject(config)) continue;
      const pipeline = Array.isArray(config.Pipeline) ? config.Pipeline : [];
      const unknown = pipeline.find((f) => typeof f !== "string" || !functionIds.has(f));
      if (unknown !== undefined) return fail(`Resolvers.${typeName}.${name}.Pipeline names ${JSON.stringify(unknown)}, not a function of this API`);
      const runtime = isPlainObject(config.Runtime) ? config.Runtime : { Name: "APPSYNC_JS", Version: "1.0.0" };
      const resolver: JsonObject = {
        ApiId: apiId,
        TypeName: typeName,
        FieldName: config.FieldName ?? name,
        Kind: "PIPELINE",
        Runtime: { Name: runtime.Name, RuntimeVersion: runtime.Version },
        PipelineConfig: { Functions: pipeline.map((f) => functionIds.get(f as string)) },
        ...pick(config, ["MaxBatchSize", "Sync"]),
      };
      if (config.CodeUri !== undefined) resolver.CodeS3Location = config.CodeUri;
      else resolver.Code = config.InlineCode ?? PASS_THROUGH_CODE;
      if (isPlainObject(config.Caching)) resolver.CachingConfig = config.Caching;
      ctx.resources[`${id}${typeName}${name}`] = { Type: "AWS::AppSync::Resolver", ...attrs, ...(ctx.resources[schemaId] ? { DependsOn: [schemaId] } : {}), Properties: resolver };
    }
  }
}
