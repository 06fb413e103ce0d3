/**
 * SQS visibility timeout shorter than 6× the consumer function's timeout.
 *
 * AWS asks for at least six times the function timeout so Lambda has time to retry when the
 * function is throttled while processing a previous batch; a visibility timeout shorter than the
 * function timeout itself is rejected when the event source mapping is created.
 * The queue's VisibilityTimeout defaults to 30 seconds (Amazon SQS API Reference, CreateQueue).
 */
import type { Problem } from "../model/types";
import { numberValue } from "./references";
import { describe, finding, setPropertyFix, wiresOfDeclarations, type CheckRule } from "./rule";

const WHY =
  "Set the queue's visibility timeout to at least six times the function timeout, so Lambda has time to retry if the function is " +
  "throttled while processing a previous batch; a function timeout longer than the visibility timeout is rejected when the event " +
  "source mapping is created. Source: AWS Lambda Developer Guide, \"Using Lambda with Amazon SQS\" / \"Creating and configuring an " +
  "Amazon SQS event source mapping\" (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html), read 2026-11-23.";

/** SQS's default and maximum visibility timeout, in seconds (Amazon SQS API Reference, CreateQueue). */
const DEFAULT_VISIBILITY_TIMEOUT = 30;
const MAX_VISIBILITY_TIMEOUT = 43_200;

export const sqsVisibilityTimeout: CheckRule = {
  id: "sqs-visibility-timeout",
  title: "SQS visibility timeout shorter than 6× the function timeout",
  severity: "warning",
  source: "https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html",
  run(ctx) {
    const problems: Problem[] = [];
    // The longest-running consumer decides, when several functions read one queue.
    const consumers = new Map<string, { fn: string; timeout: number }>();
    for (const t of ctx.facts.triggers) {
      if (t.kind !== "sqs" || !t.source) continue;
      const timeout = ctx.facts.functions.get(t.function)?.timeout;
      if (timeout === undefined) continue;
      const current = consumers.get(t.source);
      if (!current || timeout > current.timeout) consumers.set(t.source, { fn: t.function, timeout });
    }
    for (const [queueId, { fn, timeout }] of consumers) {
      const queue = ctx.facts.resources.get(queueId)!;
      const raw = queue.properties.VisibilityTimeout;
      const visibility = raw === undefined ? DEFAULT_VISIBILITY_TIMEOUT : numberValue(raw, ctx.model);
      if (visibility === undefined || visibility >= 6 * timeout) continue;
      const wanted = Math.min(6 * timeout, MAX_VISIBILITY_TIMEOUT);
      const written = raw === undefined ? `${visibility} s (the default)` : `${visibility} s`;
      const rejected = visibility < timeout;
      problems.push(
        finding(ctx, {
          rule: sqsVisibilityTimeout,
          severity: rejected ? "error" : "warning",
          resource: queue,
          path: ["Properties", "VisibilityTimeout"],
          message: rejected
            ? `${describe(queue, queueId)} has a visibility timeout of ${written}, shorter than the ${timeout} s timeout of ${describe(ctx.facts.functions.get(fn)?.resource, fn)}: Lambda will refuse the event source mapping. Use at least ${wanted} s (6× the function timeout).`
            : `${describe(queue, queueId)} has a visibility timeout of ${written}, less than 6× the ${timeout} s timeout of ${describe(ctx.facts.functions.get(fn)?.resource, fn)}: messages can reappear and be processed twice while a batch is retried. Use at least ${wanted} s.`,
          why: WHY,
          fix: setPropertyFix(`Set the visibility timeout to ${wanted} s`, queueId, ["VisibilityTimeout"], wanted),
          wires: wiresOfDeclarations(ctx, ctx.facts.triggers.filter((t) => t.kind === "sqs" && t.source === queueId && t.function === fn)),
        }),
      );
    }
    return problems;
  },
};
