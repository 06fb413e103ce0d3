/**
 * SNS and S3 events. SNS → `AWS::SNS::Subscription` `<Function><Event>` (protocol lambda) and a
 * permission for sns.amazonaws.com. S3 → a `LambdaConfigurations` entry on the bucket's
 * NotificationConfiguration (the bucket must be in the same template, as SAM requires), a
 * permission for s3.amazonaws.com, and the bucket made to depend on that permission.
 */
import { conditionOf, getAtt, pick, type JsonObject, type TransformContext } from "../context";
import { isPlainObject } from "../../validate/intrinsics";
import { managedPolicyArn } from "../policies";
import { addPermission } from "./lambda-permission";
import type { EventTarget } from "./types";

export function snsEvent(ctx: TransformContext, target: EventTarget, name: string, props: JsonObject): void {
  const id = `${target.id}${name}`;
  if (props.SqsSubscription !== undefined && props.SqsSubscription !== false) {
    snsThroughQueue(ctx, target, id, props);
    return;
  }
  ctx.resources[id] = {
    Type: "AWS::SNS::Subscription",
    ...conditionOf(target.source),
    Properties: {
      Endpoint: target.invokeArn,
      Protocol: "lambda",
      TopicArn: props.Topic,
      ...pick(props, ["FilterPolicy", "FilterPolicyScope", "Region", "RedrivePolicy"]),
    },
  };
  addPermission(ctx, target, `${id}Permission`, "sns.amazonaws.com", { SourceArn: props.Topic });
}

/**
 * SqsSubscription: the topic delivers to a queue (generated `<Fn><Event>Queue`, or the one given)
 * that the function polls: subscription (protocol sqs), queue policy letting the topic send,
 * event source mapping `<Fn><Event>EventSourceMapping`, and the SQS polling policy.
 */
function snsThroughQueue(ctx: TransformContext, target: EventTarget, id: string, props: JsonObject): void {
  const given = isPlainObject(props.SqsSubscription) ? props.SqsSubscription : undefined;
  let queueArn: unknown;
  let queueUrl: unknown;
  if (given && given.QueueArn !== undefined) {
    queueArn = given.QueueArn;
    queueUrl = given.QueueUrl;
  } else {
    const queueId = `${id}Queue`;
    ctx.resources[queueId] = { Type: "AWS::SQS::Queue", ...conditionOf(target.source), Properties: {} };
    queueArn = getAtt(queueId, "Arn");
    queueUrl = { Ref: queueId };
  }
  const policyId = given && typeof given.QueuePolicyLogicalId === "string" ? given.QueuePolicyLogicalId : `${id}QueuePolicy`;
  ctx.resources[policyId] = {
    Type: "AWS::SQS::QueuePolicy",
    ...conditionOf(target.source),
    Properties: {
      Queues: [queueUrl],
      PolicyDocument: {
        Version: "2012-10-17",
        Statement: [{ Action: "sqs:SendMessage", Effect: "Allow", Principal: "*", Resource: queueArn, Condition: { ArnEquals: { "aws:SourceArn": props.Topic } } }],
      },
    },
  };
  ctx.resources[id] = {
    Type: "AWS::SNS::Subscription",
    ...conditionOf(target.source),
    Properties: { Endpoint: queueArn, Protocol: "sqs", TopicArn: props.Topic, ...pick(props, ["FilterPolicy", "FilterPolicyScope", "Region", "RedrivePolicy"]) },
  };
  ctx.resources[`${id}EventSourceMapping`] = {
    Type: "AWS::Lambda::EventSourceMapping",
    ...conditionOf(target.source),
    Properties: { BatchSize: given?.BatchSize ?? 10, Enabled: given?.Enabled ?? true, EventSourceArn: queueArn, FunctionName: target.invokeRef },
  };
  const arn = managedPolicyArn("AWSLambdaSQSQueueExecutionRole");
  if (!target.managedPolicies.includes(arn)) target.managedPolicies.push(arn);
}

export function s3Event(ctx: TransformContext, target: EventTarget, name: string, props: JsonObject): void {
  const bucketRef = props.Bucket;
  const bucketId = isPlainObject(bucketRef) && typeof bucketRef.Ref === "string" ? bucketRef.Ref : undefined;
  const bucket = bucketId ? ctx.resources[bucketId] : undefined;
  if (!bucketId || !bucket || bucket.Type !== "AWS::S3::Bucket") {
    ctx.unsupported.push(`${target.id}: Events.${name} (S3 event on a bucket that is not an AWS::S3::Bucket in this template)`);
    return;
  }
  const permissionId = `${target.id}${name}Permission`;
  addPermission(ctx, target, permissionId, "s3.amazonaws.com", { SourceAccount: { Ref: "AWS::AccountId" } });
  const bucketProps = (isPlainObject(bucket.Properties) ? bucket.Properties : (bucket.Properties = {})) as JsonObject;
  const notification = (isPlainObject(bucketProps.NotificationConfiguration) ? bucketProps.NotificationConfiguration : (bucketProps.NotificationConfiguration = {})) as JsonObject;
  const configs = (Array.isArray(notification.LambdaConfigurations) ? notification.LambdaConfigurations : (notification.LambdaConfigurations = [])) as unknown[];
  const events = Array.isArray(props.Events) ? props.Events : [props.Events];
  for (const event of events) {
    const config: JsonObject = { Event: event, Function: target.invokeArn };
    if (props.Filter !== undefined) config.Filter = props.Filter;
    // A conditional function's notification exists only when its condition holds.
    const entry = typeof target.source.Condition === "string" ? { "Fn::If": [target.source.Condition, config, { Ref: "AWS::NoValue" }] } : config;
    // The bucket may already name this function for this event: S3 refuses overlapping configurations, so it is written once.
    if (!configs.some((c) => sameValue(c, entry))) configs.push(entry);
  }
  const dependsOn = bucket.DependsOn === undefined ? [] : Array.isArray(bucket.DependsOn) ? bucket.DependsOn : [bucket.DependsOn];
  if (!dependsOn.includes(permissionId)) dependsOn.push(permissionId);
  bucket.DependsOn = dependsOn;
}

/** Equal as JSON values, whatever the key order. */
function sameValue(a: unknown, b: unknown): boolean {
  const sorted = (v: unknown): unknown => (Array.isArray(v) ? v.map(sorted) : isPlainObject(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted(v[k])])) : v);
  return JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));
}
