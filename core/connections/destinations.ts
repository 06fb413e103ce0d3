/**
 * Where failed (or finished) work goes: a function's on-failure / on-success destination
 * (`EventInvokeConfig.DestinationConfig`) or dead-letter queue (`DeadLetterQueue`), and a queue's
 * dead-letter queue (`RedrivePolicy`).
 *
 * SAM adds the IAM permissions for destinations and DLQs itself (SAM docs,
 * "EventInvokeConfiguration" and "DeadLetterQueue" of AWS::Serverless::Function). On-failure
 * destinations receive the failed event with error details and cover asynchronous invocations only
 * (Lambda docs, "Capturing records of Lambda asynchronous invocations").
 */
import type { Connection, Resource } from "../model/types";
import { asRecord, findReferences, type Path } from "./references-walk";
import { makeConnection, refuse, type ConnectionRule, type RuleContext } from "./rule";

const DESTINATION_TYPE: Readonly<Record<string, string>> = { queue: "SQS", topic: "SNS", function: "Lambda", "event-bus": "EventBridge" };

const arnOf = (target: Resource) => (target.kind === "topic" ? { Ref: target.id } : { "Fn::GetAtt": [target.id, "Arn"] });

function recogniseAll(ctx: RuleContext): Connection[] {
  const out: Connection[] = [];
  const targetIn = (value: unknown) => findReferences(value).map((r) => r.id).find((id) => ctx.byId.has(id));
  const push = (from: string, to: string, path: Path, label: string, summary: string, why: string, settings: Record<string, unknown>) =>
    out.push(makeConnection({ kind: "destination", from, to, rule: "destinations", label, settings, summary, why, writes: [{ resource: from, path, description: label }] }));
  for (const r of ctx.model.resources) {
    if (r.implicit) continue;
    if (r.kind === "function") {
      const dlq = asRecord(r.properties.DeadLetterQueue);
      const dlqTarget = targetIn(dlq?.TargetArn);
      if (dlqTarget) push(r.id, dlqTarget, ["Properties", "DeadLetterQueue"], "dead-letter", `${dlqTarget} is ${r.id}'s dead-letter queue`, "Asynchronous events that still fail after Lambda's retries are kept there", { as: "dlq" });
      const config = asRecord(asRecord(r.properties.EventInvokeConfig)?.DestinationConfig);
      for (const when of ["OnFailure", "OnSuccess"] as const) {
        const target = targetIn(asRecord(config?.[when])?.Destination);
        if (target) {
          push(r.id, target, ["Properties", "EventInvokeConfig", "DestinationConfig", when], when === "OnFailure" ? "on failure" : "on success", `${target} receives ${r.id}'s ${when === "OnFailure" ? "failed" : "successful"} asynchronous invocations`, "Lambda sends the invocation record, with the error, to the destination", { as: when === "OnFailure" ? "on-failure" : "on-success" });
        }
      }
    } else if (r.kind === "queue") {
      const target = targetIn(asRecord(r.properties.RedrivePolicy)?.deadLetterTargetArn);
      if (target) {
        const max = asRecord(r.properties.RedrivePolicy)?.maxReceiveCount;
        push(r.id, target, ["Properties", "RedrivePolicy"], `dead-letter after ${String(max ?? "?")}`, `${target} is ${r.id}'s dead-letter queue`, "Messages received too many times without being deleted move there instead of blocking the queue", { as: "dlq", maxReceiveCount: max });
      }
    } else if (r.type === "AWS::Lambda::EventInvokeConfig") {
      const fn = findReferences(r.properties.FunctionName).map((x) => x.id).find((id) => ctx.byId.get(id)?.kind === "function");
      const config = asRecord(r.properties.DestinationConfig);
      for (const when of ["OnFailure", "OnSuccess"] as const) {
        const target = targetIn(asRecord(config?.[when])?.Destination);
        if (fn && target) {
          out.push(
            makeConnection({
              kind: "destination",
              from: fn,
              to: target,
              rule: "destinations",
              label: when === "OnFailure" ? "on failure" : "on success",
              settings: { as: when === "OnFailure" ? "on-failure" : "on-success", resource: r.id },
              summary: `${r.id} sends ${fn}'s ${when === "OnFailure" ? "failed" : "successful"} asynchronous invocations to ${target}`,
              why: "Lambda sends the invocation record to the destination",
              writes: [{ resource: r.id, path: ["Properties", "DestinationConfig", when], description: when }],
            }),
          );
        }
      }
    }
  }
  return out;
}

export const destinations: ConnectionRule = {
  id: "destinations",
  kind: "destination",
  title: "Failed work goes to a destination or dead-letter queue",
  recognise: recogniseAll,
  canConnect(from, to, settings) {
    const as = settings?.as;
    if (from.kind === "queue" && to.kind === "queue") {
      if (from.id === to.id) return refuse("A queue cannot be its own dead-letter queue.");
      const fifo = (r: Resource) => r.properties.FifoQueue === true || r.properties.FifoQueue === "true";
      if (fifo(from) !== fifo(to)) return refuse("A FIFO queue's dead-letter queue must be FIFO too, and a standard queue's must be standard (SQS docs, 'Amazon SQS dead-letter queues').");
      if (from.properties.RedrivePolicy !== undefined) return refuse(`${from.id} already has a dead-letter queue (RedrivePolicy); a queue has one.`, "Remove that wire first.");
      return { ok: true, rule: "destinations", kind: "destination", label: "dead-letter", summary: `Makes ${to.id} the dead-letter queue of ${from.id} (after 5 receives)` };
    }
    if (from.kind !== "function" || (as !== "on-failure" && as !== "on-success" && as !== "dlq")) return undefined;
    if (from.type !== "AWS::Serverless::Function") return refuse(`${from.id} is a plain AWS::Lambda::Function; add an AWS::Lambda::EventInvokeConfig by hand.`);
    if (as === "dlq" && to.kind !== "queue" && to.kind !== "topic") return refuse("A function's dead-letter queue must be an SQS queue or an SNS topic.", "Use an on-failure destination instead: it can also be a function or an event bus.");
    if (!DESTINATION_TYPE[to.kind]) return refuse(`A ${to.kind} cannot be a Lambda destination; destinations are queues, topics, functions and event buses.`);
    if (to.id === from.id) return refuse("A function cannot be its own destination.");
    if (as === "dlq" && from.properties.DeadLetterQueue !== undefined) return refuse(`${from.id} already has a dead-letter queue; a function has one.`, "Remove that wire first.");
    const config = (from.properties.EventInvokeConfig as { DestinationConfig?: Record<string, unknown> } | undefined)?.DestinationConfig;
    if (as !== "dlq" && config?.[as === "on-success" ? "OnSuccess" : "OnFailure"] !== undefined) {
      return refuse(`${from.id} already has an ${as} destination; a function has one of each.`, "Remove that wire first.");
    }
    return { ok: true, rule: "destinations", kind: "destination", label: as === "dlq" ? "dead-letter" : as.replace("-", " "), summary: `Sends ${from.id}'s ${as === "on-success" ? "successful" : "failed"} asynchronous invocations to ${to.id}` };
  },
  connect(_ctx, from, to, settings) {
    if (from.kind === "queue") {
      const max = Number(settings.maxReceiveCount ?? 5);
      return {
        changes: [{ change: "set", path: ["Resources", from.id, "Properties", "RedrivePolicy"], value: { deadLetterTargetArn: { "Fn::GetAtt": [to.id, "Arn"] }, maxReceiveCount: max } }],
        summary: `Adds a RedrivePolicy to ${from.id}: after ${max} receives a message moves to ${to.id}`,
        why: "A message that keeps failing would otherwise be retried until it expires, hiding the failure",
        touched: [from.id],
      };
    }
    if (settings.as === "dlq") {
      return {
        changes: [{ change: "set", path: ["Resources", from.id, "Properties", "DeadLetterQueue"], value: { Type: to.kind === "topic" ? "SNS" : "SQS", TargetArn: arnOf(to) } }],
        summary: `Makes ${to.id} the dead-letter queue of ${from.id}`,
        why: "Asynchronous events that still fail after Lambda's two retries are kept there; SAM adds the permission to send to it",
        touched: [from.id],
      };
    }
    const when = settings.as === "on-success" ? "OnSuccess" : "OnFailure";
    return {
      changes: [{ change: "set", path: ["Resources", from.id, "Properties", "EventInvokeConfig", "DestinationConfig", when], value: { Type: DESTINATION_TYPE[to.kind], Destination: arnOf(to) } }],
      summary: `Sends ${from.id}'s ${when === "OnFailure" ? "failed" : "successful"} asynchronous invocations to ${to.id}`,
      why: "Lambda sends the invocation record, with the error, to the destination; SAM adds the permission to send to it",
      touched: [from.id],
    };
  },
  update(ctx, connection, settings) {
    if (connection.settings.as === "dlq" && ctx.byId.get(connection.from)?.kind === "queue" && settings.maxReceiveCount !== undefined) {
      return {
        changes: [{ change: "set", path: ["Resources", connection.from, "Properties", "RedrivePolicy", "maxReceiveCount"], value: Number(settings.maxReceiveCount), overwrite: true }],
        summary: `Sets maxReceiveCount of ${connection.from} to ${String(settings.maxReceiveCount)}`,
        why: "How many times a message may be received before it moves to the dead-letter queue",
        touched: [connection.from],
      };
    }
    return refuse("Remove the wire and connect again to change what kind of destination it is.");
  },
};
