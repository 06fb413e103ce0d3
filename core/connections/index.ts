/**
 * Connection rules: which wires Flowform derives from a template, which pairs of resources can be
 * wired, and what wiring them writes. One file per family of wires; this file lists them.
 */
import type { Connection, Refusal, Resource, TemplateModel } from "../model/types";
import { apiToFunction } from "./api-to-function";
import { apiToStateMachine } from "./api-to-state-machine";
import { destinations } from "./destinations";
import { eventbridgeToTarget } from "./eventbridge-to-target";
import { functionAccess } from "./function-access";
import { recogniseReferences, references } from "./references";
import { refuse, type ConnectionRule, type ConnectPlan, type ConnectVerdict, type RuleContext } from "./rule";
import { s3ToFunction } from "./s3-to-function";
import { snsToFunction } from "./sns-to-function";
import { sqsToFunction } from "./sqs-to-function";
import { streamToFunction } from "./stream-to-function";

export type { ConnectionRule, ConnectPlan, ConnectVerdict, RuleContext, TemplateChange } from "./rule";
export { isRefusal } from "./rule";
export { findReferences, subVariables, getAttParts, type FoundReference } from "./references-walk";
export { implicitResources, samEvents, IMPLICIT_HTTP_API, IMPLICIT_REST_API, type SamEvent } from "./sam-events";

/** Every rule, in the order they are asked. `references` is last: it covers what the others do not. */
export const RULES: readonly ConnectionRule[] = [
  apiToFunction,
  apiToStateMachine,
  s3ToFunction,
  sqsToFunction,
  streamToFunction,
  snsToFunction,
  eventbridgeToTarget,
  destinations,
  functionAccess,
  references,
];

export function ruleById(id: string): ConnectionRule | undefined {
  return RULES.find((r) => r.id === id);
}

export function ruleContext(model: TemplateModel): RuleContext {
  return { model, byId: new Map(model.resources.map((r) => [r.id, r])) };
}

/** All wires of a model (its `connections` field is ignored and recomputed). */
export function recogniseConnections(model: TemplateModel): Connection[] {
  const ctx = ruleContext(model);
  const found: Connection[] = [];
  for (const rule of RULES) if (rule !== references) found.push(...rule.recognise(ctx));
  found.push(...recogniseReferences(ctx, found));
  // Two rules can see the same part (e.g. an Events::Rule target that is also a queue DLQ): keep the first.
  const seen = new Set<string>();
  return found.filter((c) => (seen.has(c.id) ? false : (seen.add(c.id), true)));
}

/**
 * Whether `from` can be wired to `to`, and as what. `settings.as` picks a destination wire
 * ("on-failure" | "on-success" | "dlq") where an access wire would otherwise be made
 * (function → queue/topic/function/bus); `settings.level` picks the access level.
 */
export function canConnect(model: TemplateModel, fromId: string, toId: string, settings: Record<string, unknown> = {}): ConnectVerdict {
  const ctx = ruleContext(model);
  const from = ctx.byId.get(fromId);
  const to = ctx.byId.get(toId);
  if (!from) return refuse(`There is no resource ${fromId}.`);
  if (!to) return refuse(`There is no resource ${toId}.`);
  if (from.id === to.id) return refuse("A resource cannot be wired to itself.");
  let firstRefusal: (Refusal & { rule?: string }) | undefined;
  for (const rule of RULES) {
    const verdict = rule.canConnect(from, to, settings);
    if (!verdict) continue;
    if ("ok" in verdict) return verdict;
    firstRefusal ??= { ...verdict, rule: rule.id };
  }
  return firstRefusal ?? refusalFor(from, to);
}

/** Other wires the same pair could be (e.g. a function → queue is "send" access, or an on-failure destination). */
export function connectionOptions(model: TemplateModel, fromId: string, toId: string): { settings: Record<string, unknown>; label: string; rule: string }[] {
  const options: { settings: Record<string, unknown>; label: string; rule: string }[] = [];
  const tries: Record<string, unknown>[] = [{}, { level: "read" }, { level: "write" }, { level: "read-write" }, { as: "on-failure" }, { as: "on-success" }, { as: "dlq" }];
  const seen = new Set<string>();
  for (const settings of tries) {
    const v = canConnect(model, fromId, toId, settings);
    if ("ok" in v && !seen.has(`${v.rule}:${v.label}`)) {
      seen.add(`${v.rule}:${v.label}`);
      options.push({ settings, label: v.label, rule: v.rule });
    }
  }
  return options;
}

function refusalFor(from: Resource, to: Resource): Refusal {
  if (to.kind === "function" || to.kind === "state-machine") {
    return refuse(`A ${from.kind} cannot invoke a ${to.kind}.`, `Triggers come from APIs, buckets, queues, streams, topics, rules and schedules.`);
  }
  if (from.kind === "function") return refuse(`Flowform has no access wire from a function to a ${to.kind}.`, `Add an IAM statement for ${to.id} to the function's Policies by hand.`);
  return refuse(`Flowform does not wire a ${from.kind} to a ${to.kind}.`, from.kind !== "generic" && to.kind !== "generic" ? "Connect them through a function." : undefined);
}

/** The template changes that wire `from` to `to`, or why not. */
export function planConnect(model: TemplateModel, fromId: string, toId: string, settings: Record<string, unknown> = {}): (ConnectPlan & { rule: string }) | Refusal {
  const verdict = canConnect(model, fromId, toId, settings);
  if (!("ok" in verdict)) return verdict;
  const ctx = ruleContext(model);
  const rule = ruleById(verdict.rule)!;
  const plan = rule.connect(ctx, ctx.byId.get(fromId)!, ctx.byId.get(toId)!, settings);
  return "refused" in plan ? plan : { ...plan, rule: rule.id };
}

/** The template changes that remove a wire: exactly the parts it owns. */
export function planDisconnect(model: TemplateModel, connectionId: string): ConnectPlan | Refusal {
  const connection = model.connections.find((c) => c.id === connectionId);
  if (!connection) return refuse(`There is no wire ${connectionId}.`);
  if (connection.writes.length === 0) {
    return refuse(`${connection.from} → ${connection.to} is a reference written by hand (${connection.label}); Flowform does not remove it.`, "Edit the template where it is written.");
  }
  // Remove later list items first so earlier indexes stay valid.
  const writes = [...connection.writes].sort((a, b) => {
    if (a.resource !== b.resource) return 0;
    const ia = a.path[a.path.length - 1];
    const ib = b.path[b.path.length - 1];
    return typeof ia === "number" && typeof ib === "number" ? ib - ia : 0;
  });
  return {
    changes: writes.map((w) => ({ change: "remove" as const, path: w.path.length ? ["Resources", w.resource, ...w.path] : ["Resources", w.resource], prune: true })),
    summary: `Removes ${connection.writes.map((w) => w.description).join(", ")}`,
    why: "Removing a wire removes exactly what it wrote",
    touched: [...new Set(connection.writes.map((w) => w.resource))],
  };
}

/** The template changes for new settings on a wire. */
export function planUpdate(model: TemplateModel, connectionId: string, settings: Record<string, unknown>): ConnectPlan | Refusal {
  const connection = model.connections.find((c) => c.id === connectionId);
  if (!connection) return refuse(`There is no wire ${connectionId}.`);
  const rule = ruleById(connection.rule);
  if (!rule?.update) return refuse(`The ${connection.label} wire has no settings to change.`);
  return rule.update(ruleContext(model), connection, settings);
}
