/**
 * Events from services that invoke the function directly:
 * - AlexaSkill → permission for alexa-appkit.amazon.com (scoped by SkillId when given);
 * - CloudWatchLogs → `AWS::Logs::SubscriptionFilter` `<Fn><Event>` and a permission for logs;
 * - IoTRule → `AWS::IoT::TopicRule` `<Fn><Event>` with a Lambda action and a permission for iot;
 * - Cognito → the trigger(s) set in the user pool's LambdaConfig and a permission
 *   `<Fn>CognitoPermission` for cognito-idp (the pool must be in the template, as SAM requires).
 */
import { conditionOf, getAtt, type JsonObject, type TransformContext } from "../context";
import { isPlainObject } from "../../validate/intrinsics";
import { addPermission } from "./lambda-permission";
import type { EventTarget } from "./types";

export function alexaSkillEvent(ctx: TransformContext, target: EventTarget, name: string, props: JsonObject): void {
  addPermission(ctx, target, `${target.id}${name}Permission`, "alexa-appkit.amazon.com", props.SkillId !== undefined ? { EventSourceToken: props.SkillId } : {});
}

export function cloudWatchLogsEvent(ctx: TransformContext, target: EventTarget, name: string, props: JsonObject): void {
  const id = `${target.id}${name}`;
  addPermission(ctx, target, `${id}Permission`, "logs.amazonaws.com", {
    SourceArn: { "Fn::Sub": ["arn:aws:logs:${AWS::Region}:${AWS::AccountId}:log-group:${__LogGroupName__}:*", { __LogGroupName__: props.LogGroupName }] },
  });
  ctx.resources[id] = {
    Type: "AWS::Logs::SubscriptionFilter",
    ...conditionOf(target.source),
    DependsOn: [`${id}Permission`],
    Properties: { DestinationArn: target.invokeArn, FilterPattern: props.FilterPattern, LogGroupName: props.LogGroupName },
  };
}

export function iotRuleEvent(ctx: TransformContext, target: EventTarget, name: string, props: JsonObject): void {
  const id = `${target.id}${name}`;
  const payload: JsonObject = { Actions: [{ Lambda: { FunctionArn: target.invokeArn } }], RuleDisabled: false, Sql: props.Sql };
  if (props.AwsIotSqlVersion !== undefined) payload.AwsIotSqlVersion = props.AwsIotSqlVersion;
  ctx.resources[id] = { Type: "AWS::IoT::TopicRule", ...conditionOf(target.source), Properties: { TopicRulePayload: payload } };
  addPermission(ctx, target, `${id}Permission`, "iot.amazonaws.com", {
    SourceAccount: { "Fn::Sub": "${AWS::AccountId}" },
    SourceArn: { "Fn::Sub": ["arn:aws:iot:${AWS::Region}:${AWS::AccountId}:rule/${RuleName}", { RuleName: { Ref: id } }] },
  });
}

export function cognitoEvent(ctx: TransformContext, target: EventTarget, name: string, props: JsonObject): void {
  const poolRef = props.UserPool;
  const poolId = isPlainObject(poolRef) && typeof poolRef.Ref === "string" ? poolRef.Ref : undefined;
  const pool = poolId ? ctx.resources[poolId] : undefined;
  if (!poolId || !pool || pool.Type !== "AWS::Cognito::UserPool") {
    ctx.unsupported.push(`${target.id}: Events.${name} (Cognito event on a user pool that is not in this template)`);
    return;
  }
  const poolProps = (isPlainObject(pool.Properties) ? pool.Properties : (pool.Properties = {})) as JsonObject;
  const config = (isPlainObject(poolProps.LambdaConfig) ? poolProps.LambdaConfig : (poolProps.LambdaConfig = {})) as JsonObject;
  const triggers = Array.isArray(props.Trigger) ? props.Trigger : [props.Trigger];
  for (const trigger of triggers) if (typeof trigger === "string") config[trigger] = target.invokeArn;
  const permissionId = `${target.id}CognitoPermission`;
  if (!ctx.resources[permissionId]) addPermission(ctx, target, permissionId, "cognito-idp.amazonaws.com", { SourceArn: getAtt(poolId, "Arn") });
}
