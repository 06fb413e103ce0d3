/**
 * A REST API starts a state machine execution for a route.
 *
 * SAM: an `Api` event on an `AWS::Serverless::StateMachine`; SAM writes the API Gateway
 * integration with states:StartExecution and the role API Gateway assumes. SAM state machines take
 * `Api` (REST) events only, so an HTTP API is refused (SAM docs, "EventSource" of
 * AWS::Serverless::StateMachine).
 */
import { addEventPlan, freeEventName, kebab, recogniseEventTriggers, updateEventPlan, type EventTriggerSpec } from "./event-trigger";
import { refuse, type ConnectionRule } from "./rule";
import { IMPLICIT_REST_API } from "./sam-events";

const route = (p: Record<string, unknown>) => `${String(p.Method ?? "ANY").toUpperCase()} ${String(p.Path ?? "/")}`;

const spec: EventTriggerSpec = {
  rule: "api-to-state-machine",
  eventTypes: ["Api"],
  ownerKinds: ["state-machine"],
  label: (e) => route(e.properties),
  settings: (e) => ({ method: e.properties.Method, path: e.properties.Path }),
  summary: (e, from) => `Api event ${e.name} on ${e.owner.id}: ${route(e.properties)} on ${from} starts an execution`,
  why: () => "SAM writes the API Gateway integration that calls states:StartExecution, and the role API Gateway assumes for it",
  settingProperties: { method: "Method", path: "Path" },
};

export const apiToStateMachine: ConnectionRule = {
  id: "api-to-state-machine",
  kind: "trigger",
  title: "A REST API starts a state machine for a route",
  recognise: (ctx) => recogniseEventTriggers(ctx, spec),
  canConnect(from, to) {
    if ((from.kind !== "rest-api" && from.kind !== "http-api") || to.kind !== "state-machine") return undefined;
    if (from.kind === "http-api") {
      return refuse("SAM state machines take REST API (Api) events only; an HTTP API cannot start one through SAM.", `Use a REST API, or connect ${from.id} → a function that starts the execution.`);
    }
    if (from.type !== "AWS::Serverless::Api") return refuse(`${from.id} is a plain AWS::ApiGateway::RestApi; SAM events need an AWS::Serverless::Api.`, "Use a SAM API resource.");
    if (to.type !== "AWS::Serverless::StateMachine") return refuse(`${to.id} is a plain AWS::StepFunctions::StateMachine, which has no SAM events.`, "Use an AWS::Serverless::StateMachine.");
    return { ok: true, rule: "api-to-state-machine", kind: "trigger", label: "route", summary: `Adds a route on ${from.id} that starts ${to.id}` };
  },
  connect(_ctx, from, to, settings) {
    const method = String(settings.method ?? "post").toLowerCase();
    const path = String(settings.path ?? `/${kebab(to.id)}`);
    const properties: Record<string, unknown> = { Path: path, Method: method };
    if (!(from.id === IMPLICIT_REST_API && from.implicit)) properties.RestApiId = { Ref: from.id };
    const name = freeEventName(to, settings.event ? String(settings.event) : `${method[0].toUpperCase()}${method.slice(1)}${to.id}`);
    return addEventPlan(to, name, "Api", properties, `Adds the Api event ${name} (${method.toUpperCase()} ${path}) to ${to.id}`, spec.why(undefined as never, from.id));
  },
  update: (ctx, connection, settings) => updateEventPlan(ctx, connection, spec, settings),
};
