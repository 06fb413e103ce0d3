/**
 * SQS, Kinesis and DynamoDB stream events → `AWS::Lambda::EventSourceMapping` named
 * `<Function><Event>`, plus the AWS managed polling policy on the execution role
 * (AWSLambdaSQSQueueExecutionRole, AWSLambdaKinesisExecutionRole, AWSLambdaDynamoDBExecutionRole),
 * and an on-failure destination policy when DestinationConfig is set.
 */
import { conditionOf, pick, type JsonObject, type TransformContext } from "../context";
import { managedPolicyArn } from "../policies";
import { isPlainObject } from "../../validate/intrinsics";
import type { EventTarget } from "./types";

const COMMON = [
  "BatchSize",
  "Enabled",
  "FilterCriteria",
  "FunctionResponseTypes",
  "MaximumBatchingWindowInSeconds",
  "KmsKeyArn",
  "MetricsConfig",
  "ProvisionedPollerConfig",
] as const;

const STREAM = [
  "StartingPosition",
  "StartingPositionTimestamp",
  "BisectBatchOnFunctionError",
  "MaximumRecordAgeInSeconds",
  "MaximumRetryAttempts",
  "ParallelizationFactor",
  "TumblingWindowInSeconds",
  "DestinationConfig",
] as const;

function mapping(ctx: TransformContext, target: EventTarget, name: string, props: JsonObject, source: string, extra: readonly string[]): void {
  const id = `${target.id}${name}`;
  ctx.resources[id] = {
    Type: "AWS::Lambda::EventSourceMapping",
    ...conditionOf(target.source),
    Properties: {
      ...pick(props, [...COMMON, ...extra]),
      EventSourceArn: props[source],
      FunctionName: target.invokeRef,
    },
  };
}

function onFailurePolicy(target: EventTarget, name: string, props: JsonObject): void {
  const dc = props.DestinationConfig;
  const dest = isPlainObject(dc) && isPlainObject(dc.OnFailure) ? dc.OnFailure : undefined;
  // SAM adds the destination policy only when OnFailure.Type says what the destination is.
  if (!dest || dest.Destination === undefined || typeof dest.Type !== "string") return;
  const type = dest.Type;
  const action = type === "SNS" ? "sns:publish" : type === "S3" ? "s3:PutObject" : "sqs:SendMessage";
  target.inlinePolicies.push({
    PolicyName: `${target.id}${name}${type}Policy`,
    PolicyDocument: { Statement: [{ Action: action, Effect: "Allow", Resource: dest.Destination }] },
  });
}

function addManaged(target: EventTarget, name: string): void {
  const arn = managedPolicyArn(name);
  if (!target.managedPolicies.includes(arn)) target.managedPolicies.push(arn);
}

export function sqsEvent(ctx: TransformContext, target: EventTarget, name: string, props: JsonObject): void {
  mapping(ctx, target, name, props, "Queue", ["ScalingConfig"]);
  addManaged(target, "AWSLambdaSQSQueueExecutionRole");
}

/** MSK: a mapping on the cluster's topics, with the AWSLambdaMSKExecutionRole policy. */
export function mskEvent(ctx: TransformContext, target: EventTarget, name: string, props: JsonObject): void {
  mapping(ctx, target, name, props, "Stream", ["StartingPosition", "StartingPositionTimestamp", "Topics", "SourceAccessConfigurations", "DestinationConfig", "ProvisionedPollerConfig", "SchemaRegistryConfig"]);
  const esm = ctx.resources[`${target.id}${name}`].Properties as JsonObject;
  if (props.ConsumerGroupId !== undefined) esm.AmazonManagedKafkaEventSourceConfig = { ConsumerGroupId: props.ConsumerGroupId };
  if (props.SchemaRegistryConfig !== undefined) {
    delete esm.SchemaRegistryConfig;
    ctx.unsupported.push(`${target.id}: Events.${name} (MSK SchemaRegistryConfig)`);
  }
  if (props.DestinationConfig !== undefined) ctx.unsupported.push(`${target.id}: Events.${name} (MSK DestinationConfig)`);
  addManaged(target, "AWSLambdaMSKExecutionRole");
  // mTLS / SASL secrets: the role must read them (SAM names this policy MSKExecutionRolePolicy).
  const secrets = (Array.isArray(props.SourceAccessConfigurations) ? props.SourceAccessConfigurations : [])
    .filter((c): c is JsonObject => isPlainObject(c) && c.URI !== undefined && /AUTH/.test(String(c.Type)))
    .map((c) => c.URI);
  if (secrets.length > 0) {
    target.inlinePolicies.push({
      PolicyName: "MSKExecutionRolePolicy",
      PolicyDocument: { Statement: secrets.map((uri) => ({ Action: ["secretsmanager:GetSecretValue"], Effect: "Allow", Resource: uri })) },
    });
  }
}

export function kinesisEvent(ctx: TransformContext, target: EventTarget, name: string, props: JsonObject): void {
  mapping(ctx, target, name, props, "Stream", STREAM);
  stripDestinationType(ctx, target, name);
  addManaged(target, "AWSLambdaKinesisExecutionRole");
  onFailurePolicy(target, name, props);
}

export function dynamoDbEvent(ctx: TransformContext, target: EventTarget, name: string, props: JsonObject): void {
  mapping(ctx, target, name, props, "Stream", STREAM);
  stripDestinationType(ctx, target, name);
  addManaged(target, "AWSLambdaDynamoDBExecutionRole");
  onFailurePolicy(target, name, props);
}

/** SAM's DestinationConfig.OnFailure.Type is SAM-only; the mapping keeps just the Destination. */
function stripDestinationType(ctx: TransformContext, target: EventTarget, name: string): void {
  const props = ctx.resources[`${target.id}${name}`].Properties as JsonObject;
  const dc = props.DestinationConfig as JsonObject | undefined;
  const onFailure = dc?.OnFailure as JsonObject | undefined;
  if (isPlainObject(onFailure) && "Type" in onFailure) {
    const { Type: _type, ...rest } = onFailure;
    props.DestinationConfig = { ...dc, OnFailure: rest };
  }
}
