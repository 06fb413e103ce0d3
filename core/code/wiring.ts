/**
 * Reading a function's wiring out of the template model: which triggers invoke it (SAM events on
 * the function and trigger connections drawn to it), which resources it uses (access
 * connections from it) and the environment variables that carry their names.
 */
import type { Connection, Resource, TemplateModel } from "../model/types";
import type {
  AccessMode,
  AccessService,
  FunctionAccess,
  FunctionEnvVar,
  FunctionRunSettings,
  FunctionTrigger,
  FunctionWiring,
  TriggerKind,
} from "./types";

const FUNCTION_TYPES = new Set(["AWS::Serverless::Function", "AWS::Lambda::Function"]);

export function isFunctionResource(resource: Resource | undefined): resource is Resource {
  return !!resource && (resource.kind === "function" || FUNCTION_TYPES.has(resource.type));
}

/** SAM event source types (Properties.Events.*.Type) and the event shape each delivers. */
const SAM_EVENT_KINDS: Record<string, TriggerKind> = {
  Api: "api-rest",
  HttpApi: "api-http",
  S3: "s3",
  SQS: "sqs",
  DynamoDB: "dynamodb",
  Kinesis: "kinesis",
  SNS: "sns",
  EventBridgeRule: "eventbridge",
  CloudWatchEvent: "eventbridge",
  Schedule: "schedule",
  ScheduleV2: "scheduler",
};

/** Event-source resource types (for trigger wires in plain CloudFormation). */
const SOURCE_TYPE_KINDS: Record<string, TriggerKind> = {
  "AWS::Serverless::Api": "api-rest",
  "AWS::ApiGateway::RestApi": "api-rest",
  "AWS::Serverless::HttpApi": "api-http",
  "AWS::ApiGatewayV2::Api": "api-http",
  "AWS::S3::Bucket": "s3",
  "AWS::SQS::Queue": "sqs",
  "AWS::DynamoDB::Table": "dynamodb",
  "AWS::DynamoDB::GlobalTable": "dynamodb",
  "AWS::Kinesis::Stream": "kinesis",
  "AWS::SNS::Topic": "sns",
  "AWS::Events::Rule": "eventbridge",
  "AWS::Events::EventBus": "eventbridge",
  "AWS::Scheduler::Schedule": "scheduler",
};

/** Resource types an access wire can point at, the SDK service, and what `Ref` returns for it. */
const ACCESS_TARGETS: Record<string, { service: AccessService; refValue: string }> = {
  "AWS::DynamoDB::Table": { service: "dynamodb", refValue: "name" },
  "AWS::DynamoDB::GlobalTable": { service: "dynamodb", refValue: "name" },
  "AWS::Serverless::SimpleTable": { service: "dynamodb", refValue: "name" },
  "AWS::S3::Bucket": { service: "s3", refValue: "name" },
  "AWS::SQS::Queue": { service: "sqs", refValue: "URL" },
  "AWS::SNS::Topic": { service: "sns", refValue: "ARN" },
  "AWS::Events::EventBus": { service: "eventbridge", refValue: "name" },
  "AWS::Kinesis::Stream": { service: "kinesis", refValue: "name" },
  "AWS::StepFunctions::StateMachine": { service: "stepfunctions", refValue: "ARN" },
  "AWS::Serverless::StateMachine": { service: "stepfunctions", refValue: "ARN" },
  "AWS::SecretsManager::Secret": { service: "secretsmanager", refValue: "ARN" },
};

/**
 * What `Ref` returns for a resource type, in words (CloudFormation resource reference pages,
 * "Return values" sections). Used for env var placeholders.
 */
export function refValueOf(type: string): string {
  if (ACCESS_TARGETS[type]) return ACCESS_TARGETS[type].refValue;
  if (type === "AWS::Serverless::Function" || type === "AWS::Lambda::Function") return "name";
  if (type === "AWS::Serverless::Api" || type === "AWS::ApiGateway::RestApi" || type === "AWS::Serverless::HttpApi") return "ID";
  if (type === "AWS::IAM::Role") return "name";
  return "name";
}

export function accessServiceOf(type: string): AccessService {
  return ACCESS_TARGETS[type]?.service ?? "other";
}

/** Logical IDs a value refers to through Ref, Fn::GetAtt or Fn::Sub (pseudo parameters excluded). */
export function referencedIds(value: unknown): string[] {
  const found = new Set<string>();
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(visit);
    if (!v || typeof v !== "object") return;
    const obj = v as Record<string, unknown>;
    if (typeof obj.Ref === "string" && !obj.Ref.startsWith("AWS::")) found.add(obj.Ref);
    const getAtt = obj["Fn::GetAtt"];
    if (Array.isArray(getAtt) && typeof getAtt[0] === "string") found.add(getAtt[0]);
    else if (typeof getAtt === "string") found.add(getAtt.split(".")[0]);
    const sub = obj["Fn::Sub"];
    const subText = typeof sub === "string" ? sub : Array.isArray(sub) && typeof sub[0] === "string" ? sub[0] : undefined;
    if (subText) {
      for (const m of subText.matchAll(/\$\{([^!}][^}]*)\}/g)) {
        const name = m[1].split(".")[0].trim();
        if (!name.startsWith("AWS::")) found.add(name);
      }
    }
    for (const [key, child] of Object.entries(obj)) if (key !== "Ref" && key !== "Fn::GetAtt") visit(child);
  };
  visit(value);
  return [...found];
}

function asRecord(v: unknown): Record<string, unknown> {
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function globalsFunction(model: TemplateModel): Record<string, unknown> {
  return asRecord(asRecord(model.globals).Function);
}

/** The function's environment variables, Globals.Function first and then its own (which win). */
export function functionEnvironment(model: TemplateModel, fn: Resource): FunctionEnvVar[] {
  const merged = new Map<string, unknown>();
  const globalVars = asRecord(asRecord(globalsFunction(model).Environment).Variables);
  const ownVars = asRecord(asRecord(fn.properties.Environment).Variables);
  for (const [k, v] of Object.entries(globalVars)) merged.set(k, v);
  for (const [k, v] of Object.entries(ownVars)) merged.set(k, v);
  const ids = new Set(model.resources.map((r) => r.id));
  return [...merged].map(([name, value]) => {
    const refs = referencedIds(value).filter((id) => ids.has(id));
    return refs.length === 1 ? { name, value, refersTo: refs[0] } : { name, value };
  });
}

/** Upper snake case: "OrdersTable" → "ORDERS_TABLE". */
export function envVarNameFor(logicalId: string): string {
  return logicalId.replace(/([a-z0-9])([A-Z])/g, "$1_$2").replace(/([A-Z])([A-Z][a-z])/g, "$1_$2").replace(/[^A-Za-z0-9]+/g, "_").toUpperCase();
}

function samTriggers(fn: Resource): FunctionTrigger[] {
  const events = asRecord(fn.properties.Events);
  const triggers: FunctionTrigger[] = [];
  for (const [eventName, raw] of Object.entries(events)) {
    const event = asRecord(raw);
    const kind = typeof event.Type === "string" ? SAM_EVENT_KINDS[event.Type] : undefined;
    if (!kind) continue;
    const props = asRecord(event.Properties);
    const sourceValue = props.Queue ?? props.Bucket ?? props.Stream ?? props.Topic ?? props.RestApiId ?? props.ApiId ?? props.EventBusName;
    const source = referencedIds(sourceValue)[0];
    const trigger: FunctionTrigger = { kind, eventName };
    if (source) trigger.source = source;
    if (typeof props.Method === "string") trigger.method = props.Method.toUpperCase();
    if (typeof props.Path === "string") trigger.path = props.Path;
    if (kind === "scheduler" && props.Input !== undefined) trigger.input = props.Input;
    triggers.push(trigger);
  }
  return triggers;
}

function connectionTrigger(model: TemplateModel, c: Connection): FunctionTrigger | undefined {
  const source = model.resources.find((r) => r.id === c.from);
  if (!source) return undefined;
  let kind = SOURCE_TYPE_KINDS[source.type];
  if (source.type === "AWS::Events::Rule" && source.properties.ScheduleExpression) kind = "schedule";
  if (!kind) return undefined;
  const trigger: FunctionTrigger = { kind, source: source.id };
  const method = c.settings.method;
  const path = c.settings.path ?? c.settings.route;
  if (typeof method === "string") trigger.method = method.toUpperCase();
  if (typeof path === "string") trigger.path = path;
  const eventWrite = c.writes.find((w) => w.path[0] === "Properties" && w.path[1] === "Events");
  if (eventWrite && typeof eventWrite.path[2] === "string") trigger.eventName = eventWrite.path[2];
  return trigger;
}

function accessMode(c: Connection): AccessMode {
  for (const v of [c.settings.access, c.settings.level, c.settings.mode, c.label]) {
    if (v === "read" || v === "write" || v === "read-write") return v;
  }
  return "read-write";
}

/** Everything the code feature needs to know about how a function is wired. */
export function functionWiring(model: TemplateModel, functionId: string): FunctionWiring {
  const fn = model.resources.find((r) => r.id === functionId);
  if (!fn) return { functionId, triggers: [], accesses: [], environment: [] };
  const environment = functionEnvironment(model, fn);

  const triggers = samTriggers(fn);
  for (const c of model.connections) {
    if (c.kind !== "trigger" || c.to !== functionId) continue;
    const t = connectionTrigger(model, c);
    if (!t) continue;
    const dup = triggers.find((x) => (t.eventName && x.eventName === t.eventName) || (x.kind === t.kind && x.source === t.source));
    if (dup) {
      dup.method ??= t.method;
      dup.path ??= t.path;
      dup.source ??= t.source;
    } else triggers.push(t);
  }

  const accesses: FunctionAccess[] = [];
  for (const c of model.connections) {
    if (c.kind !== "access" || c.from !== functionId) continue;
    if (accesses.some((a) => a.target === c.to)) continue;
    const target = model.resources.find((r) => r.id === c.to);
    if (!target) continue;
    // The access rule lists the variables that carry the target (settings.variables).
    const variables = Array.isArray(c.settings.variables) ? c.settings.variables.filter((v): v is string => typeof v === "string") : [];
    const fromSettings = variables[0] ?? (typeof c.settings.envVar === "string" ? c.settings.envVar : undefined);
    const declared = environment.find((e) => e.name === fromSettings) ?? environment.find((e) => e.refersTo === target.id);
    const envVar = declared?.name ?? fromSettings ?? envVarNameFor(target.id);
    accesses.push({
      target: target.id,
      targetType: target.type,
      service: accessServiceOf(target.type),
      mode: accessMode(c),
      envVar,
      envVarDeclared: !!declared,
      envValue: declared ? describeEnvValue(model, declared.value) : refValueOf(target.type),
    });
  }
  return { functionId, triggers, accesses, environment };
}

/** "name" / "ARN" / "URL" — what an env var value holds, in words. */
function describeEnvValue(model: TemplateModel, value: unknown): string {
  const obj = asRecord(value);
  if (typeof obj.Ref === "string") {
    const r = model.resources.find((x) => x.id === obj.Ref);
    return r ? refValueOf(r.type) : "value";
  }
  const getAtt = obj["Fn::GetAtt"];
  if (Array.isArray(getAtt) && typeof getAtt[1] === "string") return getAtt[1] === "Arn" ? "ARN" : getAtt[1];
  return "value";
}

/**
 * Runtime, handler, code location and limits with SAM Globals applied. Defaults are Lambda's:
 * 3 s timeout, 128 MB memory, x86_64 ("Configuring Lambda function options", Lambda developer guide).
 */
export function functionRunSettings(model: TemplateModel, functionId: string): FunctionRunSettings {
  const fn = model.resources.find((r) => r.id === functionId);
  const props = fn?.properties ?? {};
  const globals = globalsFunction(model);
  const pick = (key: string): unknown => props[key] ?? globals[key];
  const num = (v: unknown, fallback: number): number => {
    const n = typeof v === "number" ? v : typeof v === "string" ? Number(v) : NaN;
    return Number.isFinite(n) && n > 0 ? n : fallback;
  };
  const architectures = pick("Architectures");
  const settings: FunctionRunSettings = {
    timeout: num(pick("Timeout"), 3),
    memorySize: num(pick("MemorySize"), 128),
    architecture: Array.isArray(architectures) && architectures[0] === "arm64" ? "arm64" : "x86_64",
  };
  const runtime = pick("Runtime");
  if (typeof runtime === "string") settings.runtime = runtime;
  const handler = pick("Handler");
  if (typeof handler === "string") settings.handler = handler;
  // SAM CodeUri, or a plain function's Code when it is a local path (not { S3Bucket… } / { ZipFile }).
  const codeUri = pick("CodeUri") ?? (typeof props.Code === "string" ? props.Code : undefined);
  if (typeof codeUri === "string") settings.codeUri = codeUri;
  return settings;
}
