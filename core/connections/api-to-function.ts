/**
 * An HTTP API or REST API invokes a function for one route (method + path).
 *
 * SAM: an `Api` (REST) or `HttpApi` event on the function; SAM then adds the route, the
 * integration and the `lambda:InvokeFunction` permission for API Gateway. Plain CloudFormation
 * templates are recognised too: an `AWS::ApiGateway::Method` or `AWS::ApiGatewayV2::Integration`
 * whose integration URI names the function.
 */
import type { Connection, Resource } from "../model/types";
import { addEventPlan, freeEventName, kebab, recogniseEventTriggers, updateEventPlan, type EventTriggerSpec } from "./event-trigger";
import { findReferences } from "./references-walk";
import { makeConnection, refuse, type ConnectionRule, type RuleContext } from "./rule";
import { IMPLICIT_HTTP_API, IMPLICIT_REST_API } from "./sam-events";

const route = (p: Record<string, unknown>) => `${String(p.Method ?? "ANY").toUpperCase()} ${String(p.Path ?? "/")}`;

const spec: EventTriggerSpec = {
  rule: "api-to-function",
  eventTypes: ["Api", "HttpApi"],
  ownerKinds: ["function"],
  label: (e) => route(e.properties),
  settings: (e) => ({ method: e.properties.Method, path: e.properties.Path }),
  summary: (e, from) => `${e.type} event ${e.name} on ${e.owner.id}: ${route(e.properties)} on ${from}`,
  why: () => "SAM turns the event into the API route, its Lambda integration and the permission for API Gateway to invoke the function",
  settingProperties: { method: "Method", path: "Path" },
};

/** The function a plain-CloudFormation integration points at (its URI names the function's ARN). */
function integratedFunction(uri: unknown, byId: ReadonlyMap<string, Resource>): string | undefined {
  return findReferences(uri)
    .map((r) => r.id)
    .find((id) => byId.get(id)?.kind === "function");
}

function recogniseCloudFormation(ctx: RuleContext): Connection[] {
  const out: Connection[] = [];
  const refTo = (value: unknown, kind: string) => findReferences(value).map((r) => r.id).find((id) => ctx.byId.get(id)?.kind === kind);
  for (const r of ctx.model.resources) {
    if (r.type === "AWS::ApiGateway::Method") {
      const integration = (r.properties.Integration ?? {}) as Record<string, unknown>;
      const fn = integratedFunction(integration.Uri, ctx.byId);
      const api = refTo(r.properties.RestApiId, "rest-api");
      if (!fn || !api) continue;
      const method = String(r.properties.HttpMethod ?? "ANY").toUpperCase();
      out.push(
        makeConnection({
          kind: "trigger",
          from: api,
          to: fn,
          rule: "api-to-function",
          label: `${method} (${r.id})`,
          settings: { method, resource: r.id },
          summary: `API Gateway method ${r.id} integrates ${fn}`,
          why: "The method's Lambda proxy integration invokes the function",
          writes: [{ resource: r.id, path: [], description: `method ${r.id}` }],
        }),
      );
    } else if (r.type === "AWS::ApiGatewayV2::Integration") {
      const fn = integratedFunction(r.properties.IntegrationUri, ctx.byId);
      const api = refTo(r.properties.ApiId, "http-api");
      if (!fn || !api) continue;
      out.push(
        makeConnection({
          kind: "trigger",
          from: api,
          to: fn,
          rule: "api-to-function",
          label: `integration ${r.id}`,
          settings: { resource: r.id },
          summary: `HTTP API integration ${r.id} invokes ${fn}`,
          why: "The integration sends the API's requests to the function",
          writes: [{ resource: r.id, path: [], description: `integration ${r.id}` }],
        }),
      );
    }
  }
  return out;
}

export const apiToFunction: ConnectionRule = {
  id: "api-to-function",
  kind: "trigger",
  title: "An API invokes a function for a route",
  recognise: (ctx) => [...recogniseEventTriggers(ctx, spec), ...recogniseCloudFormation(ctx)],
  canConnect(from, to) {
    if ((from.kind !== "http-api" && from.kind !== "rest-api") || to.kind !== "function") return undefined;
    if (from.type !== "AWS::Serverless::Api" && from.type !== "AWS::Serverless::HttpApi") {
      return refuse(
        `${from.id} is a plain CloudFormation ${from.type}; Flowform wires routes through SAM events, which need an AWS::Serverless::Api or AWS::Serverless::HttpApi.`,
        "Add the method and integration by hand, or use a SAM API resource.",
      );
    }
    if (to.type !== "AWS::Serverless::Function") {
      return refuse(`${to.id} is a plain AWS::Lambda::Function, which has no SAM events.`, "Use an AWS::Serverless::Function, or add the integration and permission by hand.");
    }
    return { ok: true, rule: "api-to-function", kind: "trigger", label: "route", summary: `Adds a route on ${from.id} that invokes ${to.id}` };
  },
  connect(_ctx, from, to, settings) {
    const http = from.kind === "http-api";
    const method = String(settings.method ?? "get").toLowerCase();
    const path = String(settings.path ?? `/${kebab(to.id)}`);
    const properties: Record<string, unknown> = { Path: path, Method: method };
    const implicit = from.id === (http ? IMPLICIT_HTTP_API : IMPLICIT_REST_API) && from.implicit;
    if (!implicit) properties[http ? "ApiId" : "RestApiId"] = { Ref: from.id };
    const name = freeEventName(to, settings.event ? String(settings.event) : `${method[0].toUpperCase()}${method.slice(1)}${path.split(/[/{}-]/).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join("")}`);
    return addEventPlan(
      to,
      name,
      http ? "HttpApi" : "Api",
      properties,
      `Adds the ${http ? "HttpApi" : "Api"} event ${name} (${method.toUpperCase()} ${path}) to ${to.id}`,
      "SAM turns the event into the API route, its Lambda integration and the permission for API Gateway to invoke the function",
    );
  },
  update: (ctx, connection, settings) =>
    connection.writes[0]?.path.length ? updateEventPlan(ctx, connection, spec, settings) : refuse("This route is plain CloudFormation; edit the method resource itself."),
};
