/**
 * SNS and S3 events. SNS → `AWS::SNS::Subscription` `<Function><Event>` (protocol lambda) and a
 * permission for sns.amazonaws.com. S3 → a `LambdaConfigurations` entry on the bucket's
 * NotificationConfiguration (the bucket must be in the same template, as SAM requires), a
 * permission for s3.amazonaws.com, and the bucket made to depend on that permission.
 */
import { conditionOf, getAtt, pick, type JsonObject, type TransformContext } from "../context";
import { isPlainObject } from "../../validate/intrinsics";
import { addPermission } from "./lambda-permission";
import type { EventTarget } from "./types";

export function snsEvent(ctx: TransformContext, target: EventTarget, name: string, props: JsonObject): void {
  if (props.SqsSubscription !== undefined && props.SqsSubscription !== false) {
    ctx.unsupported.push(`${target.id}: Events.${name} (SNS with SqsSubscription)`);
    return;
  }
  const id = `${target.id}${name}`;
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
    configs.push(config);
  }
  const dependsOn = bucket.DependsOn === undefined ? [] : Array.isArray(bucket.DependsOn) ? bucket.DependsOn : [bucket.DependsOn];
  if (!dependsOn.includes(permissionId)) dependsOn.push(permissionId);
  bucket.DependsOn = dependsOn;
  void getAtt;
}
