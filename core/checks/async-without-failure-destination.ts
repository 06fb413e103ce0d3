/**
 * Asynchronous source without failure handling: S3, SNS, EventBridge, schedules and other
 * services invoke Lambda asynchronously. When the function still fails after Lambda's retries
 * (two by default) or the event waits in Lambda's queue too long (six hours by default), Lambda
 * discards the event — unless the function has an on-failure destination or a dead-letter queue.
 *
 * Counts as failure handling: `DeadLetterQueue` (SAM) / `DeadLetterConfig` (Lambda),
 * `EventInvokeConfig.DestinationConfig.OnFailure` (SAM, Globals included) and an
 * `AWS::Lambda::EventInvokeConfig` with `OnFailure` for the function.
 */
import type { Problem } from "../model/types";
import { isObject, referencedNames } from "./references";
import { describe, finding, setPropertyFix, wiresOfDeclarations, type CheckRule } from "./rule";

const WHY =
  "Lambda retries a failed asynchronous invocation twice and keeps an event for up to six hours; after that it discards the event. " +
  "An on-failure destination or a dead-letter queue keeps those events so they can be inspected and replayed. Sources: AWS Lambda " +
  "Developer Guide, \"How Lambda handles errors and retries with asynchronous invocation\" " +
  "(https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html) and AWS SAM \"OnFailure\" " +
  "(https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-onfailure.html), read 2026-11-23.";

const SOURCE_WORDS: Record<string, string> = {
  s3: "S3 notifications",
  sns: "SNS",
  eventbridge: "EventBridge",
  schedule: "a schedule",
  CloudWatchLogs: "a CloudWatch Logs subscription",
  IoTRule: "an IoT rule",
  SES: "Amazon SES",
  other: "an asynchronous event source",
};

export const asyncWithoutFailureDestination: CheckRule = {
  id: "async-without-failure-destination",
  title: "Asynchronous trigger without an on-failure destination or DLQ",
  severity: "warning",
  source: "https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html",
  run(ctx) {
    const problems: Problem[] = [];
    const handledByResource = new Set<string>();
    for (const r of ctx.facts.resources.values()) {
      if (r.type !== "AWS::Lambda::EventInvokeConfig") continue;
      const dc = r.properties.DestinationConfig;
      if (isObject(dc) && dc.OnFailure !== undefined) for (const id of referencedNames(r.properties.FunctionName)) handledByResource.add(id);
    }
    for (const fn of ctx.facts.functions.values()) {
      const triggers = (ctx.facts.triggersOf.get(fn.resource.id) ?? []).filter((t) => t.mode === "async");
      if (triggers.length === 0) continue;
      const p = fn.props;
      const eic = isObject(p.EventInvokeConfig) ? p.EventInvokeConfig : {};
      const onFailure = isObject(eic.DestinationConfig) ? eic.DestinationConfig.OnFailure : undefined;
      const dlq = p.DeadLetterQueue ?? (isObject(p.DeadLetterConfig) ? p.DeadLetterConfig.TargetArn : undefined);
      if (onFailure !== undefined || dlq !== undefined || handledByResource.has(fn.resource.id)) continue;
      const sources = [...new Set(triggers.map((t) => (t.source && ctx.facts.resources.has(t.source) ? describe(ctx.facts.resources.get(t.source), t.source) : SOURCE_WORDS[t.eventType ?? ""] ?? SOURCE_WORDS[t.kind] ?? t.kind)))];
      // A rule's or schedule's own DeadLetterConfig only catches events EventBridge could not deliver.
      const targetDlq = triggers.some((t) => t.settings.DeadLetterConfig !== undefined);
      const isSam = fn.resource.type === "AWS::Serverless::Function";
      problems.push(
        finding(ctx, {
          rule: asyncWithoutFailureDestination,
          resource: fn.resource,
          path: triggers[0].declaredIn === fn.resource.id ? triggers[0].path : undefined,
          message:
            `${describe(fn.resource, fn.resource.id)} is invoked asynchronously by ${sources.join(", ")} but has no on-failure destination or dead-letter queue: ` +
            `events that still fail after Lambda's retries are dropped.` +
            (targetDlq ? " (The event's DeadLetterConfig only keeps events EventBridge could not deliver to Lambda, not the function's own failures.)" : ""),
          why: WHY,
          // SAM creates the queue itself when OnFailure has Type SQS and no Destination.
          fix: isSam ? setPropertyFix("Send failed events to a new SQS queue (SAM creates it)", fn.resource.id, ["EventInvokeConfig", "DestinationConfig", "OnFailure"], { Type: "SQS" }) : undefined,
          wires: wiresOfDeclarations(ctx, triggers),
        }),
      );
    }
    return problems;
  },
};
