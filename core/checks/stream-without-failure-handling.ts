/**
 * Stream or queue source without failure handling.
 *
 * Kinesis and DynamoDB streams: by default an event source mapping retries a failing batch until
 * the records expire (MaximumRetryAttempts and MaximumRecordAgeInSeconds default to -1, infinite),
 * which blocks the shard; records given up on are lost unless `DestinationConfig.OnFailure` names
 * a queue or topic. `BisectBatchOnFunctionError` isolates the bad record.
 *
 * SQS: a message the function cannot process comes back after each visibility timeout until the
 * queue's retention period ends, billing an invocation each time, unless the queue has a
 * `RedrivePolicy` to a dead-letter queue.
 */
import type { Problem } from "../model/types";
import { isObject, numberValue } from "./references";
import { describe, finding, setPropertyFix, wiresOfDeclarations, type CheckRule } from "./rule";

const WHY_STREAM =
  "For Kinesis and DynamoDB streams, MaximumRetryAttempts and MaximumRecordAgeInSeconds default to -1 (infinite): Lambda retries a failing " +
  "batch until the records expire, holding up the shard. Limit retries, split failing batches (BisectBatchOnFunctionError) and send " +
  "discarded records to an on-failure destination. Source: AWS Lambda API Reference, \"CreateEventSourceMapping\" " +
  "(https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html), read 2026-11-23.";

const WHY_SQS =
  "Without a dead-letter queue, a message the function cannot process returns to the queue after every visibility timeout until it expires, " +
  "and every attempt is billed. Source: Amazon SQS Developer Guide, \"Configuring an Amazon SQS queue to trigger an AWS Lambda function\" " +
  "(https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-configure-lambda-function-trigger.html), read 2026-11-23.";

function listOr(items: string[]): string {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}

export const streamWithoutFailureHandling: CheckRule = {
  id: "stream-without-failure-handling",
  title: "Stream or queue trigger without retry limit or failure destination",
  severity: "warning",
  source: "https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html",
  run(ctx) {
    const problems: Problem[] = [];
    const reportedQueues = new Set<string>();
    for (const t of ctx.facts.triggers) {
      const fnResource = ctx.facts.resources.get(t.function);
      const fnName = describe(fnResource, t.function);
      if (t.kind === "kinesis" || t.kind === "dynamodb-stream") {
        const s = t.settings;
        const retries = numberValue(s.MaximumRetryAttempts, ctx.model);
        const age = numberValue(s.MaximumRecordAgeInSeconds, ctx.model);
        const unlimited = (s.MaximumRetryAttempts === undefined || retries === -1) && (s.MaximumRecordAgeInSeconds === undefined || age === -1);
        const dc = isObject(s.DestinationConfig) ? s.DestinationConfig : undefined;
        const onFailure = dc && isObject(dc.OnFailure) ? dc.OnFailure.Destination : undefined;
        const bisect = s.BisectBatchOnFunctionError === true || s.BisectBatchOnFunctionError === "true";
        if (!unlimited && onFailure !== undefined) continue;
        const missing: string[] = [];
        if (unlimited) missing.push("a retry limit (MaximumRetryAttempts)");
        if (!bisect) missing.push("batch splitting (BisectBatchOnFunctionError)");
        if (onFailure === undefined) missing.push("an on-failure destination");
        const source = t.source ? describe(ctx.facts.resources.get(t.source), t.source) : t.kind === "kinesis" ? "a Kinesis stream" : "a DynamoDB stream";
        const consequence = unlimited ? "a record that keeps failing is retried until it expires and holds up its shard" : "records given up on after the retries are lost";
        const propertyBase = t.declaredIn === t.function && t.path[1] === "Events" ? ["Events", String(t.path[2]), "Properties"] : [];
        problems.push(
          finding(ctx, {
            rule: streamWithoutFailureHandling,
            resource: t.declaredIn,
            path: t.path,
            message: `${fnName} reads ${source}${propertyBase.length ? ` (event ${t.name})` : ""} without ${listOr(missing)}: ${consequence}.`,
            why: WHY_STREAM,
            fix: unlimited ? setPropertyFix("Retry a failing batch at most 3 times", t.declaredIn, [...propertyBase, "MaximumRetryAttempts"], 3) : undefined,
            wires: wiresOfDeclarations(ctx, [t]),
          }),
        );
      } else if (t.kind === "sqs" && t.source && !reportedQueues.has(t.source)) {
        const queue = ctx.facts.resources.get(t.source)!;
        if (queue.properties.RedrivePolicy !== undefined) continue;
        reportedQueues.add(t.source);
        problems.push(
          finding(ctx, {
            rule: streamWithoutFailureHandling,
            resource: queue,
            message: `${describe(queue, queue.id)} triggers ${fnName} but has no dead-letter queue (RedrivePolicy): a message that keeps failing is retried, and billed, until it expires.`,
            why: WHY_SQS,
            wires: wiresOfDeclarations(ctx, ctx.facts.triggers.filter((other) => other.kind === "sqs" && other.source === t.source)),
          }),
        );
      }
    }
    return problems;
  },
};
