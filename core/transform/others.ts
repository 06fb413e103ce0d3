/**
 * SimpleTable, LayerVersion and StateMachine.
 * - SimpleTable → AWS::DynamoDB::Table with one hash key (default `id`, String) and on-demand
 *   billing unless ProvisionedThroughput is given.
 * - LayerVersion → AWS::Lambda::LayerVersion `<Id><hash>` with DeletionPolicy Retain (SAM keeps old
 *   layer versions unless RetentionPolicy is Delete); `Ref: <Id>` is rewritten to the new ID.
 * - StateMachine → AWS::StepFunctions::StateMachine with a role `<Id>Role` that
 *   states.amazonaws.com assumes, and its Schedule / EventBridge events.
 */
import { isPlainObject } from "../validate/intrinsics";
import { conditionOf, contentHash, getAtt, passThroughAttributes, pick, ref, s3Location, tagList, type JsonObject, type TransformContext } from "./context";
import { STATE_MACHINE_EVENTS, type EventTarget } from "./events";
import { assumeRolePolicy, rolePolicies } from "./policies";

const KEY_TYPES: Record<string, string> = { String: "S", Number: "N", Binary: "B" };

export function transformSimpleTable(ctx: TransformContext, id: string, res: JsonObject): void {
  const props = (isPlainObject(res.Properties) ? res.Properties : {}) as JsonObject;
  const key = (isPlainObject(props.PrimaryKey) ? props.PrimaryKey : { Name: "id", Type: "String" }) as JsonObject;
  const keyType = typeof key.Type === "string" ? (KEY_TYPES[key.Type] ?? key.Type) : key.Type;
  const table: JsonObject = {
    AttributeDefinitions: [{ AttributeName: key.Name, AttributeType: keyType }],
    KeySchema: [{ AttributeName: key.Name, KeyType: "HASH" }],
    ...pick(props, ["TableName", "SSESpecification", "PointInTimeRecoverySpecification"]),
  };
  if (props.ProvisionedThroughput !== undefined) table.ProvisionedThroughput = props.ProvisionedThroughput;
  else table.BillingMode = "PAY_PER_REQUEST";
  if (isPlainObject(props.Tags)) table.Tags = tagList(undefined, props.Tags);
  ctx.resources[id] = { Type: "AWS::DynamoDB::Table", ...passThroughAttributes(res), Properties: table };
}

export function transformLayer(ctx: TransformContext, id: string, res: JsonObject): void {
  const props = (isPlainObject(res.Properties) ? res.Properties : {}) as JsonObject;
  const layer: JsonObject = {
    Content: s3Location(props.ContentUri, { bucket: "S3Bucket", key: "S3Key", version: "S3ObjectVersion" }) ?? props.ContentUri,
    LayerName: props.LayerName ?? id,
    ...pick(props, ["Description", "CompatibleRuntimes", "CompatibleArchitectures", "LicenseInfo"]),
  };
  const retention = typeof props.RetentionPolicy === "string" ? props.RetentionPolicy.toLowerCase() : "retain";
  const newId = `${id}${contentHash(layer)}`;
  ctx.resources[newId] = {
    Type: "AWS::Lambda::LayerVersion",
    ...passThroughAttributes(res, ["Condition", "DependsOn", "Metadata", "UpdateReplacePolicy"]),
    DeletionPolicy: res.DeletionPolicy ?? (retention === "delete" ? "Delete" : "Retain"),
    Properties: layer,
  };
  if (typeof props.RetentionPolicy !== "string" && props.RetentionPolicy !== undefined) ctx.unsupported.push(`${id}: RetentionPolicy given by an intrinsic function`);
  ctx.refRewrites.set(id, newId);
}

export function transformStateMachine(ctx: TransformContext, id: string, res: JsonObject): void {
  const props = (isPlainObject(res.Properties) ? res.Properties : {}) as JsonObject;
  if (props.AutoPublishAlias !== undefined && typeof props.AutoPublishAlias !== "string") ctx.unsupported.push(`${id}: AutoPublishAlias given by an intrinsic function`);
  else if (props.AutoPublishAlias === undefined && props.DeploymentPreference !== undefined) ctx.unsupported.push(`${id}: DeploymentPreference without AutoPublishAlias`);
  ctx.resources[id] = {};
  const sm: JsonObject = {
    ...pick(props, [["Name", "StateMachineName"], ["Type", "StateMachineType"], ["Logging", "LoggingConfiguration"], ["Tracing", "TracingConfiguration"], "DefinitionSubstitutions"]),
  };
  if (props.Definition !== undefined) sm.Definition = props.Definition;
  if (props.DefinitionUri !== undefined) sm.DefinitionS3Location = s3Location(props.DefinitionUri, { bucket: "Bucket", key: "Key", version: "Version" }) ?? props.DefinitionUri;
  sm.Tags = tagList({ Key: "stateMachine:createdBy", Value: "SAM" }, props.Tags);
  const roleId = `${id}Role`;
  if (props.Role !== undefined) sm.RoleArn = props.Role;
  else {
    sm.RoleArn = getAtt(roleId, "Arn");
    const parts = rolePolicies(props.Policies, roleId);
    for (const u of parts.unsupported) ctx.unsupported.push(`${id}: Policies (${u})`);
    const role: JsonObject = { AssumeRolePolicyDocument: assumeRolePolicy("states.amazonaws.com") };
    const managed = [...parts.managed];
    // SAM adds the X-Ray policy when tracing is enabled (SAM developer guide, StateMachine Tracing).
    if (isPlainObject(props.Tracing) && props.Tracing.Enabled === true) managed.unshift("arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess");
    role.ManagedPolicyArns = managed.filter((m, i) => managed.findIndex((x) => JSON.stringify(x) === JSON.stringify(m)) === i);
    if (parts.inline.length > 0) role.Policies = parts.inline;
    if (props.PermissionsBoundary !== undefined) role.PermissionsBoundary = props.PermissionsBoundary;
    if (props.RolePath !== undefined) role.Path = props.RolePath;
    role.Tags = tagList({ Key: "stateMachine:createdBy", Value: "SAM" }, props.Tags);
    ctx.resources[roleId] = { Type: "AWS::IAM::Role", ...conditionOf(res), Properties: role };
  }
  ctx.resources[id] = { Type: "AWS::StepFunctions::StateMachine", ...passThroughAttributes(res), Properties: sm };
  // AutoPublishAlias: a version of each revision and an alias that moves to it, gradually with a
  // DeploymentPreference (SAM developer guide, AWS::Serverless::StateMachine "AutoPublishAlias";
  // Step Functions developer guide, "Gradual deployments of state machine versions").
  let invoke: JsonObject = ref(id);
  if (typeof props.AutoPublishAlias === "string") {
    const versionId = `${id}Version`;
    const aliasId = `${id}Alias${props.AutoPublishAlias.replace(/[^A-Za-z0-9]/g, "")}`;
    ctx.resources[versionId] = {
      Type: "AWS::StepFunctions::StateMachineVersion",
      ...conditionOf(res),
      DeletionPolicy: res.DeletionPolicy ?? "Retain",
      UpdateReplacePolicy: "Retain",
      Properties: { StateMachineArn: ref(id), StateMachineRevisionId: getAtt(id, "StateMachineRevisionId") },
    };
    const preference = (isPlainObject(props.DeploymentPreference) ? props.DeploymentPreference : {}) as JsonObject;
    ctx.resources[aliasId] = {
      Type: "AWS::StepFunctions::StateMachineAlias",
      ...passThroughAttributes(res, ["Condition", "DeletionPolicy"]),
      Properties: { Name: props.AutoPublishAlias, DeploymentPreference: { StateMachineVersionArn: ref(versionId), Type: preference.Type ?? "ALL_AT_ONCE", ...pick(preference, ["Percentage", "Interval", "Alarms"]) } },
    };
    ctx.refRewrites.set(`${id}.Alias`, aliasId);
    ctx.refRewrites.set(`${id}.Version`, versionId);
    // UseAliasAsEventTarget: events start executions of the alias rather than of the latest revision.
    if (props.UseAliasAsEventTarget === true) invoke = ref(aliasId);
  } else if (props.UseAliasAsEventTarget !== undefined) ctx.unsupported.push(`${id}: UseAliasAsEventTarget without AutoPublishAlias`);
  const target: EventTarget = { id, kind: "statemachine", source: res, invokeRef: invoke, invokeArn: invoke, managedPolicies: [], inlinePolicies: [] };
  const events = isPlainObject(props.Events) ? props.Events : {};
  for (const [name, event] of Object.entries(events)) {
    if (!isPlainObject(event)) continue;
    const handler = typeof event.Type === "string" ? STATE_MACHINE_EVENTS[event.Type] : undefined;
    if (!handler) {
      ctx.unsupported.push(`${id}: Events.${name} (Type ${String(event.Type)})`);
      continue;
    }
    handler(ctx, target, name, (isPlainObject(event.Properties) ? event.Properties : {}) as JsonObject);
  }
}

/**
 * Application → AWS::CloudFormation::Stack. A `Location` that is a template URL is used as is; one
 * that names a Serverless Application Repository application needs a signed template URL that only
 * the repository hands out at deploy time (SAM developer guide, AWS::Serverless::Application), so it
 * is reported and left to the SAM transform.
 */
export function transformApplication(ctx: TransformContext, id: string, res: JsonObject): void {
  const props = (isPlainObject(res.Properties) ? res.Properties : {}) as JsonObject;
  if (typeof props.Location !== "string" && !(isPlainObject(props.Location) && Object.keys(props.Location).length === 1 && Object.keys(props.Location)[0].startsWith("Fn::"))) {
    ctx.unsupported.push(`${id}: Location in the Serverless Application Repository (its template URL is signed by the repository at deploy time)`);
    ctx.resources[id] = res;
    return;
  }
  ctx.resources[id] = {
    Type: "AWS::CloudFormation::Stack",
    ...passThroughAttributes(res),
    Properties: {
      TemplateURL: props.Location,
      ...pick(props, ["Parameters", "NotificationARNs", "TimeoutInMinutes"]),
      Tags: tagList({ Key: "lambda:createdBy", Value: "SAM" }, props.Tags),
    },
  };
}

/**
 * CapacityProvider (Lambda Managed Instances) → AWS::Lambda::CapacityProvider and, unless
 * OperatorRole is given, an operator role `<Id>OperatorRole` with the AWS managed policy
 * AWSLambdaManagedEC2ResourceOperator that lets Lambda run the instances. ScalingConfig with an
 * AverageCPUUtilization target scales manually on that target; without it Lambda scales
 * automatically (SAM developer guide, AWS::Serverless::CapacityProvider).
 */
export function transformCapacityProvider(ctx: TransformContext, id: string, res: JsonObject): void {
  const props = (isPlainObject(res.Properties) ? res.Properties : {}) as JsonObject;
  const samTag = { Key: "lambda:createdBy", Value: "SAM" };
  const provider: JsonObject = { ...pick(props, ["CapacityProviderName", "VpcConfig", "KmsKeyArn"]) };
  let operator = props.OperatorRole;
  if (operator === undefined) {
    const roleId = `${id}OperatorRole`;
    ctx.resources[roleId] = {
      Type: "AWS::IAM::Role",
      ...conditionOf(res),
      Properties: {
        AssumeRolePolicyDocument: assumeRolePolicy("lambda.amazonaws.com"),
        ManagedPolicyArns: ["arn:aws:iam::aws:policy/AWSLambdaManagedEC2ResourceOperator"],
        Tags: props.PropagateTags === true ? tagList(undefined, props.Tags).concat(samTag) : [samTag],
      },
    };
    operator = getAtt(roleId, "Arn");
  }
  provider.PermissionsConfig = { CapacityProviderOperatorRoleArn: operator };
  if (isPlainObject(props.InstanceRequirements)) {
    provider.InstanceRequirements = pick(props.InstanceRequirements as JsonObject, ["Architectures", ["AllowedTypes", "AllowedInstanceTypes"], ["ExcludedTypes", "ExcludedInstanceTypes"]]);
  }
  if (isPlainObject(props.ScalingConfig)) {
    const scaling = props.ScalingConfig as JsonObject;
    const target = scaling.AverageCPUUtilization;
    provider.CapacityProviderScalingConfig = {
      ...pick(scaling, ["MaxVCpuCount"]),
      ScalingMode: target === undefined ? "Auto" : "Manual",
      ...(target === undefined ? {} : { ScalingPolicies: [{ PredefinedMetricType: "LambdaCapacityProviderAverageCPUUtilization", TargetValue: target }] }),
    };
  }
  provider.Tags = tagList(undefined, props.Tags).concat(samTag);
  ctx.resources[id] = { Type: "AWS::Lambda::CapacityProvider", ...passThroughAttributes(res), Properties: provider };
}
