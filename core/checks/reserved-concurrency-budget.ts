/**
 * Functions without reserved concurrency behind unbounded sources, when the person has set a
 * concurrency budget (`preferences.concurrencyBudget` in flowform.json).
 *
 * Unbounded sources: APIs and function URLs, S3, SNS, EventBridge and other asynchronous sources,
 * and SQS queues without `ScalingConfig.MaximumConcurrency`. Kinesis and DynamoDB streams are
 * bounded by their shards. Reserved concurrency caps a function (and keeps that capacity for it);
 * the quick fix shares the budget evenly between the functions that have none.
 */
import type { Problem } from "../model/types";
import { isObject, numberValue } from "./references";
import type { Trigger } from "./design-facts";
import { describe, finding, setPropertyFix, wiresOfDeclarations, type CheckContext, type CheckRule } from "./rule";

const WHY =
  "Reserved concurrency is both the most and the least number of concurrent instances a function gets; it keeps one function from using " +
  "the whole account's concurrency and protects downstream resources such as databases. Source: AWS Lambda Developer Guide, \"Configuring " +
  "reserved concurrency for a function\" (https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html), read 2026-11-23.";

const UNBOUNDED = new Set(["rest-api", "http-api", "function-url", "s3", "sns", "eventbridge", "schedule", "other", "sqs"]);

/** The source in the message's words: the resource when it is written in the template, else what invokes the function. */
function sourceWords(ctx: CheckContext, t: Trigger): string {
  if (t.source && ctx.facts.resources.has(t.source)) return describe(ctx.facts.resources.get(t.source), t.source);
  switch (t.kind) {
    case "rest-api": return "the REST API SAM creates (ServerlessRestApi)";
    case "http-api": return "the HTTP API SAM creates (ServerlessHttpApi)";
    case "function-url": return "its function URL";
    case "s3": return "S3 notifications";
    case "sns": return "SNS";
    case "eventbridge": return "EventBridge";
    case "schedule": return "a schedule";
    case "sqs": return "an SQS queue";
    default: return t.eventType ? `${t.eventType} events` : "an event source";
  }
}

/** The concurrency budget set in flowform.json `preferences`, or undefined when none (the rule is off). */
export function concurrencyBudgetIn(preferences: Record<string, unknown> | undefined): number | undefined {
  const value = preferences?.concurrencyBudget;
  return typeof value === "number" && value > 0 ? value : undefined;
}

export const reservedConcurrencyBudget: CheckRule = {
  id: "reserved-concurrency-budget",
  title: "Function without reserved concurrency under a concurrency budget",
  severity: "warning",
  source: "https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html",
  run(ctx) {
    const budget = concurrencyBudgetIn(ctx.options.preferences);
    if (budget === undefined) return [];
    const problems: Problem[] = [];
    const uncapped: { fnId: string; sources: string[]; triggers: Trigger[] }[] = [];
    let reservedTotal = 0;
    for (const fn of ctx.facts.functions.values()) {
      const reserved = numberValue(fn.props.ReservedConcurrentExecutions, ctx.model);
      if (reserved !== undefined) {
        reservedTotal += reserved;
        continue;
      }
      if (fn.props.ReservedConcurrentExecutions !== undefined) continue;
      const unbounded = (ctx.facts.triggersOf.get(fn.resource.id) ?? []).filter((t) => {
        if (!UNBOUNDED.has(t.kind)) return false;
        if (t.kind === "sqs") return !(isObject(t.settings.ScalingConfig) && t.settings.ScalingConfig.MaximumConcurrency !== undefined);
        // Kafka, MQ and DocumentDB pollers are bounded by partitions / the broker, like streams by shards.
        if (t.kind === "other") return t.mode !== "poll";
        return true;
      });
      if (unbounded.length > 0) uncapped.push({ fnId: fn.resource.id, sources: [...new Set(unbounded.map((t) => sourceWords(ctx, t)))], triggers: unbounded });
    }
    const share = Math.max(1, Math.floor((budget - reservedTotal) / Math.max(1, uncapped.length)));
    for (const { fnId, sources, triggers } of uncapped) {
      const fn = ctx.facts.functions.get(fnId)!;
      problems.push(
        finding(ctx, {
          rule: reservedConcurrencyBudget,
          resource: fn.resource,
          path: ["Properties", "ReservedConcurrentExecutions"],
          message: `${describe(fn.resource, fnId)} has no reserved concurrency but is invoked by ${sources.join(", ")}, which can scale without limit; your concurrency budget is ${budget}.`,
          why: WHY,
          fix: setPropertyFix(`Reserve ${share} concurrent executions`, fnId, ["ReservedConcurrentExecutions"], share),
          wires: wiresOfDeclarations(ctx, triggers),
        }),
      );
    }
    if (reservedTotal > budget) {
      const first = [...ctx.facts.functions.values()].find((f) => f.props.ReservedConcurrentExecutions !== undefined);
      if (first) {
        problems.push(
          finding(ctx, {
            rule: reservedConcurrencyBudget,
            resource: first.resource,
            path: ["Properties", "ReservedConcurrentExecutions"],
            message: `Reserved concurrency adds up to ${reservedTotal}, above your concurrency budget of ${budget}.`,
            why: WHY,
          }),
        );
      }
    }
    return problems;
  },
};
