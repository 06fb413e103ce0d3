/**
 * Traffic that follows the wiring: usage entered at entry points flows along trigger, access and
 * destination wires, becoming each resource's monthly traffic (requests, messages, invocations…).
 */
import type { Connection, Resource, TemplateModel } from "../model/types";
import { firingsPerMonth, ScheduleExpressionError } from "./schedule";
import { ENTRY_KEYS, usageNumber, type UsageInput } from "./usage";

/** Kind ids from core/catalog; resources of other kinds are recognised by CloudFormation type. */
const KIND_BY_TYPE: Record<string, string> = {
  "AWS::Serverless::Function": "function",
  "AWS::Lambda::Function": "function",
  "AWS::Serverless::HttpApi": "http-api",
  "AWS::ApiGatewayV2::Api": "http-api",
  "AWS::Serverless::Api": "rest-api",
  "AWS::ApiGateway::RestApi": "rest-api",
  "AWS::S3::Bucket": "bucket",
  "AWS::DynamoDB::Table": "table",
  "AWS::Serverless::SimpleTable": "table",
  "AWS::DynamoDB::GlobalTable": "table",
  "AWS::SQS::Queue": "queue",
  "AWS::SNS::Topic": "topic",
  "AWS::Events::EventBus": "event-bus",
  "AWS::Events::Rule": "event-rule",
  "AWS::Scheduler::Schedule": "schedule",
  "AWS::Kinesis::Stream": "stream",
  "AWS::Serverless::StateMachine": "state-machine",
  "AWS::StepFunctions::StateMachine": "state-machine",
  "AWS::Pipes::Pipe": "pipe",
  "AWS::Cognito::UserPool": "user-pool",
  // A REST API's stage carries its cache (CacheClusterEnabled / CacheClusterSize).
  "AWS::ApiGateway::Stage": "api-stage",
};

const KNOWN_KINDS = new Set([...Object.values(KIND_BY_TYPE), "websocket-api"]);

/** The cost engine's view of a resource's kind; rules with a schedule expression count as schedules. */
export function costKind(resource: Resource): string {
  let kind = KNOWN_KINDS.has(resource.kind) ? resource.kind : KIND_BY_TYPE[resource.type] ?? resource.kind;
  if (kind === "event-rule" && scheduleExpressionOf(resource)) kind = "schedule";
  // API Gateway v2 APIs are HTTP or WebSocket, priced differently (messages and connection minutes).
  if (resource.type === "AWS::ApiGatewayV2::Api" && String(resource.properties.ProtocolType ?? "").toUpperCase() === "WEBSOCKET") kind = "websocket-api";
  return kind;
}

/** The schedule expression of a rule/schedule (explicit, or the SAM event's properties on implicit ones). */
export function scheduleExpressionOf(resource: Resource): string | undefined {
  const p = resource.properties;
  const candidate = p.ScheduleExpression ?? p.Schedule;
  return typeof candidate === "string" ? candidate : undefined;
}

export type AccessLevel = "read" | "write" | "read-write";

export function accessLevelOf(connection: Connection): AccessLevel {
  const s = connection.settings;
  const raw = s.access ?? s.level ?? s.accessLevel ?? s.permission;
  if (raw === "read" || raw === "write" || raw === "read-write") return raw;
  if (typeof raw === "string") {
    const lower = raw.toLowerCase();
    if (lower.includes("crud") || (lower.includes("read") && lower.includes("write"))) return "read-write";
    if (lower.includes("write") || lower.includes("send") || lower.includes("publish") || lower.includes("put")) return "write";
    if (lower.includes("read") || lower.includes("poll")) return "read";
  }
  return "read-write";
}

export interface ResourceTraffic {
  id: string;
  kind: string;
  /** Traffic that reaches the resource per month, in its own unit (requests, messages, invocations…). */
  inflow: number;
  /** Part of `inflow` typed in at this resource (or computed from its schedule). */
  entry: number;
  /** Function: invocations including retries. Others: same as inflow. */
  effective: number;
  /** Function: invocations still failing after all retries (flow into destinations). */
  failed: number;
  /** Table reads (item operations) per month. */
  reads: number;
  /** Bucket GETs / queue polls by functions. */
  readCalls: number;
  /** Queue: receive batches of consumers; stream: consumers. */
  consumerBatches: number;
  consumers: number;
}

export interface TrafficResult {
  byId: Map<string, ResourceTraffic>;
  /** Sum of traffic typed in at entry points (schedules excluded) — the "entry requests". */
  entryRequests: number;
  assumptions: string[];
  warnings: string[];
}

const ASYNC_SOURCE_KINDS = new Set(["bucket", "topic", "event-bus", "event-rule", "schedule"]);

export interface TrafficOptions {
  hoursPerMonth: number;
  /** Multiplies every scaled entry point's typed traffic (the cost-vs-traffic series). */
  entryScale?: number;
  /** Extra traffic per entry point id (used by the series when nothing is typed in). */
  entryOverride?: Map<string, number>;
}

/** The source's monthly output that a trigger wire carries, before the wire's share/batching. */
function triggerFactor(source: ResourceTraffic, target: ResourceTraffic, connection: Connection, wireUsage: Record<string, unknown> | undefined, siblings: number): { factor: number; note?: string } {
  const share = usageNumber(wireUsage, "share");
  const kind = source.kind;
  if (kind === "http-api" || kind === "rest-api" || kind === "websocket-api") {
    // Routes of one API split its requests; equal shares unless the person says otherwise.
    return { factor: share ?? 1 / Math.max(1, siblings) };
  }
  // Every event a pipe reads is a pipe request (after filtering); it hands them to its target a batch at a time.
  if (target.kind === "pipe") return { factor: share ?? 1 };
  if (kind === "pipe") return { factor: (share ?? 1) / Math.max(1, Number(connection.settings.batchSize) || 1) };
  if ((kind === "queue" || kind === "stream" || kind === "table") && target.kind === "function") {
    const configured = Number(connection.settings.batchSize);
    // SQS event source default batch size 10; Kinesis and DynamoDB streams 100 (Lambda docs,
    // "Using Lambda with Amazon SQS" / "… Kinesis" / "… DynamoDB Streams").
    const fallback = kind === "queue" ? 10 : 100;
    const batch = usageNumber(wireUsage, "averageBatchSize") ?? (Number.isFinite(configured) && configured > 0 ? configured : fallback);
    return { factor: (share ?? 1) / Math.max(1, batch) };
  }
  return { factor: share ?? 1 };
}

/**
 * Propagate usage through the model. Linear in resources + connections; loops are counted once
 * around (said in the warnings) rather than iterated to a fixed point.
 */
export function propagateTraffic(model: TemplateModel, usage: UsageInput, options: TrafficOptions): TrafficResult {
  const assumptions: string[] = [];
  const warnings: string[] = [];
  const byId = new Map<string, ResourceTraffic>();
  const resources = new Map<string, Resource>();
  let entryRequests = 0;
  const scale = options.entryScale ?? 1;

  for (const resource of model.resources) {
    const kind = costKind(resource);
    resources.set(resource.id, resource);
    const record = usage.resources?.[resource.id];
    let entry = 0;
    if (kind === "schedule") {
      const expression = scheduleExpressionOf(resource);
      if (expression) {
        try {
          const rate = firingsPerMonth(expression, options.hoursPerMonth);
          entry = rate.perMonth;
          assumptions.push(`${resource.id} fires ${formatCount(entry)} times a month (${expression}: ${rate.description}).`);
        } catch (error) {
          if (error instanceof ScheduleExpressionError) warnings.push(`${resource.id}: ${error.message}; counted as 0 firings.`);
          else throw error;
        }
      }
    } else {
      const key = ENTRY_KEYS[kind];
      const typed = key ? usageNumber(record, key) : undefined;
      const override = options.entryOverride?.get(resource.id);
      if (override !== undefined) entry = override;
      else if (typed !== undefined) entry = typed * scale;
      entryRequests += entry;
    }
    // Tables also take reads and writes from outside the design.
    const reads = kind === "table" ? (usageNumber(record, "readsPerMonth") ?? 0) * scale : 0;
    const outsideWrites = kind === "table" ? (usageNumber(record, "writesPerMonth") ?? 0) * scale : 0;
    byId.set(resource.id, { id: resource.id, kind, inflow: entry + outsideWrites, entry, effective: 0, failed: 0, reads, readCalls: 0, consumerBatches: 0, consumers: 0 });
  }

  // Only wires between two known resources carry traffic. A pipe's Source and Target are plain
  // references in the template; traffic runs source → pipe → target, so they carry it too.
  const wires = model.connections.filter((c) => c.kind !== "reference" && byId.has(c.from) && byId.has(c.to) && c.from !== c.to);
  for (const resource of model.resources) {
    if (byId.get(resource.id)?.kind !== "pipe") continue;
    const source = referencedId(resource.properties.Source);
    const target = referencedId(resource.properties.Target);
    const batch = pipeBatchSize(resource);
    if (source && byId.has(source) && source !== resource.id) wires.push(pipeWire(`pipe-source:${source}->${resource.id}`, source, resource.id, batch));
    if (target && byId.has(target) && target !== resource.id) wires.push(pipeWire(`pipe-target:${resource.id}->${target}`, resource.id, target, batch));
    if (target && byId.has(target)) assumptions.push(`${resource.id}: ${batch === 1 ? "each event reaches" : `events reach`} ${target} ${batch === 1 ? "on its own" : `in batches of ${batch}`} (the pipe's BatchSize${batch === 1 ? " is not set" : ""}).`);
  }
  const outgoing = new Map<string, Connection[]>();
  const indegree = new Map<string, number>();
  for (const id of byId.keys()) indegree.set(id, 0);
  for (const wire of wires) {
    if (!outgoing.has(wire.from)) outgoing.set(wire.from, []);
    outgoing.get(wire.from)!.push(wire);
    indegree.set(wire.to, (indegree.get(wire.to) ?? 0) + 1);
  }
  const triggerSiblings = new Map<string, number>();
  for (const wire of wires) if (wire.kind === "trigger") triggerSiblings.set(wire.from, (triggerSiblings.get(wire.from) ?? 0) + 1);

  // Which functions are invoked only asynchronously (for the default retry count).
  const asyncOnly = new Map<string, boolean>();
  for (const wire of wires) {
    if (wire.kind !== "trigger") continue;
    const sourceKind = byId.get(wire.from)!.kind;
    const isAsync = ASYNC_SOURCE_KINDS.has(sourceKind);
    asyncOnly.set(wire.to, (asyncOnly.get(wire.to) ?? true) && isAsync);
  }

  // Kahn's order; what remains is in loops and is processed in template order.
  const order: string[] = [];
  const queue: string[] = [];
  for (const [id, d] of indegree) if (d === 0) queue.push(id);
  const remaining = new Map(indegree);
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head];
    order.push(id);
    for (const wire of outgoing.get(id) ?? []) {
      const d = remaining.get(wire.to)! - 1;
      remaining.set(wire.to, d);
      if (d === 0) queue.push(wire.to);
    }
  }
  if (order.length < byId.size) {
    const done = new Set(order);
    const looped = [...byId.keys()].filter((id) => !done.has(id));
    warnings.push(`Traffic loop through ${looped.join(", ")}: each wire of the loop is counted once around; a real loop can run away.`);
    order.push(...looped);
  }

  for (const id of order) {
    const node = byId.get(id)!;
    const record = usage.resources?.[id];
    if (node.kind === "function") {
      const failureRate = Math.min(1, usageNumber(record, "failureRate") ?? 0);
      const resource = resources.get(id)!;
      const configuredRetries = retriesFromTemplate(resource);
      const defaultRetries = configuredRetries ?? (asyncOnly.get(id) ? 2 : 0);
      const retries = Math.floor(usageNumber(record, "retries") ?? defaultRetries);
      let attempts = 0;
      for (let k = 0; k <= retries; k++) attempts += failureRate ** k;
      node.effective = node.inflow * attempts;
      node.failed = node.inflow * failureRate ** (retries + 1);
      if (failureRate > 0) assumptions.push(`${id}: ${(failureRate * 100).toFixed(1)}% of invocations fail and are retried ${retries} time(s).`);
    } else {
      node.effective = node.inflow;
      node.failed = 0;
    }
    for (const wire of outgoing.get(id) ?? []) {
      const target = byId.get(wire.to)!;
      const wireUsage = usage.connections?.[wire.id];
      if (wire.kind === "trigger") {
        const { factor } = triggerFactor(node, target, wire, wireUsage, triggerSiblings.get(id) ?? 1);
        const carried = node.effective * factor;
        target.inflow += carried;
        if (node.kind === "queue" && target.kind === "function") {
          node.consumerBatches += carried;
          node.consumers += 1;
        } else if (node.kind === "queue" && target.kind === "pipe") {
          // The pipe polls the queue like Lambda does: one receive and one delete per batch.
          node.consumerBatches += carried / Math.max(1, Number(wire.settings.batchSize) || 1);
          node.consumers += 1;
        } else if (node.kind === "stream" || node.kind === "table") {
          node.consumers += 1;
        }
      } else if (wire.kind === "access") {
        const calls = usageNumber(wireUsage, "callsPerInvocation") ?? 1;
        const level = accessLevelOf(wire);
        const base = node.effective;
        if (target.kind === "table") {
          const reads = usageNumber(wireUsage, "readsPerInvocation") ?? (level === "write" ? 0 : calls);
          const writes = usageNumber(wireUsage, "writesPerInvocation") ?? (level === "read" ? 0 : calls);
          target.reads += base * reads;
          target.inflow += base * writes;
        } else if (level === "read") {
          target.readCalls += base * calls;
        } else if (target.kind === "bucket") {
          // A write puts objects (which may trigger notifications); read-write counts one GET too.
          target.inflow += base * calls;
          if (level === "read-write") target.readCalls += base * calls;
        } else {
          target.inflow += base * calls;
        }
      } else if (wire.kind === "destination") {
        target.inflow += node.kind === "function" ? node.failed : 0;
      }
    }
  }
  return { byId, entryRequests, assumptions, warnings };
}

/** The logical ID an ARN/name property points at: `!Ref X`, `!GetAtt X.Arn`, `!GetAtt [X, Arn]`. */
function referencedId(value: unknown): string | undefined {
  if (!value || typeof value !== "object") return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.Ref === "string") return v.Ref;
  const getAtt = v["Fn::GetAtt"];
  if (Array.isArray(getAtt) && typeof getAtt[0] === "string") return getAtt[0];
  if (typeof getAtt === "string") return getAtt.split(".")[0];
  return undefined;
}

/** The batch size a pipe reads its source with (SourceParameters.*.BatchSize), 1 when not set. */
function pipeBatchSize(resource: Resource): number {
  const params = (resource.properties.SourceParameters ?? {}) as Record<string, unknown>;
  for (const value of Object.values(params)) {
    const size = Number((value as Record<string, unknown> | undefined)?.BatchSize);
    if (Number.isFinite(size) && size >= 1) return size;
  }
  return 1;
}

function pipeWire(id: string, from: string, to: string, batchSize: number): Connection {
  return { id, kind: "trigger", from, to, rule: "pipe", label: "", settings: { batchSize }, summary: "", why: "", writes: [] };
}

function retriesFromTemplate(resource: Resource): number | undefined {
  const config = resource.properties.EventInvokeConfig as Record<string, unknown> | undefined;
  const value = config?.MaximumRetryAttempts;
  return typeof value === "number" ? value : undefined;
}

export function formatCount(n: number): string {
  if (n >= 1e9) return `${+(n / 1e9).toFixed(2)}B`;
  if (n >= 1e6) return `${+(n / 1e6).toFixed(2)}M`;
  if (n >= 1e4) return `${+(n / 1e3).toFixed(1)}k`;
  return `${+n.toFixed(2)}`;
}
