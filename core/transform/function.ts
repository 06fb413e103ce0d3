/**
 * AWS::Serverless::Function → AWS::Lambda::Function, its execution role `<Id>Role` (unless Role is
 * given), event sources, dead-letter queue, async invoke config with destinations, and with
 * AutoPublishAlias a version `<Id>Version<hash>` and alias `<Id>Alias<Name>`. Follows the
 * resources the SAM developer guide lists under "Generated AWS CloudFormation resources".
 */
import { isPlainObject } from "../validate/intrinsics";
import { LAMBDA_TAG, conditionOf, contentHash, getAtt, passThroughAttributes, pick, ref, s3Location, tagList, type JsonObject, type TransformContext } from "./context";
import { deploymentPreference } from "./deployment";
import { FUNCTION_EVENTS, type EventTarget } from "./events";
import { assumeRolePolicy, managedPolicyArn, rolePolicies } from "./policies";

/** Properties copied unchanged to AWS::Lambda::Function. */
const PASS_THROUGH = [
  "FunctionName",
  "Handler",
  "Runtime",
  "Description",
  "MemorySize",
  "Timeout",
  "Environment",
  "VpcConfig",
  "KmsKeyArn",
  "Layers",
  "ReservedConcurrentExecutions",
  "Architectures",
  "PackageType",
  "ImageConfig",
  "EphemeralStorage",
  "FileSystemConfigs",
  "CodeSigningConfigArn",
  "SnapStart",
  "RuntimeManagementConfig",
  "LoggingConfig",
  "RecursiveLoop",
  "TenancyConfig",
  "DurableConfig",
] as const;


function code(props: JsonObject): JsonObject | undefined {
  if (props.InlineCode !== undefined) return { ZipFile: props.InlineCode };
  if (props.ImageUri !== undefined) return { ImageUri: props.ImageUri };
  return s3Location(props.CodeUri, { bucket: "S3Bucket", key: "S3Key", version: "S3ObjectVersion" });
}

const DESTINATION_ACTIONS: Record<string, string> = {
  SQS: "sqs:SendMessage",
  SNS: "sns:publish",
  Lambda: "lambda:InvokeFunction",
  EventBridge: "events:PutEvents",
  S3: "s3:PutObject",
};

function eventInvokeConfig(ctx: TransformContext, id: string, res: JsonObject, config: JsonObject, qualifier: string, alias: string | undefined, inline: JsonObject[]): void {
  const configId = `${id}EventInvokeConfig`;
  const props: JsonObject = { FunctionName: ref(id), Qualifier: qualifier, ...pick(config, ["MaximumEventAgeInSeconds", "MaximumRetryAttempts"]) };
  if (isPlainObject(config.DestinationConfig)) {
    const destinations: JsonObject = {};
    for (const when of ["OnSuccess", "OnFailure"] as const) {
      const d: unknown = (config.DestinationConfig as JsonObject)[when];
      if (!isPlainObject(d)) continue;
      const type: string = typeof d.Type === "string" ? d.Type : "";
      let destination = d.Destination;
      if (destination === undefined && (type === "SQS" || type === "SNS")) {
        const generated = `${configId}${when}${type === "SQS" ? "Queue" : "Topic"}`;
        ctx.resources[generated] = { Type: type === "SQS" ? "AWS::SQS::Queue" : "AWS::SNS::Topic", ...conditionOf(res), Properties: {} };
        destination = type === "SQS" ? getAtt(generated, "Arn") : ref(generated);
        ctx.refRewrites.set(`${id}.${type === "SQS" ? "DestinationQueue" : "DestinationTopic"}`, generated);
      }
      if (destination === undefined) continue;
      destinations[when] = { Destination: destination };
      const action = DESTINATION_ACTIONS[type];
      if (type === "S3Bucket") {
        inline.push({
          PolicyName: `${configId}${when}S3Policy`,
          PolicyDocument: {
            Statement: [
              { Action: "s3:PutObject", Effect: "Allow", Resource: { "Fn::Join": ["/", [destination, "*"]] } },
              { Action: "s3:ListBucket", Effect: "Allow", Resource: destination },
            ],
          },
        });
      } else if (action) {
        inline.push({
          PolicyName: `${configId}${when}${type}Policy`,
          PolicyDocument: { Statement: [{ Action: action, Effect: "Allow", Resource: destination }] },
        });
      }
    }
    props.DestinationConfig = destinations;
  }
  ctx.resources[configId] = { Type: "AWS::Lambda::EventInvokeConfig", ...conditionOf(res), ...(alias ? { DependsOn: [alias] } : {}), Properties: props };
}

/**
 * FunctionUrlConfig → AWS::Lambda::Url `<Id>Url`; with AuthType NONE, the two public permissions
 * a function URL needs (lambda:InvokeFunctionUrl, and lambda:InvokeFunction via the URL).
 */
function functionUrl(ctx: TransformContext, id: string, res: JsonObject, config: JsonObject, aliasId: string | undefined): void {
  const url: JsonObject = { AuthType: config.AuthType, TargetFunctionArn: aliasId ? ref(aliasId) : ref(id), ...pick(config, ["Cors", "InvokeMode"]) };
  if (aliasId) url.Qualifier = (ctx.resources[aliasId].Properties as JsonObject).Name;
  ctx.resources[`${id}Url`] = { Type: "AWS::Lambda::Url", ...conditionOf(res), ...(aliasId ? { DependsOn: [aliasId] } : {}), Properties: url };
  if (config.AuthType === "NONE") {
    const fn = aliasId ? ref(aliasId) : ref(id);
    ctx.resources[`${id}UrlPublicPermissions`] = {
      Type: "AWS::Lambda::Permission",
      ...conditionOf(res),
      Properties: { Action: "lambda:InvokeFunctionUrl", FunctionName: fn, FunctionUrlAuthType: "NONE", Principal: "*" },
    };
    ctx.resources[`${id}URLInvokeAllowPublicAccess`] = {
      Type: "AWS::Lambda::Permission",
      ...conditionOf(res),
      Properties: { Action: "lambda:InvokeFunction", FunctionName: fn, InvokedViaFunctionUrl: true, Principal: "*" },
    };
  }
}

export function transformFunction(ctx: TransformContext, id: string, res: JsonObject): void {
  const props = (isPlainObject(res.Properties) ? res.Properties : {}) as JsonObject;
  // Reserve the function's and role's places so they come first in the output, before what events add.
  ctx.resources[id] = {};
  // (A resource of the template's own may already have that name: it is the role then, and stays.)
  if (!ctx.resources[`${id}Role`]) ctx.resources[`${id}Role`] = {};
  const lambda: JsonObject = { ...pick(props, PASS_THROUGH), ...pick(props, ["FunctionScalingConfig", "PublishToLatestPublished"]) };
  // Lambda Managed Instances: the function runs on a capacity provider (SAM AWS::Serverless::Function "CapacityProviderConfig").
  if (isPlainObject(props.CapacityProviderConfig)) {
    const cp = props.CapacityProviderConfig;
    lambda.CapacityProviderConfig = { LambdaManagedInstancesCapacityProviderConfig: { CapacityProviderArn: cp.Arn, ...pick(cp, ["PerExecutionEnvironmentMaxConcurrency", "ExecutionEnvironmentMemoryGiBPerVCpu"]) } };
  }
  const c = code(props);
  if (c && props.SourceKMSKeyArn !== undefined && c.ZipFile === undefined) c.SourceKMSKeyArn = props.SourceKMSKeyArn;
  if (c) lambda.Code = c;
  else if (props.CodeUri !== undefined) {
    // A local path (before `sam build`/`sam package`): kept for the packager to upload.
    lambda.Code = props.CodeUri;
  }
  if (props.Tracing !== undefined) lambda.TracingConfig = { Mode: props.Tracing };
  if (props.Tags !== undefined || props.PropagateTags === undefined) lambda.Tags = tagList(LAMBDA_TAG, props.Tags);

  const managed: unknown[] = [managedPolicyArn("AWSLambdaBasicExecutionRole")];
  const inline: JsonObject[] = [];
  // SAM adds the X-Ray policy whenever Tracing is set, except to Disabled.
  if (props.Tracing !== undefined && props.Tracing !== "Disabled") managed.push(managedPolicyArn("AWSXrayWriteOnlyAccess"));
  // Durable functions get the durable execution policy instead of the basic one.
  if (props.DurableConfig !== undefined) managed[0] = managedPolicyArn("AWSLambdaBasicDurableExecutionRolePolicy");
  if (props.VpcConfig !== undefined) managed.push(managedPolicyArn("AWSLambdaVPCAccessExecutionRole"));
  const roleId = `${id}Role`;
  const customRole = props.Role;
  const policies = rolePolicies(props.Policies, roleId);
  for (const u of policies.unsupported) ctx.unsupported.push(`${id}: Policies (${u})`);

  if (isPlainObject(props.DeadLetterQueue)) {
    const dlq = props.DeadLetterQueue;
    lambda.DeadLetterConfig = { TargetArn: dlq.TargetArn };
    inline.push({
      PolicyName: "DeadLetterQueuePolicy",
      PolicyDocument: { Version: "2012-10-17", Statement: [{ Action: dlq.Type === "SNS" ? "sns:Publish" : "sqs:SendMessage", Effect: "Allow", Resource: dlq.TargetArn }] },
    });
  }

  // Versions and aliases (AutoPublishAlias).
  let aliasId: string | undefined;
  const aliasName = props.AutoPublishAlias;
  if (aliasName !== undefined) {
    if (typeof aliasName !== "string") {
      ctx.unsupported.push(`${id}: AutoPublishAlias given by an intrinsic function`);
    } else {
      // AutoPublishAliasAllProperties: any change to the function publishes a new version, not only a code change
      // (SAM developer guide, AWS::Serverless::Function "AutoPublishAliasAllProperties").
      const versioned = props.AutoPublishAliasAllProperties === true ? { all: lambda, sha: props.AutoPublishCodeSha256 } : { code: lambda.Code, sha: props.AutoPublishCodeSha256 };
      const versionId = `${id}Version${contentHash(versioned)}`;
      // SAM spells "_" as "U" and "-" as "D" in the alias's logical ID.
      aliasId = `${id}Alias${aliasName.replace(/_/g, "U").replace(/-/g, "D")}`;
      // A version on a capacity provider carries the function's scaling and is deleted with the stack, as SAM writes it.
      const managed = lambda.CapacityProviderConfig !== undefined;
      ctx.resources[versionId] = {
        Type: "AWS::Lambda::Version",
        DeletionPolicy: props.VersionDeletionPolicy ?? (managed ? "Delete" : "Retain"),
        ...conditionOf(res),
        Properties: { FunctionName: ref(id), ...pick(props, [["VersionDescription", "Description"]]), ...(managed ? pick(props, ["FunctionScalingConfig"]) : {}) },
      };
      const alias: JsonObject = { FunctionName: ref(id), FunctionVersion: getAtt(versionId, "Version"), Name: aliasName };
      if (props.ProvisionedConcurrencyConfig !== undefined) alias.ProvisionedConcurrencyConfig = props.ProvisionedConcurrencyConfig;
      ctx.resources[aliasId] = { Type: "AWS::Lambda::Alias", ...conditionOf(res), Properties: alias };
      ctx.refRewrites.set(`${id}.Alias`, aliasId);
      ctx.refRewrites.set(`${id}.Version`, versionId);
    }
  }

  const target: EventTarget = {
    id,
    kind: "function",
    source: res,
    invokeRef: aliasId ? ref(aliasId) : ref(id),
    invokeArn: aliasId ? ref(aliasId) : getAtt(id, "Arn"),
    managedPolicies: managed,
    inlinePolicies: inline,
  };
  const events = isPlainObject(props.Events) ? props.Events : {};
  for (const [name, event] of Object.entries(events)) {
    if (!isPlainObject(event)) continue;
    const handler = typeof event.Type === "string" ? FUNCTION_EVENTS[event.Type] : undefined;
    if (!handler) {
      ctx.unsupported.push(`${id}: Events.${name} (Type ${String(event.Type)})`);
      continue;
    }
    handler(ctx, target, name, (isPlainObject(event.Properties) ? event.Properties : {}) as JsonObject);
  }

  // A catch-all HttpApi event's permission (…/*) already covers every route of that API, so SAM
  // writes no permission for the function's other routes on the same API.
  const httpEvents = Object.entries(events).filter(([, e]) => isPlainObject(e) && e.Type === "HttpApi") as [string, JsonObject][];
  const propsOf = (e: JsonObject) => (isPlainObject(e.Properties) ? e.Properties : {}) as JsonObject;
  const apiOf = (p: JsonObject) => (p.ApiId === undefined ? "ServerlessHttpApi" : JSON.stringify(p.ApiId));
  const isCatchAll = (p: JsonObject) => p.Path === undefined && p.Method === undefined;
  const catchAllApis = new Set(httpEvents.filter(([, e]) => isCatchAll(propsOf(e))).map(([, e]) => apiOf(propsOf(e))));
  for (const [name, e] of httpEvents) {
    if (!isCatchAll(propsOf(e)) && catchAllApis.has(apiOf(propsOf(e)))) delete ctx.resources[`${id}${name}Permission`];
  }

  if (isPlainObject(props.DeploymentPreference)) deploymentPreference(ctx, id, props.DeploymentPreference, aliasId, res.Condition);
  else if (props.DeploymentPreference !== undefined) ctx.unsupported.push(`${id}: DeploymentPreference given by an intrinsic function`);
  if (isPlainObject(props.FunctionUrlConfig)) functionUrl(ctx, id, res, props.FunctionUrlConfig, aliasId);

  if (isPlainObject(props.EventInvokeConfig)) {
    eventInvokeConfig(ctx, id, res, props.EventInvokeConfig, typeof aliasName === "string" ? aliasName : "$LATEST", aliasId, inline);
  }

  // `Role: !If [Cond, !Ref AWS::NoValue, arn]`: SAM creates the role for the NoValue branch.
  const conditionalRole =
    isPlainObject(customRole) && Array.isArray(customRole["Fn::If"]) && (customRole["Fn::If"] as unknown[]).some((b) => isPlainObject(b) && b.Ref === "AWS::NoValue");
  if (customRole !== undefined && !conditionalRole) {
    lambda.Role = customRole;
  } else {
    lambda.Role = conditionalRole
      ? { "Fn::If": (customRole as JsonObject)["Fn::If"] as unknown[] }
      : getAtt(roleId, "Arn");
    if (conditionalRole) {
      const [cond, a, b] = (customRole as JsonObject)["Fn::If"] as unknown[];
      const swap = (v: unknown) => (isPlainObject(v) && v.Ref === "AWS::NoValue" ? getAtt(roleId, "Arn") : v);
      lambda.Role = { "Fn::If": [cond, swap(a), swap(b)] };
    }
    const role: JsonObject = {
      AssumeRolePolicyDocument: isPlainObject(props.AssumeRolePolicyDocument) ? props.AssumeRolePolicyDocument : assumeRolePolicy("lambda.amazonaws.com"),
      ManagedPolicyArns: [...managed, ...policies.managed].filter((m, i, all) => all.findIndex((x) => JSON.stringify(x) === JSON.stringify(m)) === i),
    };
    const allInline = [...policies.inline, ...inline];
    if (allInline.length > 0) role.Policies = allInline;
    if (props.PermissionsBoundary !== undefined) role.PermissionsBoundary = props.PermissionsBoundary;
    if (props.RolePath !== undefined) role.Path = props.RolePath;
    role.Tags = tagList(LAMBDA_TAG, props.Tags);
    ctx.resources[roleId] = { Type: "AWS::IAM::Role", ...conditionOf(res), Properties: role };
  }
  ctx.resources[id] = { Type: "AWS::Lambda::Function", ...passThroughAttributes(res), Properties: lambda };
  if (ctx.resources[roleId] && Object.keys(ctx.resources[roleId]).length === 0) delete ctx.resources[roleId];
}
