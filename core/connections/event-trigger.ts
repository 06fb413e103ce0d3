/**
 * Shared machinery for triggers written as SAM events (`Events:` on a function or state machine):
 * recognising them, writing a new event, changing its settings in place.
 */
import type { Connection, Resource } from "../model/types";
import { makeConnection, refuse, type ConnectPlan, type RuleContext } from "./rule";
import { findReferences, type Path } from "./references-walk";
import { eventSourceId, samEvents, type SamEvent } from "./sam-events";

export interface EventTriggerSpec {
  rule: string;
  /** SAM event types this family writes and recognises. */
  eventTypes: readonly string[];
  /** Kinds of resource holding the events (default: any: functions and state machines). */
  ownerKinds?: readonly string[];
  /** Label drawn on the wire. */
  label(event: SamEvent): string;
  /** Settings shown in the inspector (read from the event's Properties). */
  settings(event: SamEvent): Record<string, unknown>;
  summary(event: SamEvent, from: string): string;
  why(event: SamEvent, from: string): string;
  /** Inspector setting name → event property it is written to (for updates in place). */
  settingProperties?: Readonly<Record<string, string>>;
}

export function recogniseEventTriggers(ctx: RuleContext, spec: EventTriggerSpec): Connection[] {
  const out: Connection[] = [];
  for (const owner of ctx.model.resources) {
    if (owner.implicit || (spec.ownerKinds && !spec.ownerKinds.includes(owner.kind))) continue;
    for (const event of samEvents(owner)) {
      if (!spec.eventTypes.includes(event.type)) continue;
      // The source is the resource the event names (an ARN built with !Join or !Sub names it too).
      const from = eventSourceId(event, (v) => findReferences(v).map((r) => r.id).find((id) => ctx.byId.has(id) && id !== owner.id));
      if (!from || !ctx.byId.has(from)) continue;
      out.push(
        makeConnection({
          kind: "trigger",
          from,
          to: owner.id,
          rule: spec.rule,
          label: spec.label(event),
          settings: { event: event.name, type: event.type, ...spec.settings(event) },
          summary: spec.summary(event, from),
          why: spec.why(event, from),
          writes: [{ resource: owner.id, path: event.path, description: `${event.type} event ${event.name}` }],
        }),
      );
    }
  }
  return out;
}

/** An event name that is free on the target: the base, or base2, base3… */
export function freeEventName(target: Resource, base: string): string {
  const events = (target.properties.Events ?? {}) as Record<string, unknown>;
  const clean = base.replace(/[^A-Za-z0-9]/g, "") || "Event";
  let name = clean;
  for (let n = 2; name in events; n++) name = `${clean}${n}`;
  return name;
}

/** Plan for adding a SAM event to the target. */
export function addEventPlan(target: Resource, name: string, type: string, properties: Record<string, unknown>, summary: string, why: string): ConnectPlan {
  return {
    changes: [{ change: "set", path: ["Resources", target.id, "Properties", "Events", name], value: { Type: type, Properties: properties } }],
    summary,
    why,
    touched: [target.id],
  };
}

/** Plan for changing an event's settings in place, property by property. */
export function updateEventPlan(_ctx: RuleContext, connection: Connection, spec: EventTriggerSpec, settings: Record<string, unknown>): ConnectPlan | ReturnType<typeof refuse> {
  const write = connection.writes[0];
  if (!write) return refuse("This wire has nothing in the template to update.");
  const changes: ConnectPlan["changes"] = [];
  for (const [setting, value] of Object.entries(settings)) {
    const property = spec.settingProperties?.[setting];
    if (!property) return refuse(`The setting "${setting}" cannot be changed on this wire.`);
    const path: Path = ["Resources", write.resource, ...write.path, "Properties", property];
    changes.push(value === undefined || value === null || value === "" ? { change: "remove", path } : { change: "set", path, value, overwrite: true });
  }
  return { changes, summary: `Updates ${Object.keys(settings).join(", ")} of the ${connection.label} wire`, why: "Settings of the event are written on the event itself", touched: [write.resource] };
}

export function upperSnake(id: string): string {
  return id
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .toUpperCase();
}

export function kebab(id: string): string {
  return id
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .toLowerCase();
}
