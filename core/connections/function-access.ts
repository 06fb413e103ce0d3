/**
 * A function (or a SAM state machine) uses another service: least-privilege IAM through a SAM
 * policy template scoped to that one resource, plus an environment variable holding the
 * resource's name, ARN or URL so the code never hard-codes it.
 *
 * The access level (read / write / read-write) is the wire's setting and picks the template:
 * SAM policy templates list, "AWS SAM policy templates" in the SAM developer guide
 * (DynamoDBReadPolicy, DynamoDBWritePolicy, DynamoDBCrudPolicy, S3ReadPolicy, S3WritePolicy,
 * S3CrudPolicy, SQSSendMessagePolicy, SQSPollerPolicy, SNSPublishMessagePolicy,
 * EventBridgePutEventsPolicy, StepFunctionsExecutionPolicy, LambdaInvokePolicy,
 * KinesisStreamReadPolicy, KinesisCrudPolicy).
 *
 * Recognised from existing templates: policy templates and IAM statements in `Policies` that name
 * the resource, environment variables that reference it, state machine `DefinitionSubstitutions`,
 * and `AWS::Serverless::Connector` resources.
 */
import { cardFor } from "../catalog";
import type { AccessLevel, Connection, ConnectionWrite, Resource } from "../model/types";
import { upperSnake } from "./event-trigger";
import { asRecord, findReferences, type Path } from "./references-walk";
import { makeConnection, refuse, type ConnectPlan, type ConnectionRule, type RuleContext, type TemplateChange } from "./rule";

interface PolicyTemplate {
  name: string;
  /** Parameter naming the resource, and how it is referenced. */
  parameter: string;
  value: (id: string) => unknown;
}

const ref = (id: string) => ({ Ref: id });
const att = (attribute: string) => (id: string) => ({ "Fn::GetAtt": [id, attribute] });

const tpl = (name: string, parameter: string, value: (id: string) => unknown): PolicyTemplate => ({ name, parameter, value });

/** Per target kind: the policy templates written for each access level, in order. */
const POLICIES: Readonly<Record<string, Partial<Record<AccessLevel, PolicyTemplate[]>>>> = {
  table: {
    read: [tpl("DynamoDBReadPolicy", "TableName", ref)],
    write: [tpl("DynamoDBWritePolicy", "TableName", ref)],
    "read-write": [tpl("DynamoDBCrudPolicy", "TableName", ref)],
  },
  bucket: {
    read: [tpl("S3ReadPolicy", "BucketName", ref)],
    write: [tpl("S3WritePolicy", "BucketName", ref)],
    "read-write": [tpl("S3CrudPolicy", "BucketName", ref)],
  },
  queue: {
    write: [tpl("SQSSendMessagePolicy", "QueueName", att("QueueName"))],
    read: [tpl("SQSPollerPolicy", "QueueName", att("QueueName"))],
    "read-write": [tpl("SQSSendMessagePolicy", "QueueName", att("QueueName")), tpl("SQSPollerPolicy", "QueueName", att("QueueName"))],
  },
  topic: { write: [tpl("SNSPublishMessagePolicy", "TopicName", att("TopicName"))] },
  "event-bus": { write: [tpl("EventBridgePutEventsPolicy", "EventBusName", ref)] },
  "state-machine": { write: [tpl("StepFunctionsExecutionPolicy", "StateMachineName", att("Name"))] },
  function: { write: [tpl("LambdaInvokePolicy", "FunctionName", ref)] },
  stream: {
    read: [tpl("KinesisStreamReadPolicy", "StreamName", ref)],
    write: [tpl("KinesisCrudPolicy", "StreamName", ref)],
    "read-write": [tpl("KinesisCrudPolicy", "StreamName", ref)],
  },
};

/** The level a wire gets when none is asked for: what most code does with that kind. */
const DEFAULT_LEVEL: Readonly<Record<string, AccessLevel>> = {
  table: "read-write",
  bucket: "read-write",
  queue: "write",
  topic: "write",
  "event-bus": "write",
  "state-machine": "write",
  function: "write",
  stream: "write",
};

/** The level as a verb phrase for the "why" text: "read and write", "send to". */
function levelVerb(kind: string, level: AccessLevel): string {
  if (kind === "queue") return level === "write" ? "send messages to" : level === "read" ? "receive messages from" : "send messages to and receive them from";
  if (kind === "topic") return "publish to";
  if (kind === "event-bus") return "put events on";
  if (kind === "state-machine") return "start executions of";
  if (kind === "function") return "invoke";
  return level === "read-write" ? "read and write" : level === "write" ? "write to" : "read";
}

/** What a level means for each kind, in the words shown on the wire. */
function levelWords(kind: string, level: AccessLevel): string {
  if (kind === "queue") return level === "write" ? "send" : level === "read" ? "receive" : "send + receive";
  if (kind === "topic") return "publish";
  if (kind === "event-bus") return "put events";
  if (kind === "state-machine") return "start";
  if (kind === "function") return "invoke";
  return level;
}

/** Access level a policy name implies (for policies not in the table above too). */
function levelOfPolicyName(name: string): AccessLevel {
  if (/Crud|FullAccess/i.test(name)) return "read-write";
  if (/Read|Poller|Describe|List|Get/i.test(name)) return "read";
  return "write";
}

const READ_ACTION = /:(Get|List|Describe|Query|Scan|BatchGet|Receive|Head|Select)/i;

function levelOfStatement(item: unknown): AccessLevel {
  const actions: string[] = [];
  for (const s of ([] as unknown[]).concat(asRecord(item)?.Statement ?? [])) {
    const a = asRecord(s)?.Action;
    for (const x of ([] as unknown[]).concat(a ?? [])) if (typeof x === "string") actions.push(x);
  }
  const reads = actions.filter((a) => READ_ACTION.test(a)).length;
  if (reads === actions.length && reads > 0) return "read";
  return reads > 0 ? "read-write" : "write";
}

function mergeLevels(levels: AccessLevel[]): AccessLevel {
  const set = new Set(levels);
  if (set.has("read-write") || (set.has("read") && set.has("write"))) return "read-write";
  return set.has("read") ? "read" : "write";
}

const OWNER_TYPES = new Set(["AWS::Serverless::Function", "AWS::Serverless::StateMachine", "AWS::Lambda::Function"]);

/** Buckets by their BucketName value (as JSON), for policies that name a bucket instead of referencing it. */
function bucketsByName(ctx: RuleContext): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of ctx.model.resources) if (r.kind === "bucket" && r.properties.BucketName !== undefined) out.set(JSON.stringify(r.properties.BucketName), r.id);
  return out;
}

/** True when the bucket notifies this function: a !Ref from the function to it would be a cycle. */
export function bucketTriggers(bucket: Resource, fn: Resource): boolean {
  const events = asRecord(fn.properties.Events) ?? {};
  return Object.values(events).some((e) => asRecord(e)?.Type === "S3" && findReferences(asRecord(asRecord(e)?.Properties)?.Bucket).some((r) => r.id === bucket.id));
}

interface Found {
  write: ConnectionWrite;
  level?: AccessLevel;
  policy?: string;
  variable?: string;
}

function recogniseOwner(ctx: RuleContext, owner: Resource): Connection[] {
  const byTarget = new Map<string, Found[]>();
  const note = (target: string, found: Found) => {
    const t = ctx.byId.get(target);
    if (!t || t.implicit || target === owner.id) return;
    byTarget.set(target, [...(byTarget.get(target) ?? []), found]);
  };
  const policies = owner.properties.Policies;
  const items: [unknown, Path][] = Array.isArray(policies)
    ? policies.map((p, i) => [p, ["Properties", "Policies", i]])
    : policies !== undefined
      ? [[policies, ["Properties", "Policies"]]]
      : [];
  for (const [item, path] of items) {
    const obj = asRecord(item);
    if (!obj) continue;
    const keys = Object.keys(obj);
    const isTemplate = keys.length === 1 && !("Statement" in obj) && asRecord(obj[keys[0]]) !== undefined;
    const targets = new Set(findReferences(item).map((r) => r.id).filter((id) => ctx.byId.has(id)));
    // A bucket named by its BucketName rather than !Ref (the way to avoid the S3 notification
    // circular dependency) is still this bucket.
    if (isTemplate && targets.size === 0) {
      const params = asRecord(obj[keys[0]]) ?? {};
      for (const value of Object.values(params)) {
        const bucket = bucketsByName(ctx).get(JSON.stringify(value));
        if (bucket) targets.add(bucket);
      }
    }
    for (const target of targets) {
      if (isTemplate) {
        note(target, { write: { resource: owner.id, path, description: `${keys[0]} on ${target}` }, level: levelOfPolicyName(keys[0]), policy: keys[0] });
      } else {
        note(target, { write: { resource: owner.id, path, description: `IAM statement on ${target}` }, level: levelOfStatement(item), policy: "statement" });
      }
    }
  }
  const variables = asRecord(asRecord(owner.properties.Environment)?.Variables);
  for (const [name, value] of Object.entries(variables ?? {})) {
    const targets = new Set(findReferences(value).map((r) => r.id).filter((id) => ctx.byId.has(id)));
    const bucket = targets.size === 0 ? bucketsByName(ctx).get(JSON.stringify(value)) : undefined;
    if (bucket) targets.add(bucket);
    for (const target of targets) {
      note(target, { write: { resource: owner.id, path: ["Properties", "Environment", "Variables", name], description: `environment variable ${name}` }, variable: name });
    }
  }
  const substitutions = asRecord(owner.properties.DefinitionSubstitutions);
  for (const [name, value] of Object.entries(substitutions ?? {})) {
    for (const target of new Set(findReferences(value).map((r) => r.id))) {
      note(target, { write: { resource: owner.id, path: ["Properties", "DefinitionSubstitutions", name], description: `definition substitution ${name}` }, variable: name });
    }
  }
  const out: Connection[] = [];
  for (const [target, found] of byTarget) {
    const kind = ctx.byId.get(target)?.kind ?? "generic";
    const levels = found.map((f) => f.level).filter((l): l is AccessLevel => l !== undefined);
    const level = levels.length ? mergeLevels(levels) : undefined;
    const policyNames = found.map((f) => f.policy).filter(Boolean) as string[];
    const variableNames = found.map((f) => f.variable).filter(Boolean) as string[];
    const writes = found.map((f) => f.write).filter((w, i, all) => all.findIndex((x) => x.path.join(".") === w.path.join(".")) === i);
    out.push(
      makeConnection({
        // One access wire per pair, so its id survives edits that move policies around
        // (usage assumptions in flowform.json are keyed by wire id).
        id: `function-access:${owner.id}->${target}`,
        kind: "access",
        from: owner.id,
        to: target,
        rule: "function-access",
        label: level ? levelWords(kind, level) : "env",
        settings: { level, policies: policyNames, variables: variableNames },
        summary: [
          policyNames.length ? `${policyNames.join(", ")} on ${target}` : "",
          variableNames.length ? `${variableNames.length > 1 ? "variables" : "variable"} ${variableNames.join(", ")}` : "",
        ]
          .filter(Boolean)
          .join("; "),
        why: level
          ? `${owner.id} needs IAM permission to ${levelVerb(kind, level)} ${target}${policyNames.some((p) => p !== "statement") ? " (the policy template is scoped to that resource only)" : ""}${variableNames.length ? "; the variable tells its code which resource to use" : ""}`
          : `The variable tells ${owner.id}'s code which resource to use (no IAM permission for it is written here)`,
        writes,
      }),
    );
  }
  return out;
}

function recogniseConnectors(ctx: RuleContext): Connection[] {
  const out: Connection[] = [];
  // Embedded connectors (`Connectors:` on the source resource): the source is the resource itself.
  for (const r of ctx.model.resources) {
    for (const [name, raw] of Object.entries(r.connectors ?? {})) {
      const props = asRecord(asRecord(raw)?.Properties) ?? {};
      const permissions = ([] as unknown[]).concat(props.Permissions ?? []).map(String);
      const list = Array.isArray(props.Destination) && props.Destination.length > 1;
      for (const [i, d] of ([] as unknown[]).concat(props.Destination ?? []).entries()) {
        const e = asRecord(d);
        const target = typeof e?.Id === "string" ? e.Id : findReferences(e?.Arn).map((x) => x.id).find((id) => ctx.byId.has(id));
        if (!target || !ctx.byId.has(target)) continue;
        out.push(
          makeConnection({
            id: `function-access:${r.id}->${target}:Connectors.${name}`,
            kind: "access",
            from: r.id,
            to: target,
            rule: "function-access",
            label: permissions.join(" + ").toLowerCase() || "connector",
            settings: { level: permissions.includes("Read") && permissions.includes("Write") ? "read-write" : permissions.includes("Read") ? "read" : "write", connector: name, permissions },
            summary: `Embedded connector ${name} grants ${r.id} ${permissions.join(" and ")} on ${target}`,
            why: "SAM turns the connector into the least-privilege IAM policy between the two resources",
            // A connector with several destinations: the wire owns its own destination only.
            writes: [{ resource: r.id, path: list ? ["Connectors", name, "Properties", "Destination", i] : ["Connectors", name], description: `connector ${name}${list ? ` destination ${target}` : ""}` }],
          }),
        );
      }
    }
  }
  for (const r of ctx.model.resources) {
    if (r.type !== "AWS::Serverless::Connector") continue;
    // A connector end names its resource by Id, or by an Arn that references it.
    const endpoint = (end: unknown): string | undefined => {
      const e = asRecord(end);
      if (typeof e?.Id === "string") return e.Id;
      return findReferences(e?.Arn).map((x) => x.id).find((id) => ctx.byId.has(id));
    };
    const source = endpoint(r.properties.Source);
    const destinations = ([] as unknown[]).concat(r.properties.Destination ?? []);
    const permissions = ([] as unknown[]).concat(r.properties.Permissions ?? []).map(String);
    const list = destinations.length > 1;
    for (const [i, d] of destinations.entries()) {
      const target = endpoint(d);
      if (typeof source !== "string" || typeof target !== "string" || !ctx.byId.has(source) || !ctx.byId.has(target)) continue;
      const level: AccessLevel = permissions.includes("Read") && permissions.includes("Write") ? "read-write" : permissions.includes("Read") ? "read" : "write";
      out.push(
        makeConnection({
          id: `function-access:${source}->${target}:${r.id}`,
          kind: "access",
          from: source,
          to: target,
          rule: "function-access",
          label: permissions.join(" + ").toLowerCase() || "connector",
          settings: { level, connector: r.id, permissions },
          summary: `Connector ${r.id} grants ${source} ${permissions.join(" and ")} on ${target}`,
          why: "SAM turns the connector into the least-privilege IAM policy between the two resources",
          writes: [list ? { resource: r.id, path: ["Properties", "Destination", i], description: `connector ${r.id} destination ${target}` } : { resource: r.id, path: [], description: `connector ${r.id}` }],
        }),
      );
    }
  }
  return out;
}

/** The kind in the variable name ("ORDERS_TABLE_NAME"), unless the logical ID already says it ("OrdersTable"). */
const KIND_WORD: Readonly<Record<string, string>> = {
  table: "TABLE",
  bucket: "BUCKET",
  queue: "QUEUE",
  topic: "TOPIC",
  "event-bus": "BUS",
  "state-machine": "STATE_MACHINE",
  function: "FUNCTION",
  stream: "STREAM",
};

/** The environment variable an access wire adds: `<ID>[_<KIND>]_<NAME|ARN|URL>` = !Ref of the resource. */
export function envVariable(target: Resource): { name: string; value: unknown } {
  const handles = cardFor(target.kind).handles;
  const what = handles?.ref ?? "name";
  const suffix = what === "url" ? "URL" : what === "arn" ? "ARN" : what === "id" ? "ID" : "NAME";
  const base = upperSnake(target.id);
  const word = KIND_WORD[target.kind];
  const named = word && !base.endsWith(word) && !(word === "STATE_MACHINE" && base.endsWith("MACHINE")) ? `${base}_${word}` : base;
  return { name: `${named}_${suffix}`, value: { Ref: target.id } };
}

function policyChanges(owner: Resource, target: Resource, level: AccessLevel, byName?: unknown): TemplateChange[] {
  return (POLICIES[target.kind]?.[level] ?? []).map((p) => ({
    change: "append" as const,
    path: ["Resources", owner.id, "Properties", "Policies"],
    value: { [p.name]: { [p.parameter]: byName ?? p.value(target.id) } },
  }));
}

function levelFor(target: Resource, asked: unknown): AccessLevel | undefined {
  const levels = POLICIES[target.kind] ?? {};
  const level = (typeof asked === "string" ? asked : DEFAULT_LEVEL[target.kind]) as AccessLevel;
  return levels[level] ? level : undefined;
}

export const functionAccess: ConnectionRule = {
  id: "function-access",
  kind: "access",
  title: "A function uses a table, bucket, queue, topic, bus, state machine, function or stream",
  recognise(ctx) {
    const out: Connection[] = [];
    for (const r of ctx.model.resources) if (OWNER_TYPES.has(r.type)) out.push(...recogniseOwner(ctx, r));
    return [...out, ...recogniseConnectors(ctx)];
  },
  canConnect(from, to, settings) {
    // Asking for a destination (`as`) is the destinations rule's business.
    if (settings?.as !== undefined) return undefined;
    if (from.kind !== "function" && !(from.kind === "state-machine" && to.kind === "function")) return undefined;
    if (!POLICIES[to.kind]) return undefined;
    if (from.type === "AWS::Lambda::Function") {
      return refuse(
        `${from.id} is a plain AWS::Lambda::Function: its permissions live in its execution role, and Flowform writes SAM policy templates.`,
        "Add a statement to the function's role by hand, or use an AWS::Serverless::Function.",
      );
    }
    if (from.type === "AWS::Serverless::StateMachine" || from.kind === "state-machine") {
      if (from.type !== "AWS::Serverless::StateMachine") return refuse(`${from.id} is a plain AWS::StepFunctions::StateMachine; its permissions live in its role.`, "Edit its role by hand, or use an AWS::Serverless::StateMachine.");
      return { ok: true, rule: "function-access", kind: "access", label: "invoke", summary: `Lets ${from.id} invoke ${to.id} (LambdaInvokePolicy) and names it in the definition substitutions` };
    }
    const level = levelFor(to, settings?.level);
    if (!level) {
      const allowed = Object.keys(POLICIES[to.kind]).join(", ");
      return refuse(`A function cannot have ${String(settings?.level)} access to a ${to.kind}; the levels are: ${allowed}.`, to.kind === "topic" ? `To receive ${to.id}'s messages, connect ${to.id} → ${from.id}.` : undefined);
    }
    if (to.kind === "bucket" && bucketTriggers(to, from) && to.properties.BucketName === undefined) {
      return refuse(
        `${to.id} notifies ${from.id}, so a !Ref from ${from.id}'s policy to the bucket would be a circular dependency (bucket → function → role → bucket).`,
        `Give ${to.id} a BucketName (e.g. !Sub \${AWS::StackName}-\${AWS::AccountId}-${to.id.toLowerCase()}) first; Flowform then names the bucket in the policy by that name.`,
      );
    }
    const names = (POLICIES[to.kind][level] ?? []).map((p) => p.name).join(" + ");
    return { ok: true, rule: "function-access", kind: "access", label: levelWords(to.kind, level), summary: `Adds ${names} on ${to.id} and the variable ${envVariable(to).name} to ${from.id}` };
  },
  connect(_ctx, from, to, settings): ConnectPlan {
    if (from.kind === "state-machine") {
      const name = `${to.id}Arn`;
      return {
        changes: [
          { change: "append", path: ["Resources", from.id, "Properties", "Policies"], value: { LambdaInvokePolicy: { FunctionName: { Ref: to.id } } } },
          { change: "set", path: ["Resources", from.id, "Properties", "DefinitionSubstitutions", name], value: { "Fn::GetAtt": [to.id, "Arn"] } },
        ],
        summary: `Adds LambdaInvokePolicy on ${to.id} to ${from.id} and the definition substitution \${${name}}`,
        why: `The state machine's role needs permission to invoke ${to.id}; the substitution puts its ARN into the definition`,
        touched: [from.id],
      };
    }
    const level = levelFor(to, settings.level) ?? "write";
    // The bucket notifies this function: name it by its BucketName, not !Ref, or CloudFormation
    // sees a cycle (bucket → function → role → bucket). canConnect ensured it has one.
    const byName = to.kind === "bucket" && bucketTriggers(to, from) ? to.properties.BucketName : undefined;
    const changes = policyChanges(from, to, level, byName);
    const variable = envVariable(to);
    if (byName !== undefined) variable.value = byName;
    const existing = asRecord(asRecord(from.properties.Environment)?.Variables) ?? {};
    const alreadyNamed = Object.values(existing).some((v) => findReferences(v).some((r) => r.id === to.id));
    if (!(variable.name in existing) && !alreadyNamed && settings.environment !== false) {
      changes.push({ change: "set", path: ["Resources", from.id, "Properties", "Environment", "Variables", variable.name], value: variable.value });
    }
    const names = changes.filter((c) => c.change === "append").map((c) => Object.keys(c.value as object)[0]);
    return {
      changes,
      summary: `Adds ${names.join(" and ")} scoped to ${to.id}${changes.length > names.length ? ` and the environment variable ${variable.name}` : ""} to ${from.id}`,
      why: `${from.id} needs IAM permission to ${levelVerb(to.kind, level)} ${to.id}, and only that resource; the variable tells its code the ${cardFor(to.kind).handles?.ref ?? "name"} to use`,
      touched: [from.id],
    };
  },
  update(ctx, connection, settings) {
    const owner = ctx.byId.get(connection.from);
    const target = ctx.byId.get(connection.to);
    if (!owner || !target) return refuse("The wire's resources are gone.");
    if (settings.level === undefined) return refuse("Only the access level of an access wire can be changed here.");
    const level = levelFor(target, settings.level);
    if (!level) return refuse(`A function cannot have ${String(settings.level)} access to a ${target.kind}.`);
    const byName = target.kind === "bucket" && bucketTriggers(target, owner) ? target.properties.BucketName : undefined;
    // Replace the policy templates this wire owns; variables and hand-written statements stay.
    const policyWrites = connection.writes
      .filter((w) => w.path[1] === "Policies" && typeof w.path[2] === "number" && !w.description.startsWith("IAM statement"))
      .sort((a, b) => Number(b.path[2]) - Number(a.path[2]));
    const changes: TemplateChange[] = policyWrites.map((w) => ({ change: "remove", path: ["Resources", w.resource, ...w.path] }));
    changes.push(...policyChanges(owner, target, level, byName));
    return { changes, summary: `Changes ${owner.id}'s access to ${target.id} to ${level}`, why: "The policy template is swapped for the one matching the new level", touched: [owner.id] };
  },
};
