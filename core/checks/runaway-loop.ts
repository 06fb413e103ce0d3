/**
 * Runaway loop: a function that writes to the resource that triggers it (directly or through
 * other functions, topics and queues) invokes itself again with every write, and bills without
 * bound.
 *
 * Loops found: S3 bucket → function that can put objects in the same bucket (and, when both are
 * known, in the same key prefix); SQS / SNS / EventBridge → function that sends or publishes back;
 * DynamoDB / Kinesis stream → function that writes the same table or stream; any longer chain of
 * such edges, including SNS→SQS subscriptions, S3→SQS/SNS notifications, EventBridge→queue/topic
 * targets and a function's async destinations or dead-letter queue.
 *
 * Severity: error when nothing stops the next trip; warning when a filter (SNS filter policy,
 * event source filter criteria, an EventBridge pattern, an S3 suffix rule) may stop it, or when
 * only failed events go round; info when the trigger is limited to a key prefix and the function
 * may write anywhere in the bucket (AWS's own recommended separation, which holds if the code
 * writes outside that prefix). No problem when the write is limited to a prefix the trigger does
 * not cover.
 */
import type { Problem, Severity } from "../model/types";
import { DEFAULT_EVENT_BUS, targetsOf, type Service } from "./iam";
import { loopTripCost, formatUsd } from "./loop-cost";
import { isObject, referencedNames } from "./references";
import { describe, finding, setPropertyFix, wiresBetween, wiresOfDeclarations, type CheckContext, type CheckRule } from "./rule";
import type { Trigger } from "./design-facts";

const WHY =
  "A function that writes to the bucket, queue, topic, bus, table or stream that invokes it triggers itself again with each write. " +
  "AWS warns that such a loop bills you without bound and can take all of your account's Lambda concurrency; for S3 it advises " +
  "using two buckets, or limiting the trigger to a prefix used only for incoming objects. Lambda's recursive loop detection stops " +
  "only some kinds of loops, shortly after they start — do not rely on it. Sources: AWS Lambda Developer Guide, " +
  "\"Process Amazon S3 event notifications with Lambda\" (https://docs.aws.amazon.com/lambda/latest/dg/with-s3.html) and " +
  "\"Use Lambda recursive loop detection to prevent infinite loops\" (https://docs.aws.amazon.com/lambda/latest/dg/invocation-recursion.html), read 2026-11-23.";

/** The prefix the quick fix limits an unfiltered S3 trigger to. */
export const INCOMING_PREFIX = "incoming/";

type Edge =
  | { kind: "trigger"; from: string; to: string; trigger: Trigger }
  | { kind: "write"; from: string; to: string; service: Service; prefix?: string; via: string; broad?: boolean }
  | { kind: "destination"; from: string; to: string; destination: "on-success" | "on-failure" | "dlq" }
  | { kind: "relay"; from: string; to: string; via: string; filtered: boolean };

const LOOP_TRIGGERS = new Set(["s3", "sqs", "sns", "eventbridge", "kinesis", "dynamodb-stream"]);

const rank: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

function overlaps(a: string, b: string): boolean {
  return a.startsWith(b) || b.startsWith(a);
}

/** How sure it is that this write starts the next trip through this trigger (null = it cannot). */
function tripSeverity(write: Edge & { kind: "write" }, trigger: Trigger): Severity | null {
  const severity = writeTripSeverity(write, trigger);
  // A permission on every resource allows the loop, but does not say the code writes here.
  return severity === "error" && write.broad ? "warning" : severity;
}

function writeTripSeverity(write: Edge & { kind: "write" }, trigger: Trigger): Severity | null {
  if (trigger.kind === "s3") {
    if (trigger.prefix !== undefined) {
      if (write.prefix === undefined || write.prefix === "") return write.prefix === "" ? "error" : "info";
      return overlaps(write.prefix, trigger.prefix) ? "error" : null;
    }
    if (trigger.suffix !== undefined) return "warning";
    return "error";
  }
  if (trigger.kind === "eventbridge") return "warning";
  return trigger.filtered ? "warning" : "error";
}

/** Source-to-source forwarding (no function in between) that can carry a loop further. */
function relayEdges(ctx: CheckContext): Edge[] {
  const edges: Edge[] = [];
  const { resources, index } = ctx.facts;
  const ofType = (value: unknown, types: string[]) => [...referencedNames(value)].filter((id) => types.includes(resources.get(id)?.type ?? ""));
  for (const r of resources.values()) {
    const p = r.properties;
    if (r.type === "AWS::SNS::Subscription" && typeof p.Protocol === "string" && p.Protocol.toLowerCase() === "sqs") {
      for (const topic of ofType(p.TopicArn, ["AWS::SNS::Topic"])) for (const queue of ofType(p.Endpoint, ["AWS::SQS::Queue"])) edges.push({ kind: "relay", from: topic, to: queue, via: `subscription ${r.id}`, filtered: p.FilterPolicy !== undefined });
    } else if (r.type === "AWS::SNS::Topic" && Array.isArray(p.Subscription)) {
      for (const sub of p.Subscription) {
        if (isObject(sub) && sub.Protocol === "sqs") for (const queue of ofType(sub.Endpoint, ["AWS::SQS::Queue"])) edges.push({ kind: "relay", from: r.id, to: queue, via: "topic subscription", filtered: false });
      }
    } else if (r.type === "AWS::S3::Bucket" && isObject(p.NotificationConfiguration)) {
      const nc = p.NotificationConfiguration;
      for (const [key, field, type] of [["QueueConfigurations", "Queue", "AWS::SQS::Queue"], ["TopicConfigurations", "Topic", "AWS::SNS::Topic"]] as const) {
        for (const config of Array.isArray(nc[key]) ? nc[key] : []) {
          if (!isObject(config)) continue;
          for (const target of ofType(config[field], [type])) edges.push({ kind: "relay", from: r.id, to: target, via: "bucket notification", filtered: config.Filter !== undefined });
        }
      }
    } else if (r.type === "AWS::Events::Rule" && Array.isArray(p.Targets) && p.EventPattern !== undefined) {
      const bus = p.EventBusName === undefined ? DEFAULT_EVENT_BUS : targetsOf(p.EventBusName, "events", index)[0];
      for (const target of p.Targets) {
        if (!isObject(target) || !bus) continue;
        for (const dest of ofType(target.Arn, ["AWS::SQS::Queue", "AWS::SNS::Topic", "AWS::Kinesis::Stream", "AWS::Events::EventBus"])) edges.push({ kind: "relay", from: bus, to: dest, via: `rule ${r.id}`, filtered: true });
      }
    }
  }
  return edges;
}

function buildGraph(ctx: CheckContext): Map<string, Edge[]> {
  const out = new Map<string, Edge[]>();
  const add = (edge: Edge) => out.set(edge.from, [...(out.get(edge.from) ?? []), edge]);
  for (const trigger of ctx.facts.triggers) {
    if (trigger.source && LOOP_TRIGGERS.has(trigger.kind)) add({ kind: "trigger", from: trigger.source, to: trigger.function, trigger });
  }
  for (const write of ctx.facts.writes) add({ kind: "write", from: write.function, to: write.target, service: write.service, prefix: write.prefix, via: write.via, broad: write.broad });
  for (const d of ctx.facts.destinations) add({ kind: "destination", from: d.function, to: d.target, destination: d.kind });
  for (const relay of relayEdges(ctx)) add(relay);
  return out;
}

/** The shortest cycle through `start`, as a list of edges, or undefined. */
function shortestCycle(graph: Map<string, Edge[]>, start: string, usable: (path: Edge[], edge: Edge) => boolean): Edge[] | undefined {
  const queue: Edge[][] = (graph.get(start) ?? []).filter((e) => usable([], e)).map((e) => [e]);
  const seen = new Set<string>([start]);
  while (queue.length > 0) {
    const path = queue.shift()!;
    const last = path[path.length - 1];
    if (last.to === start) return path;
    if (seen.has(last.to)) continue;
    seen.add(last.to);
    for (const next of graph.get(last.to) ?? []) {
      if (usable(path, next)) queue.push([...path, next]);
    }
  }
  return undefined;
}

/** Severity of a whole cycle: the weakest link decides; null when a link cannot carry the loop. */
function cycleSeverity(cycle: Edge[]): Severity | null {
  let severity: Severity = "error";
  let broken = false;
  const lower = (s: Severity) => {
    if (rank[s] < rank[severity]) severity = s;
  };
  cycle.forEach((edge, i) => {
    const next = cycle[(i + 1) % cycle.length];
    const prev = cycle[(i - 1 + cycle.length) % cycle.length];
    if (edge.kind === "write" && next.kind === "trigger") {
      const s = tripSeverity(edge, next.trigger);
      if (s === null) broken = true;
      else lower(s);
    } else if (edge.kind === "destination") {
      lower(edge.destination === "on-success" ? "error" : "warning");
    } else if (edge.kind === "relay" && edge.filtered) {
      lower("warning");
    } else if (edge.kind === "trigger" && prev.kind !== "write" && edge.trigger.filtered) {
      lower("warning");
    }
  });
  return broken ? null : severity;
}

function edgeWords(ctx: CheckContext, edge: Edge): string {
  const name = (id: string) => (id === DEFAULT_EVENT_BUS ? "the default event bus" : describe(ctx.facts.resources.get(id), id));
  switch (edge.kind) {
    case "trigger": {
      const filter = edge.trigger.prefix !== undefined ? ` for keys under "${edge.trigger.prefix}"` : edge.trigger.suffix !== undefined ? ` for keys ending "${edge.trigger.suffix}"` : edge.trigger.filtered ? " (filtered)" : "";
      return `${name(edge.from)} triggers ${name(edge.to)}${filter}`;
    }
    case "write":
      return `${name(edge.from)} can write to ${name(edge.to)}${edge.prefix ? ` under "${edge.prefix}"` : ""} (${edge.via})`;
    case "destination":
      return `${name(edge.from)} sends ${edge.destination === "on-success" ? "successful" : "failed"} events to ${name(edge.to)}`;
    case "relay":
      return `${name(edge.from)} forwards to ${name(edge.to)} (${edge.via})`;
  }
}

/** The drawn wires along a cycle, so the canvas badges each of them. */
function wiresOf(ctx: CheckContext, cycle: Edge[]): string[] {
  return cycle.flatMap((edge) => {
    switch (edge.kind) {
      case "trigger":
        return wiresOfDeclarations(ctx, [edge.trigger]);
      case "write":
        return wiresBetween(ctx, edge.from, edge.to, "access");
      case "destination":
        return wiresBetween(ctx, edge.from, edge.to, "destination");
      case "relay":
        return wiresBetween(ctx, edge.from, edge.to);
    }
  });
}

function fixFor(ctx: CheckContext, cycle: Edge[]) {
  // Limit an unfiltered S3 trigger to an incoming/ prefix, as AWS advises.
  for (let i = 0; i < cycle.length; i++) {
    const edge = cycle[i];
    const prev = cycle[(i - 1 + cycle.length) % cycle.length];
    if (edge.kind !== "trigger" || edge.trigger.kind !== "s3" || edge.trigger.filtered || prev.kind !== "write") continue;
    const t = edge.trigger;
    const filter = { S3Key: { Rules: [{ Name: "prefix", Value: INCOMING_PREFIX }] } };
    const title = `Trigger ${t.function} only for uploads under ${INCOMING_PREFIX} (write results elsewhere)`;
    if (t.declaredIn === t.function && t.path[1] === "Events") return setPropertyFix(title, t.function, ["Events", String(t.path[2]), "Properties", "Filter"], filter);
    if (t.path[1] === "NotificationConfiguration") return setPropertyFix(title, t.declaredIn, [...t.path.slice(1), "Filter"], filter);
  }
  return undefined;
}

export const runawayLoop: CheckRule = {
  id: "runaway-loop",
  title: "Runaway loop through triggers and writes",
  severity: "error",
  source: "https://docs.aws.amazon.com/lambda/latest/dg/invocation-recursion.html",
  run(ctx) {
    const graph = buildGraph(ctx);
    const problems: Problem[] = [];
    const reported = new Set<string>();
    for (const fnId of ctx.facts.functions.keys()) {
      // A trigger edge only continues a cycle after a write, destination or relay into its source
      // (or as the first hop), and a write into a bucket must be able to reach the trigger's prefix.
      const cycle = shortestCycle(graph, fnId, (path, edge) => {
        const prev = path[path.length - 1];
        if (edge.kind === "trigger" && prev?.kind === "write") return tripSeverity(prev, edge.trigger) !== null;
        // Destinations and DLQs only receive events from asynchronous invocations.
        if (edge.kind === "destination" && prev) return prev.kind === "trigger" && prev.trigger.mode === "async";
        return true;
      });
      if (!cycle) continue;
      const first = cycle[0];
      const last = cycle[cycle.length - 1];
      if (first.kind === "destination" && !(last.kind === "trigger" && last.trigger.mode === "async")) continue;
      const key = [...new Set(cycle.map((e) => e.from))].sort().join("|");
      if (reported.has(key)) continue;
      reported.add(key);
      const severity = cycleSeverity(cycle);
      if (severity === null) continue;
      // Rotate so the story starts at the resource that starts the loop (the first trigger source).
      const start = cycle.findIndex((e) => e.kind === "trigger");
      const story = start > 0 ? [...cycle.slice(start), ...cycle.slice(0, start)] : cycle;
      const loopFunctions = [...new Set(story.filter((e) => e.kind === "trigger").map((e) => e.to))];
      const writes = story.filter((e): e is Edge & { kind: "write" } => e.kind === "write").map((e) => e.service);
      const cost = loopTripCost(
        loopFunctions.map((id) => {
          const f = ctx.facts.functions.get(id)!;
          const arch = f.props.Architectures;
          return { id, timeoutSeconds: f.timeout ?? 3, memoryMb: f.memory, arm: Array.isArray(arch) && arch.includes("arm64") };
        }),
        writes,
        ctx.options.prices,
      );
      const qualifier =
        severity === "info"
          ? ` The trigger is limited to a key prefix; this stays safe only while ${fnId} never writes under it.`
          : severity === "warning"
            ? " A filter, failure-only delivery or a permission on every resource (rather than this one) may mean it never happens, but nothing in the template rules it out."
            : "";
      const message =
        `Runaway loop: ${story.map((e) => edgeWords(ctx, e)).join(", then ")} — each write can start the next trip.${qualifier} ` +
        `One trip costs up to ${formatUsd(cost.perTrip)}, so one event that keeps looping costs ${formatUsd(cost.perTrip * 1_000_000)} per million trips ` +
        `(${cost.breakdown}).`;
      const anchor = story.find((e) => e.kind === "trigger") as (Edge & { kind: "trigger" }) | undefined;
      problems.push(
        finding(ctx, {
          rule: runawayLoop,
          severity,
          resource: anchor ? anchor.trigger.declaredIn : fnId,
          path: anchor ? anchor.trigger.path : undefined,
          message,
          why: WHY,
          fix: severity === "info" ? undefined : fixFor(ctx, story),
          wires: wiresOf(ctx, story),
        }),
      );
    }
    return problems;
  },
};
