/**
 * SAM `Events` on functions and state machines, and the implicit resources SAM creates for some
 * of them (the shared implicit APIs, and the rule or schedule behind schedule/EventBridge events).
 */
import type { Resource } from "../model/types";
import { asRecord, type Path } from "./references-walk";

export interface SamEvent {
  /** Function or state machine holding the event. */
  owner: Resource;
  name: string;
  type: string;
  properties: Record<string, unknown>;
  path: Path;
}

const EVENT_OWNERS = new Set(["AWS::Serverless::Function", "AWS::Serverless::StateMachine"]);

export function samEvents(resource: Resource): SamEvent[] {
  if (!EVENT_OWNERS.has(resource.type)) return [];
  const events = asRecord(resource.properties.Events);
  if (!events) return [];
  const out: SamEvent[] = [];
  for (const [name, raw] of Object.entries(events)) {
    const event = asRecord(raw);
    if (!event || typeof event.Type !== "string") continue;
    out.push({ owner: resource, name, type: event.Type, properties: asRecord(event.Properties) ?? {}, path: ["Properties", "Events", name] });
  }
  return out;
}

export const IMPLICIT_REST_API = "ServerlessRestApi";
export const IMPLICIT_HTTP_API = "ServerlessHttpApi";

/** Event types whose rule/schedule SAM creates as `<Owner><EventName>`. */
export const RULE_EVENT_TYPES: Readonly<Record<string, "schedule" | "event-rule">> = {
  Schedule: "schedule",
  ScheduleV2: "schedule",
  EventBridgeRule: "event-rule",
  CloudWatchEvent: "event-rule",
};

/** The implicit resources SAM would create for the events in these resources. */
export function implicitResources(resources: readonly Resource[]): Resource[] {
  const taken = new Set(resources.map((r) => r.id));
  const out: Resource[] = [];
  const add = (r: Resource) => {
    if (taken.has(r.id)) return;
    taken.add(r.id);
    out.push(r);
  };
  for (const resource of resources) {
    for (const event of samEvents(resource)) {
      if (event.type === "Api" && event.properties.RestApiId === undefined) {
        add({
          id: IMPLICIT_REST_API,
          type: "AWS::Serverless::Api",
          kind: "rest-api",
          properties: {},
          line: resource.line,
          dependsOn: [],
          implicit: { owner: resource.id, path: event.path, reason: "SAM creates this REST API for Api events that name no RestApiId" },
        });
      } else if (event.type === "HttpApi" && event.properties.ApiId === undefined) {
        add({
          id: IMPLICIT_HTTP_API,
          type: "AWS::Serverless::HttpApi",
          kind: "http-api",
          properties: {},
          line: resource.line,
          dependsOn: [],
          implicit: { owner: resource.id, path: event.path, reason: "SAM creates this HTTP API for HttpApi events that name no ApiId" },
        });
      } else if (RULE_EVENT_TYPES[event.type]) {
        const kind = RULE_EVENT_TYPES[event.type];
        add({
          id: `${resource.id}${event.name}`,
          type: event.type === "ScheduleV2" ? "AWS::Scheduler::Schedule" : "AWS::Events::Rule",
          kind,
          properties: event.properties,
          line: resource.line,
          dependsOn: [],
          implicit: {
            owner: resource.id,
            path: event.path,
            reason: `SAM creates this ${kind === "schedule" ? "schedule" : "EventBridge rule"} for the ${event.type} event ${event.name} of ${resource.id}`,
          },
        });
      }
    }
  }
  return out;
}

/** Id of the resource that a SAM event comes from, or undefined when it names none we know. */
export function eventSourceId(event: SamEvent, refTarget: (value: unknown) => string | undefined): string | undefined {
  const p = event.properties;
  switch (event.type) {
    case "Api":
      return p.RestApiId === undefined ? IMPLICIT_REST_API : refTarget(p.RestApiId);
    case "HttpApi":
      return p.ApiId === undefined ? IMPLICIT_HTTP_API : refTarget(p.ApiId);
    case "S3":
      return refTarget(p.Bucket);
    case "SQS":
      return refTarget(p.Queue);
    case "SNS":
      return refTarget(p.Topic);
    case "DynamoDB":
    case "Kinesis":
      return refTarget(p.Stream);
    case "Schedule":
    case "ScheduleV2":
    case "EventBridgeRule":
    case "CloudWatchEvent":
      return `${event.owner.id}${event.name}`;
    default:
      return undefined;
  }
}
