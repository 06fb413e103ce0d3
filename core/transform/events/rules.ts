/**
 * Schedule, CloudWatchEvent and EventBridgeRule events → `AWS::Events::Rule` `<Id><Event>` with
 * the function (or state machine) as target `<Id><Event><Lambda|StepFunctions>Target`; a
 * permission for events.amazonaws.com (functions) or a role `<Id><Event>Role` allowed to
 * states:StartExecution (state machines). ScheduleV2 → `AWS::Scheduler::Schedule` with a role
 * `<Id><Event>Role` that scheduler.amazonaws.com assumes.
 */
import { conditionOf, getAtt, pick, type JsonObject, type TransformContext } from "../context";
import { assumeRolePolicy } from "../policies";
import { isPlainObject } from "../../validate/intrinsics";
import { addPermission } from "./lambda-permission";
import type { EventTarget } from "./types";

/** A target ID is at most 64 characters (EventBridge API reference, Target "Id"): a long rule ID is cut before the suffix, as SAM does. */
function targetId(ruleId: string, suffix: string): string {
  return `${ruleId.slice(0, 64 - suffix.length)}${suffix}`;
}

function ruleTarget(ctx: TransformContext, target: EventTarget, name: string, props: JsonObject): JsonObject {
  const ruleId = `${target.id}${name}`;
  const t: JsonObject = {
    Arn: target.invokeArn,
    Id: props.Target && typeof (props.Target as JsonObject).Id === "string" ? (props.Target as JsonObject).Id : targetId(ruleId, target.kind === "function" ? "LambdaTarget" : "StepFunctionsTarget"),
    ...pick(props, ["Input", "InputPath", "InputTransformer", "RetryPolicy"]),
  };
  if (props.DeadLetterConfig !== undefined) {
    const dlq = props.DeadLetterConfig as JsonObject;
    if (dlq.Arn !== undefined) t.DeadLetterConfig = { Arn: dlq.Arn };
    else if (dlq.Type === "SQS") {
      // SAM creates the queue (`<Rule>Queue`, or QueueLogicalId) and a policy `<Rule>QueuePolicy` that lets
      // only this rule send to it (SAM developer guide, DeadLetterConfig "Type": "the DLQ is created by AWS SAM").
      const queueId = typeof dlq.QueueLogicalId === "string" ? dlq.QueueLogicalId : `${ruleId}Queue`;
      const attrs = conditionOf(target.source);
      ctx.resources[queueId] = { Type: "AWS::SQS::Queue", ...attrs, Properties: {} };
      ctx.resources[`${ruleId}QueuePolicy`] = {
        Type: "AWS::SQS::QueuePolicy",
        ...attrs,
        Properties: {
          Queues: [{ Ref: queueId }],
          PolicyDocument: {
            Version: "2012-10-17",
            Statement: [{ Action: "sqs:SendMessage", Effect: "Allow", Principal: { Service: "events.amazonaws.com" }, Resource: getAtt(queueId, "Arn"), Condition: { ArnEquals: { "aws:SourceArn": getAtt(ruleId, "Arn") } } }],
          },
        },
      };
      t.DeadLetterConfig = { Arn: getAtt(queueId, "Arn") };
    } else ctx.unsupported.push(`${target.id}: Events.${name} (DeadLetterConfig needs an Arn or Type SQS)`);
  }
  const givenRole = props.RoleArn ?? props.Role;
  if (target.kind === "statemachine" && givenRole !== undefined) {
    t.RoleArn = givenRole;
  } else if (target.kind === "statemachine") {
    const roleId = `${ruleId}Role`;
    t.RoleArn = getAtt(roleId, "Arn");
    ctx.resources[roleId] = {
      Type: "AWS::IAM::Role",
      ...conditionOf(target.source),
      Properties: {
        AssumeRolePolicyDocument: assumeRolePolicy("events.amazonaws.com"),
        Policies: [{ PolicyName: `${roleId}StartExecutionPolicy`, PolicyDocument: { Statement: [{ Action: "states:StartExecution", Effect: "Allow", Resource: target.invokeRef }] } }],
      },
    };
  }
  return t;
}

function rule(ctx: TransformContext, target: EventTarget, name: string, props: JsonObject, ruleProps: JsonObject): void {
  const id = `${target.id}${name}`;
  ctx.resources[id] = {
    Type: "AWS::Events::Rule",
    ...conditionOf(target.source),
    Properties: { ...ruleProps, Targets: [ruleTarget(ctx, target, name, props)] },
  };
  if (target.kind === "function") addPermission(ctx, target, `${id}Permission`, "events.amazonaws.com", { SourceArn: getAtt(id, "Arn") });
}

function state(props: JsonObject): JsonObject {
  if (props.State !== undefined) return { State: props.State };
  if (props.Enabled !== undefined) return { State: props.Enabled === true || props.Enabled === "true" ? "ENABLED" : props.Enabled === false || props.Enabled === "false" ? "DISABLED" : props.Enabled };
  return {};
}

export function scheduleEvent(ctx: TransformContext, target: EventTarget, name: string, props: JsonObject): void {
  rule(ctx, target, name, props, { ScheduleExpression: props.Schedule, ...pick(props, ["Name", "Description"]), ...state(props) });
}

export function eventBridgeRuleEvent(ctx: TransformContext, target: EventTarget, name: string, props: JsonObject): void {
  rule(ctx, target, name, props, { EventPattern: props.Pattern, ...pick(props, ["EventBusName", ["RuleName", "Name"]]), ...state(props) });
}

export function scheduleV2Event(ctx: TransformContext, target: EventTarget, name: string, props: JsonObject): void {
  const id = `${target.id}${name}`;
  const roleId = `${id}Role`;
  const invokeAction = target.kind === "function" ? "lambda:InvokeFunction" : "states:StartExecution";
  const policyName = target.kind === "function" ? `${id}LambdaPolicy` : `${id}StartExecutionPolicy`;
  const scheduleTarget: JsonObject = { Arn: target.invokeArn, RoleArn: props.RoleArn ?? getAtt(roleId, "Arn") };
  if (props.Input !== undefined) scheduleTarget.Input = props.Input;
  if (props.RetryPolicy !== undefined) scheduleTarget.RetryPolicy = props.RetryPolicy;
  if (props.DeadLetterConfig !== undefined && (props.DeadLetterConfig as JsonObject).Arn !== undefined) scheduleTarget.DeadLetterConfig = { Arn: (props.DeadLetterConfig as JsonObject).Arn };
  const schedule: JsonObject = {
    ScheduleExpression: props.ScheduleExpression,
    FlexibleTimeWindow: props.FlexibleTimeWindow ?? { Mode: "OFF" },
    Target: scheduleTarget,
    ...pick(props, ["Description", "EndDate", "StartDate", "GroupName", "KmsKeyArn", "ScheduleExpressionTimezone", "State"]),
  };
  if (props.Name !== undefined) schedule.Name = props.Name;
  else if (props.OmitName !== true) schedule.Name = id;
  ctx.resources[id] = { Type: "AWS::Scheduler::Schedule", ...conditionOf(target.source), Properties: schedule };
  if (props.RoleArn === undefined) {
    const policies: JsonObject[] = [{ PolicyName: policyName, PolicyDocument: { Statement: [{ Action: invokeAction, Effect: "Allow", Resource: target.invokeArn }] } }];
    const dlqArn = isPlainObject(props.DeadLetterConfig) ? props.DeadLetterConfig.Arn : undefined;
    if (dlqArn !== undefined) policies.push({ PolicyName: `${id}SQSPolicy`, PolicyDocument: { Statement: [{ Action: "sqs:SendMessage", Effect: "Allow", Resource: dlqArn }] } });
    const roleProps: JsonObject = {
      AssumeRolePolicyDocument: assumeRolePolicy("scheduler.amazonaws.com"),
      Policies: policies,
    };
    if (props.PermissionsBoundary !== undefined) roleProps.PermissionsBoundary = props.PermissionsBoundary;
    ctx.resources[roleId] = { Type: "AWS::IAM::Role", ...conditionOf(target.source), Properties: roleProps };
  }
}
