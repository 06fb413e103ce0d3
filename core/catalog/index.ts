/**
 * The resource catalog: one card per kind of resource Flowform draws (function, queue, table…)
 * and a generic card for every other CloudFormation type.
 */
import type { Resource } from "../model/types";
import type { Spec } from "../spec";
import { CFN_DOCS, type CatalogCard, type EditableProperty } from "./card";
import { specProperties } from "./generic";
import { CARDS, genericCard } from "./cards";

export type { CatalogCard, EditableProperty, PropertyType, ResourceHandles } from "./card";
export { CARDS, genericCard } from "./cards";
export { specProperties } from "./generic";

const byKind = new Map(CARDS.map((card) => [card.kind, card]));

/** The card for a kind id; the generic card for unknown ids. */
export function cardFor(kind: string): CatalogCard {
  return byKind.get(kind) ?? genericCard;
}

/** Cards shown in the palette (every first-class card; the generic card is reached by type search). */
export function paletteCards(): CatalogCard[] {
  return CARDS.filter((card) => card.kind !== "generic");
}

/**
 * The kind of a resource from its type (and, for EventBridge rules, its properties: a rule with a
 * ScheduleExpression and no EventPattern is a schedule).
 */
export function kindOf(type: string, properties?: Record<string, unknown>): string {
  if (type === "AWS::Events::Rule") {
    const p = properties ?? {};
    return p.ScheduleExpression !== undefined && p.EventPattern === undefined ? "schedule" : "event-rule";
  }
  if (type === "AWS::Scheduler::Schedule") return "schedule";
  for (const card of CARDS) if (card.types.includes(type)) return card.kind;
  return "generic";
}

/** The type a new resource of this kind gets. Generic resources need an explicit type. */
export function newResourceType(kind: string): string | undefined {
  return byKind.get(kind)?.types[0];
}

/** AWS reference page for any type (the card's page for first-class kinds). */
export function docsForType(type: string): string {
  const kind = kindOf(type);
  if (kind !== "generic" && cardFor(kind).types[0] === type) return cardFor(kind).docs;
  const parts = type.split("::");
  if (parts.length === 3 && parts[0] === "AWS" && parts[1] !== "Serverless") {
    return `${CFN_DOCS}/aws-resource-${parts[1].toLowerCase()}-${parts[2].toLowerCase()}.html`;
  }
  return cardFor(kind).docs;
}

/**
 * The schedule expression of a schedule resource: `ScheduleExpression` on rules and EventBridge
 * Scheduler schedules, `Schedule` on the implicit schedules of SAM `Schedule`/`ScheduleV2` events.
 */
export function scheduleExpressionOf(resource: Resource): string | undefined {
  const p = resource.properties;
  const value = p.ScheduleExpression ?? p.Schedule;
  return typeof value === "string" ? value : undefined;
}

/** True for SAM queue definitions that are FIFO. */
export function isFifoQueue(resource: Resource): boolean {
  const fifo = resource.properties.FifoQueue;
  return fifo === true || fifo === "true";
}

/**
 * The inspector's fields for a resource: its card's properties for first-class kinds, the spec's
 * properties for every other type (when the caller has the spec loaded).
 */
export function editablePropertiesFor(resource: Pick<Resource, "type" | "kind">, spec?: Spec): EditableProperty[] {
  const card = cardFor(resource.kind);
  if (card.kind !== "generic") return [...card.properties];
  return spec ? specProperties(spec, resource.type) : [];
}
