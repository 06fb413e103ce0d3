/**
 * The facts about a design that the checks share, read once per run: each function's effective
 * settings (SAM Globals applied), what triggers each function and how, which API routes exist, and
 * what each function may write to.
 *
 * SAM semantics followed (AWS SAM Developer Guide, "Globals section of the AWS SAM template" and
 * "EventSource"): `Globals.Function` applies to every `AWS::Serverless::Function` (maps merge,
 * the resource's own scalars win, lists add up); an `Api`/`HttpApi` event without `RestApiId`/
 * `ApiId` creates the implicit `ServerlessRestApi`/`ServerlessHttpApi`, to which `Globals.Api`/
 * `Globals.HttpApi` apply.
 *
 * The model's own connections (core/connections) are read too: an access wire with write
 * permission counts as a write even when this file cannot read the policy behind it.
 */
import type { Resource, TemplateModel } from "../model/types";
import { DEFAULT_EVENT_BUS, SERVICE_OF_TYPE, readPermissions, readsPolicyItself, targetsOf, type PermissionFacts, type Service, type TemplateIndex, type WriteAccess } from "./iam";
import { isObject, numberValue, referencedNames } from "./references";

export const FUNCTION_TYPES: ReadonlySet<string> = new Set(["AWS::Serverless::Function", "AWS::Lambda::Function"]);

/** Lambda's defaults when a function does not say (Lambda Developer Guide, "Configure Lambda function timeout" / memory). */
export const DEFAULT_TIMEOUT_SECONDS = 3;
export const DEFAULT_MEMORY_MB = 128;

export interface FunctionFacts {
  resource: Resource;
  /** Properties with SAM Globals applied. */
  props: Record<string, unknown>;
  /** Timeout in seconds (Lambda's default 3 when absent); undefined when written as an expression. */
  timeout: number | undefined;
  /** True when the timeout comes from Globals rather than the function itself. */
  timeoutFromGlobals: boolean;
  memory: number;
}

export type TriggerKind = "s3" | "sqs" | "sns" | "eventbridge" | "schedule" | "rest-api" | "http-api" | "function-url" | "kinesis" | "dynamodb-stream" | "other";

/** How Lambda is invoked: synchronously (APIs), asynchronously (S3, SNS, EventBridge…), or by a poller (queues, streams). */
export type InvocationMode = "sync" | "async" | "poll";

export interface Trigger {
  function: string;
  kind: TriggerKind;
  mode: InvocationMode;
  /** Logical ID of the source resource when it is in the template (or the default event bus). */
  source?: string;
  /** Resource that holds the declaration (the function for SAM events). */
  declaredIn: string;
  /** Path of the declaration inside `declaredIn`. */
  path: (string | number)[];
  /** Event name (SAM) or a short label. */
  name: string;
  /** SAM event type (S3, SQS, CloudWatchLogs…), when declared as a SAM event. */
  eventType?: string;
  /** S3 key filter rules. */
  prefix?: string;
  suffix?: string;
  /** True when the source filters what reaches the function (SNS FilterPolicy, ESM FilterCriteria, S3 key filter). */
  filtered: boolean;
  /** Raw settings of the declaration (plain JS). */
  settings: Record<string, unknown>;
}

export interface Route {
  /** Logical ID of the API (ServerlessRestApi / ServerlessHttpApi for SAM's implicit APIs). */
  api: string;
  apiKind: "rest" | "http";
  method: string;
  path: string;
  function?: string;
  declaredIn: string;
  routePath: (string | number)[];
  /** The authorizer that applies: a name, "AWS_IAM", "NONE" when explicitly opted out, undefined when none. */
  authorizer?: string;
  /** True when the route was explicitly opted out of the API's default authorizer. */
  explicitlyOpen: boolean;
  apiKeyRequired: boolean;
}

export interface DesignFacts {
  resources: Map<string, Resource>;
  index: TemplateIndex;
  functions: Map<string, FunctionFacts>;
  triggers: Trigger[];
  /** Triggers by the function they invoke. */
  triggersOf: Map<string, Trigger[]>;
  routes: Route[];
  /** APIs whose access is controlled some other way (resource policy, private endpoint, OpenAPI security). */
  apisWithOtherAccessControl: Set<string>;
  permissions: PermissionFacts;
  writes: WriteAccess[];
  /** Async destinations and DLQs: function → target resource (they produce messages too). */
  destinations: { function: string; target: string; kind: "on-success" | "on-failure" | "dlq"; path: (string | number)[]; declaredIn: string }[];
}

function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** SAM's Globals merge: maps merge key by key, lists add up, the resource's scalars win. */
export function mergeGlobals(globals: unknown, own: unknown): unknown {
  if (own === undefined) return globals;
  if (globals === undefined) return own;
  if (isObject(globals) && isObject(own)) {
    const out: Record<string, unknown> = { ...globals };
    for (const [k, v] of Object.entries(own)) out[k] = mergeGlobals(globals[k], v);
    return out;
  }
  if (Array.isArray(globals) && Array.isArray(own)) return [...globals, ...own];
  return own;
}

function globalsSection(model: TemplateModel, name: string): Record<string, unknown> {
  const section = model.globals?.[name];
  return isObject(section) ? section : {};
}

function s3KeyFilter(filter: unknown): { prefix?: string; suffix?: string } {
  const out: { prefix?: string; suffix?: string } = {};
  const rules = isObject(filter) && isObject(filter.S3Key) ? filter.S3Key.Rules : undefined;
  for (const rule of asList(rules)) {
    if (!isObject(rule) || typeof rule.Name !== "string" || typeof rule.Value !== "string") continue;
    if (rule.Name.toLowerCase() === "prefix") out.prefix = rule.Value;
    if (rule.Name.toLowerCase() === "suffix") out.suffix = rule.Value;
  }
  return out;
}

function sourceOfType(value: unknown, index: TemplateIndex, types: readonly string[]): string | undefined {
  return [...referencedNames(value)].find((id) => types.includes(index.resources.get(id)?.type ?? ""));
}

const TABLE_TYPES = ["AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable", "AWS::Serverless::SimpleTable"];

/** Read all shared facts from the model. */
export function readDesignFacts(model: TemplateModel): DesignFacts {
  // Implicit resources (SAM's ServerlessRestApi, the rule behind a Schedule event…) are drawn but
  // not written in Resources; the checks read what is written, and events describe the rest.
  const written = model.resources.filter((r) => !r.implicit);
  const resources = new Map(written.map((r) => [r.id, r]));
  const byService = new Map<Service, string[]>();
  for (const r of written) {
    const service = SERVICE_OF_TYPE[r.type];
    if (service) byService.set(service, [...(byService.get(service) ?? []), r.id]);
  }
  const index: TemplateIndex = { resources, byService };

  const functions = new Map<string, FunctionFacts>();
  const globalFunction = globalsSection(model, "Function");
  for (const r of written) {
    if (!FUNCTION_TYPES.has(r.type)) continue;
    const isSam = r.type === "AWS::Serverless::Function";
    const props = isSam ? (mergeGlobals(globalFunction, r.properties) as Record<string, unknown>) : r.properties;
    const timeoutRaw = props.Timeout;
    functions.set(r.id, {
      resource: r,
      props,
      timeout: timeoutRaw === undefined ? DEFAULT_TIMEOUT_SECONDS : numberValue(timeoutRaw, model),
      timeoutFromGlobals: isSam && r.properties.Timeout === undefined && globalFunction.Timeout !== undefined,
      memory: numberValue(props.MemorySize, model) ?? DEFAULT_MEMORY_MB,
    });
  }

  const triggers: Trigger[] = [];
  const routes: Route[] = [];
  const apisWithOtherAccessControl = new Set<string>();
  const destinations: DesignFacts["destinations"] = [];
  const fnOf = (value: unknown) => [...referencedNames(value)].find((id) => functions.has(id));

  // APIs: default authorizers and other access control.
  const apiDefaults = new Map<string, string | undefined>();
  const globalApi = globalsSection(model, "Api");
  const globalHttpApi = globalsSection(model, "HttpApi");
  const defaultAuthorizer = (auth: unknown) => (isObject(auth) && typeof auth.DefaultAuthorizer === "string" ? auth.DefaultAuthorizer : undefined);
  const otherAccess = (props: Record<string, unknown>, rest: boolean) => {
    const auth = isObject(props.Auth) ? props.Auth : {};
    const endpoint = isObject(props.EndpointConfiguration) ? props.EndpointConfiguration.Type : props.EndpointConfiguration;
    const definition = JSON.stringify(props.DefinitionBody ?? props.Body ?? "");
    return (
      (rest && auth.ResourcePolicy !== undefined) ||
      endpoint === "PRIVATE" ||
      /"security(Schemes|Definitions)?"|x-amazon-apigateway-authorizer/.test(definition) ||
      props.DefinitionUri !== undefined ||
      props.BodyS3Location !== undefined
    );
  };
  apiDefaults.set("ServerlessRestApi", defaultAuthorizer(globalApi.Auth));
  apiDefaults.set("ServerlessHttpApi", defaultAuthorizer(globalHttpApi.Auth));
  if (otherAccess(globalApi, true)) apisWithOtherAccessControl.add("ServerlessRestApi");
  if (otherAccess(globalHttpApi, false)) apisWithOtherAccessControl.add("ServerlessHttpApi");
  for (const r of written) {
    if (r.type === "AWS::Serverless::Api" || r.type === "AWS::Serverless::HttpApi") {
      const rest = r.type === "AWS::Serverless::Api";
      const props = mergeGlobals(rest ? globalApi : globalHttpApi, r.properties) as Record<string, unknown>;
      apiDefaults.set(r.id, defaultAuthorizer(props.Auth));
      if (otherAccess(props, rest)) apisWithOtherAccessControl.add(r.id);
    } else if (r.type === "AWS::ApiGateway::RestApi") {
      if (r.properties.Policy !== undefined || otherAccess(r.properties, true)) apisWithOtherAccessControl.add(r.id);
    } else if (r.type === "AWS::ApiGatewayV2::Api") {
      if (r.properties.ProtocolType !== "HTTP" || otherAccess(r.properties, false)) apisWithOtherAccessControl.add(r.id);
    }
  }

  for (const fn of functions.values()) {
    const id = fn.resource.id;
    const props = fn.props;
    // Async destinations and dead-letter queues (they are writes as well).
    const dc = isObject(props.EventInvokeConfig) && isObject(props.EventInvokeConfig.DestinationConfig) ? props.EventInvokeConfig.DestinationConfig : undefined;
    for (const [key, kind] of [["OnSuccess", "on-success"], ["OnFailure", "on-failure"]] as const) {
      const dest = dc && isObject(dc[key]) ? dc[key].Destination : undefined;
      for (const target of referencedNames(dest)) {
        if (resources.has(target)) destinations.push({ function: id, target, kind, path: ["Properties", "EventInvokeConfig", "DestinationConfig", key], declaredIn: id });
      }
    }
    const dlq = isObject(props.DeadLetterQueue) ? props.DeadLetterQueue.TargetArn : isObject(props.DeadLetterConfig) ? props.DeadLetterConfig.TargetArn : undefined;
    for (const target of referencedNames(dlq)) {
      if (resources.has(target)) destinations.push({ function: id, target, kind: "dlq", path: ["Properties", props.DeadLetterQueue ? "DeadLetterQueue" : "DeadLetterConfig"], declaredIn: id });
    }

    // Function URL.
    if (isObject(props.FunctionUrlConfig)) {
      triggers.push({ function: id, kind: "function-url", mode: "sync", declaredIn: id, path: ["Properties", "FunctionUrlConfig"], name: "FunctionUrl", filtered: false, settings: props.FunctionUrlConfig });
    }

    // SAM events.
    if (!isObject(props.Events) || fn.resource.type !== "AWS::Serverless::Function") continue;
    for (const [name, event] of Object.entries(props.Events)) {
      if (!isObject(event) || typeof event.Type !== "string") continue;
      const p = isObject(event.Properties) ? event.Properties : {};
      const path: (string | number)[] = ["Properties", "Events", name];
      const base = { function: id, declaredIn: id, path, name, eventType: event.Type, settings: p };
      switch (event.Type) {
        case "S3": {
          const filter = s3KeyFilter(p.Filter);
          triggers.push({ ...base, kind: "s3", mode: "async", source: sourceOfType(p.Bucket, index, ["AWS::S3::Bucket"]), ...filter, filtered: filter.prefix !== undefined || filter.suffix !== undefined });
          break;
        }
        case "SQS":
          triggers.push({ ...base, kind: "sqs", mode: "poll", source: sourceOfType(p.Queue, index, ["AWS::SQS::Queue"]), filtered: p.FilterCriteria !== undefined });
          break;
        case "SNS":
          triggers.push({ ...base, kind: "sns", mode: p.SqsSubscription ? "poll" : "async", source: sourceOfType(p.Topic, index, ["AWS::SNS::Topic"]), filtered: p.FilterPolicy !== undefined });
          break;
        case "Kinesis":
          triggers.push({ ...base, kind: "kinesis", mode: "poll", source: sourceOfType(p.Stream, index, ["AWS::Kinesis::Stream"]), filtered: p.FilterCriteria !== undefined });
          break;
        case "DynamoDB":
          triggers.push({ ...base, kind: "dynamodb-stream", mode: "poll", source: sourceOfType(p.Stream, index, TABLE_TYPES), filtered: p.FilterCriteria !== undefined });
          break;
        case "EventBridgeRule":
        case "CloudWatchEvent": {
          const bus = p.EventBusName === undefined ? [DEFAULT_EVENT_BUS] : targetsOf(p.EventBusName, "events", index);
          triggers.push({ ...base, kind: "eventbridge", mode: "async", source: bus[0], filtered: true });
          break;
        }
        case "Schedule":
        case "ScheduleV2":
          triggers.push({ ...base, kind: "schedule", mode: "async", filtered: false });
          break;
        case "Api":
        case "HttpApi": {
          const rest = event.Type === "Api";
          const api = [...referencedNames(rest ? p.RestApiId : p.ApiId)][0] ?? (rest ? "ServerlessRestApi" : "ServerlessHttpApi");
          const auth = isObject(p.Auth) ? p.Auth : {};
          const eventAuthorizer = typeof auth.Authorizer === "string" ? auth.Authorizer : undefined;
          const authorizer = eventAuthorizer ?? apiDefaults.get(api);
          const method = typeof p.Method === "string" ? p.Method.toUpperCase() : rest ? "ANY" : "ANY";
          const routePath = typeof p.Path === "string" ? p.Path : rest ? "/" : "$default";
          triggers.push({ ...base, kind: rest ? "rest-api" : "http-api", mode: "sync", source: resources.has(api) ? api : undefined, filtered: false });
          routes.push({
            api,
            apiKind: rest ? "rest" : "http",
            method,
            path: routePath,
            function: id,
            declaredIn: id,
            routePath: path,
            authorizer: authorizer === "NONE" ? undefined : authorizer,
            explicitlyOpen: eventAuthorizer === "NONE",
            apiKeyRequired: auth.ApiKeyRequired === true,
          });
          break;
        }
        case "CloudWatchLogs":
        case "IoTRule":
        case "SES":
          triggers.push({ ...base, kind: "other", mode: "async", filtered: false });
          break;
        case "MSK":
        case "MQ":
        case "SelfManagedKafka":
        case "DocumentDB":
          triggers.push({ ...base, kind: "other", mode: "poll", filtered: p.FilterCriteria !== undefined });
          break;
        default:
          triggers.push({ ...base, kind: "other", mode: "sync", filtered: false });
      }
    }
  }

  // Plain CloudFormation wiring.
  for (const r of written) {
    const p = r.properties;
    switch (r.type) {
      case "AWS::Lambda::EventSourceMapping": {
        const fn = fnOf(p.FunctionName);
        if (!fn) break;
        const src = [...referencedNames(p.EventSourceArn)].find((id) => resources.has(id));
        const srcType = src ? resources.get(src)!.type : "";
        const kind: TriggerKind = srcType === "AWS::SQS::Queue" ? "sqs" : srcType === "AWS::Kinesis::Stream" ? "kinesis" : TABLE_TYPES.includes(srcType) ? "dynamodb-stream" : "other";
        const arnText = JSON.stringify(p.EventSourceArn ?? "");
        const guessed: TriggerKind = kind !== "other" ? kind : /kinesis/i.test(arnText) ? "kinesis" : /dynamodb|StreamArn/i.test(arnText) ? "dynamodb-stream" : /sqs/i.test(arnText) ? "sqs" : "other";
        triggers.push({ function: fn, kind: guessed, mode: "poll", source: src, declaredIn: r.id, path: ["Properties"], name: r.id, filtered: p.FilterCriteria !== undefined, settings: p });
        break;
      }
      case "AWS::S3::Bucket": {
        const configs = isObject(p.NotificationConfiguration) ? asList(p.NotificationConfiguration.LambdaConfigurations) : [];
        configs.forEach((config, i) => {
          if (!isObject(config)) return;
          const fn = fnOf(config.Function);
          if (!fn) return;
          const filter = s3KeyFilter(config.Filter);
          triggers.push({ function: fn, kind: "s3", mode: "async", source: r.id, declaredIn: r.id, path: ["Properties", "NotificationConfiguration", "LambdaConfigurations", i], name: `${r.id} notification`, ...filter, filtered: filter.prefix !== undefined || filter.suffix !== undefined, settings: config });
        });
        break;
      }
      case "AWS::SNS::Subscription": {
        if (typeof p.Protocol !== "string" || p.Protocol.toLowerCase() !== "lambda") break;
        const fn = fnOf(p.Endpoint);
        if (fn) triggers.push({ function: fn, kind: "sns", mode: "async", source: sourceOfType(p.TopicArn, index, ["AWS::SNS::Topic"]), declaredIn: r.id, path: ["Properties"], name: r.id, filtered: p.FilterPolicy !== undefined, settings: p });
        break;
      }
      case "AWS::SNS::Topic": {
        asList(p.Subscription).forEach((sub, i) => {
          if (!isObject(sub) || typeof sub.Protocol !== "string" || sub.Protocol.toLowerCase() !== "lambda") return;
          const fn = fnOf(sub.Endpoint);
          if (fn) triggers.push({ function: fn, kind: "sns", mode: "async", source: r.id, declaredIn: r.id, path: ["Properties", "Subscription", i], name: `${r.id} subscription`, filtered: false, settings: sub });
        });
        break;
      }
      case "AWS::Events::Rule": {
        asList(p.Targets).forEach((target, i) => {
          if (!isObject(target)) return;
          const fn = fnOf(target.Arn);
          if (!fn) return;
          const scheduled = p.ScheduleExpression !== undefined && p.EventPattern === undefined;
          const bus = p.EventBusName === undefined ? DEFAULT_EVENT_BUS : targetsOf(p.EventBusName, "events", index)[0];
          triggers.push({ function: fn, kind: scheduled ? "schedule" : "eventbridge", mode: "async", source: scheduled ? undefined : bus, declaredIn: r.id, path: ["Properties", "Targets", i], name: r.id, filtered: !scheduled, settings: target });
        });
        break;
      }
      case "AWS::Scheduler::Schedule": {
        const fn = isObject(p.Target) ? fnOf(p.Target.Arn) : undefined;
        if (fn) triggers.push({ function: fn, kind: "schedule", mode: "async", declaredIn: r.id, path: ["Properties", "Target"], name: r.id, filtered: false, settings: p });
        break;
      }
      case "AWS::ApiGateway::Method": {
        const method = typeof p.HttpMethod === "string" ? p.HttpMethod.toUpperCase() : "ANY";
        const api = [...referencedNames(p.RestApiId)][0] ?? "(REST API)";
        const integration = isObject(p.Integration) ? p.Integration : {};
        const fn = fnOf(integration.Uri);
        const resourceId = [...referencedNames(p.ResourceId)][0];
        const pathPart = resourceId && resources.get(resourceId)?.type === "AWS::ApiGateway::Resource" ? resources.get(resourceId)!.properties.PathPart : undefined;
        const authType = typeof p.AuthorizationType === "string" ? p.AuthorizationType.toUpperCase() : "NONE";
        if (fn) triggers.push({ function: fn, kind: "rest-api", mode: "sync", source: resources.has(api) ? api : undefined, declaredIn: r.id, path: ["Properties"], name: r.id, filtered: false, settings: p });
        routes.push({
          api,
          apiKind: "rest",
          method,
          path: typeof pathPart === "string" ? `/…/${pathPart}` : "/",
          function: fn,
          declaredIn: r.id,
          routePath: ["Properties", "AuthorizationType"],
          authorizer: authType === "NONE" ? undefined : authType,
          explicitlyOpen: false,
          apiKeyRequired: p.ApiKeyRequired === true,
        });
        break;
      }
      case "AWS::ApiGatewayV2::Route": {
        const api = [...referencedNames(p.ApiId)][0] ?? "(HTTP API)";
        const routeKey = typeof p.RouteKey === "string" ? p.RouteKey : "$default";
        const [method, ...rest] = routeKey.split(" ");
        const integrationId = [...referencedNames(p.Target)].find((id) => resources.get(id)?.type === "AWS::ApiGatewayV2::Integration");
        const fn = integrationId ? fnOf(resources.get(integrationId)!.properties.IntegrationUri) : undefined;
        const authType = typeof p.AuthorizationType === "string" ? p.AuthorizationType.toUpperCase() : "NONE";
        if (fn) triggers.push({ function: fn, kind: "http-api", mode: "sync", source: resources.has(api) ? api : undefined, declaredIn: r.id, path: ["Properties"], name: r.id, filtered: false, settings: p });
        routes.push({
          api,
          apiKind: "http",
          method: rest.length ? method : "ANY",
          path: rest.length ? rest.join(" ") : routeKey,
          function: fn,
          declaredIn: r.id,
          routePath: ["Properties", "AuthorizationType"],
          authorizer: authType === "NONE" ? undefined : authType,
          explicitlyOpen: false,
          apiKeyRequired: p.ApiKeyRequired === true,
        });
        break;
      }
      case "AWS::Lambda::EventInvokeConfig": {
        const fn = fnOf(p.FunctionName);
        const dc = isObject(p.DestinationConfig) ? p.DestinationConfig : {};
        for (const [key, kind] of [["OnSuccess", "on-success"], ["OnFailure", "on-failure"]] as const) {
          const dest = isObject(dc[key]) ? dc[key].Destination : undefined;
          for (const target of referencedNames(dest)) {
            if (fn && resources.has(target)) destinations.push({ function: fn, target, kind, path: ["Properties", "DestinationConfig", key], declaredIn: r.id });
          }
        }
        break;
      }
    }
  }

  const permissions = readPermissions(index);
  const writes = [...permissions.writes];
  const writeKeys = new Set(writes.map((w) => `${w.function}\u0000${w.target}`));
  // Access wires from core/connections that carry write permission.
  for (const c of model.connections) {
    if (c.kind !== "access" || !functions.has(c.from)) continue;
    const level = c.settings.access ?? c.settings.level ?? c.settings.accessLevel;
    if (level !== "write" && level !== "read-write") continue;
    const policies = Array.isArray(c.settings.policies) ? c.settings.policies.filter((x): x is string => typeof x === "string") : [];
    if (policies.length > 0 && policies.every(readsPolicyItself)) continue;
    const target = resources.get(c.to);
    const service = target ? SERVICE_OF_TYPE[target.type] : undefined;
    if (!service || writeKeys.has(`${c.from}\u0000${c.to}`)) continue;
    writes.push({ function: c.from, target: c.to, service, via: c.label || `access wire to ${c.to}`, declaredIn: c.writes[0]?.resource ?? c.from, path: c.writes[0]?.path ?? [] });
  }

  const triggersOf = new Map<string, Trigger[]>();
  for (const t of triggers) triggersOf.set(t.function, [...(triggersOf.get(t.function) ?? []), t]);
  return { resources, index, functions, triggers, triggersOf, routes, apisWithOtherAccessControl, permissions, writes, destinations };
}
