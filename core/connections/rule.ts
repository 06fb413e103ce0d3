/**
 * The shape of a connection rule. Each family of wires (SQS → function, function → table…) is one
 * file exporting one `ConnectionRule`; `index.ts` lists them in order.
 */
import type { Connection, ConnectionKind, ConnectionWrite, Refusal, Resource, TemplateModel } from "../model/types";
import type { Path } from "./references-walk";

export interface RuleContext {
  /** The model as imported (connections are being derived when `recognise` runs). */
  model: TemplateModel;
  byId: ReadonlyMap<string, Resource>;
}

/**
 * A change to the template, as a path from the template root. `core/template/edits` turns these
 * into text splices in the document's own style.
 */
export type TemplateChange =
  /**
   * Write a value at a path, creating missing maps on the way. Refused when a value is already
   * there unless `overwrite` (connections never overwrite what the person wrote).
   */
  | { change: "set"; path: Path; value: unknown; overwrite?: boolean }
  /** Append an item to the list at a path (creating the list when it is missing). */
  | { change: "append"; path: Path; value: unknown }
  /** Remove a key or list item; `prune` also removes maps/lists left empty, up to `Properties`. */
  | { change: "remove"; path: Path; prune?: boolean };

/** What connecting two resources writes, in words and as changes. */
export interface ConnectPlan {
  changes: TemplateChange[];
  summary: string;
  why: string;
  /** Logical IDs the connection adds or edits. */
  touched: string[];
}

/** A rule's answer to "can these two be wired?". */
export type ConnectVerdict =
  | { ok: true; rule: string; kind: ConnectionKind; label: string; summary: string }
  | (Refusal & { rule?: string });

export interface ConnectionRule {
  /** File name without extension, e.g. "sqs-to-function". */
  id: string;
  kind: ConnectionKind;
  /** One line in words, e.g. "An SQS queue triggers a function (event source mapping)". */
  title: string;
  /** Wires this family finds in an imported template. */
  recognise(ctx: RuleContext): Connection[];
  /** `undefined` when the pair is not this rule's business; a verdict otherwise. */
  canConnect(from: Resource, to: Resource, settings?: Record<string, unknown>): ConnectVerdict | undefined;
  /** Changes that wire `from` to `to`. Only called after `canConnect` said ok. */
  connect(ctx: RuleContext, from: Resource, to: Resource, settings: Record<string, unknown>): ConnectPlan | Refusal;
  /** Changes that apply new settings to an existing wire; absent when the wire has no settings to change in place. */
  update?(ctx: RuleContext, connection: Connection, settings: Record<string, unknown>): ConnectPlan | Refusal;
}

export function refuse(reason: string, fix?: string): Refusal {
  return fix ? { refused: true, reason, fix } : { refused: true, reason };
}

export function isRefusal(value: unknown): value is Refusal {
  return typeof value === "object" && value !== null && (value as Refusal).refused === true;
}

/** Connection ids say what the wire owns: "<rule>:<from>-><to>:<first written path>". */
export function connectionId(rule: string, from: string, to: string, writes: ConnectionWrite[]): string {
  const first = writes[0];
  const where = first ? `${first.resource}.${first.path.join(".")}` : "";
  return `${rule}:${from}->${to}:${where}`;
}

export function makeConnection(c: Omit<Connection, "id"> & { id?: string }): Connection {
  return { ...c, id: c.id ?? connectionId(c.rule, c.from, c.to, c.writes) };
}
