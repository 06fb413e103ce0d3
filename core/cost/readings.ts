/**
 * What each kind of resource puts on the meters, given the traffic that reaches it, its
 * template properties and the usage typed in for it. Billing-unit rules cite their source.
 */
import type { Connection, Resource, TemplateModel } from "../model/types";
import type { MeterId, Reading } from "./meters";
import { formatCount, type ResourceTraffic } from "./traffic";
import { usageBoolean, usageNumber, usageString, type UsageInput } from "./usage";

const KB_PER_GB = 1024 * 1024;

export interface ReadingContext {
  model: TemplateModel;
  usage: UsageInput;
  hoursPerMonth: number;
  traffic: Map<string, ResourceTraffic>;
  /** Outgoing wires by source id. */
  outgoing: Map<string, Connection[]>;
  /** Default assumptions used, in words (only the first time a default matters). */
  assumptions: string[];
}

type Reader = (resource: Resource, traffic: ResourceTraffic, record: Record<string, unknown> | undefined, ctx: ReadingContext) => Reading[];

function read(resource: Resource, meter: MeterId, quantity: number): Reading {
  return { resource: resource.id, meter, quantity };
}

function num(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/** Function settings from the template, then SAM Globals, then AWS defaults (128 MB, x86_64, 512 MB /tmp). */
export function functionConfig(resource: Resource, model: TemplateModel, record: Record<string, unknown> | undefined) {
  const globals = (model.globals?.Function ?? {}) as Record<string, unknown>;
  const p = resource.properties;
  const memoryMb = usageNumber(record, "memoryMb") ?? num(p.MemorySize) ?? num(globals.MemorySize) ?? 128;
  const archList = (Array.isArray(p.Architectures) ? p.Architectures : Array.isArray(globals.Architectures) ? globals.Architectures : []) as unknown[];
  const architecture = usageString(record, "architecture") ?? (archList[0] === "arm64" ? "arm64" : "x86_64");
  const eph = (p.EphemeralStorage ?? globals.EphemeralStorage) as Record<string, unknown> | undefined;
  const ephemeralStorageMb = usageNumber(record, "ephemeralStorageMb") ?? num(eph?.Size) ?? 512;
  const pcConfig = (p.ProvisionedConcurrencyConfig ?? globals.ProvisionedConcurrencyConfig) as Record<string, unknown> | undefined;
  const provisionedConcurrency = usageNumber(record, "provisionedConcurrency") ?? num(pcConfig?.ProvisionedConcurrentExecutions) ?? 0;
  const typedDuration = usageNumber(record, "durationMs");
  return { memoryMb, architecture: architecture === "arm64" ? "arm64" : "x86_64", ephemeralStorageMb, provisionedConcurrency, durationMs: typedDuration ?? 100, durationTyped: typedDuration !== undefined };
}

const readFunction: Reader = (resource, traffic, record, ctx) => {
  const cfg = functionConfig(resource, ctx.model, record);
  const invocations = traffic.effective;
  const out: Reading[] = [];
  if (!cfg.durationTyped && invocations > 0) ctx.assumptions.push(`${resource.id}: ${cfg.durationMs} ms per invocation (default; set durationMs).`);
  const arm = cfg.architecture === "arm64";
  // Duration is rounded up to the next 1 ms per invocation (AWS Lambda pricing page).
  const billedSeconds = Math.ceil(cfg.durationMs) / 1000;
  const gbSeconds = invocations * billedSeconds * (cfg.memoryMb / 1024);
  out.push(read(resource, "lambdaRequests", invocations));
  if (cfg.provisionedConcurrency > 0) {
    const provisionedGbS = cfg.provisionedConcurrency * (cfg.memoryMb / 1024) * ctx.hoursPerMonth * 3600;
    out.push(read(resource, arm ? "lambdaProvisionedArm" : "lambdaProvisionedX86", provisionedGbS));
    out.push(read(resource, arm ? "lambdaProvisionedDurationArm" : "lambdaProvisionedDurationX86", gbSeconds));
    ctx.assumptions.push(`${resource.id}: ${cfg.provisionedConcurrency} provisioned instance(s) all month; all invocations served by them.`);
  } else {
    out.push(read(resource, arm ? "lambdaDurationArm" : "lambdaDurationX86", gbSeconds));
  }
  // Only the storage above the included 512 MB is billed, per GB-s of duration.
  if (cfg.ephemeralStorageMb > 512) out.push(read(resource, "lambdaEphemeral", invocations * billedSeconds * ((cfg.ephemeralStorageMb - 512) / 1024)));
  const logBytes = usageNumber(record, "logBytesPerInvocation") ?? 0;
  if (logBytes > 0) {
    const gb = (invocations * logBytes) / (1024 * KB_PER_GB);
    out.push(read(resource, "logsIngest", gb));
    out.push(read(resource, "logsStorage", gb));
  }
  const dataOutKb = usageNumber(record, "dataOutKbPerInvocation") ?? 0;
  if (dataOutKb > 0) out.push(read(resource, "dataOut", (invocations * dataOutKb) / KB_PER_GB));
  return out;
};

const readApi = (meter: "restRequests" | "httpRequests"): Reader => (resource, traffic, record) => {
  const out: Reading[] = [];
  let units = traffic.inflow;
  if (meter === "httpRequests") {
    // HTTP APIs are metered in 512 KB increments (API Gateway pricing; whitepaper Table 4).
    const requestKb = usageNumber(record, "requestKb") ?? 0;
    units *= Math.max(1, Math.ceil(requestKb / 512));
  }
  out.push(read(resource, meter, units));
  const responseKb = usageNumber(record, "responseKb") ?? 0;
  if (responseKb > 0) out.push(read(resource, "dataOut", (traffic.inflow * responseKb) / KB_PER_GB));
  return out;
};

/** The hourly cache of a SAM Api or an API Gateway stage, when enabled (default size 0.5 GB). */
function cacheReadings(resource: Resource, ctx: ReadingContext): Reading[] {
  const p = resource.properties;
  if (p.CacheClusterEnabled !== true && p.CacheClusterEnabled !== "true") return [];
  const size = String(p.CacheClusterSize ?? "0.5");
  const meter = CACHE_METERS[size];
  if (!meter) {
    ctx.assumptions.push(`${resource.id}: cache size ${size} GB is not one AWS offers; the cache is not priced.`);
    return [];
  }
  // The cache is billed for every hour it exists, whatever the traffic (API Gateway pricing).
  ctx.assumptions.push(`${resource.id}: ${size} GB API cache provisioned all month.`);
  return [read(resource, meter, ctx.hoursPerMonth)];
}

const CACHE_METERS: Record<string, MeterId> = {
  "0.5": "restCache0_5",
  "1.6": "restCache1_6",
  "6.1": "restCache6_1",
  "13.5": "restCache13_5",
  "28.4": "restCache28_4",
  "58.2": "restCache58_2",
  "118": "restCache118",
  "237": "restCache237",
};

const readRestApi: Reader = (resource, traffic, record, ctx) => [...readApi("restRequests")(resource, traffic, record, ctx), ...cacheReadings(resource, ctx)];

const readStage: Reader = (resource, _traffic, _record, ctx) => cacheReadings(resource, ctx);

const readWebSocketApi: Reader = (resource, traffic, record) => {
  // Messages are metered in 32 KB increments: a 33 KB message counts as two (API Gateway pricing).
  const units = Math.max(1, Math.ceil((usageNumber(record, "messageKb") ?? 1) / 32));
  const out = [read(resource, "websocketMessages", traffic.inflow * units)];
  const minutes = usageNumber(record, "connectionMinutesPerMonth") ?? 0;
  if (minutes > 0) out.push(read(resource, "websocketMinutes", minutes));
  return out;
};

const readPipe: Reader = (resource, traffic, record) => [read(resource, "pipes", traffic.inflow * chunks64(record))];

const readUserPool: Reader = (resource, _traffic, record, ctx) => {
  const users = usageNumber(record, "monthlyActiveUsers") ?? 0;
  // The pool's feature plan sets the MAU price; new pools default to Essentials (Cognito
  // Developer Guide, "User pool feature plans").
  const tier = String(resource.properties.UserPoolTier ?? "ESSENTIALS").toUpperCase();
  const meter: MeterId = tier === "LITE" ? "cognitoLite" : tier === "PLUS" ? "cognitoPlus" : "cognitoEssentials";
  if (resource.properties.UserPoolTier === undefined && users > 0) ctx.assumptions.push(`${resource.id}: Essentials feature plan (the default for new user pools).`);
  if (users > 0) ctx.assumptions.push(`${resource.id}: ${formatCount(users)} monthly active users, held fixed in the cost-vs-traffic series.`);
  return [read(resource, meter, users)];
};

const readBucket: Reader = (resource, traffic, record) => {
  const out: Reading[] = [];
  const storageGb = usageNumber(record, "storageGb") ?? 0;
  const downloads = usageNumber(record, "downloadsPerMonth") ?? 0;
  out.push(read(resource, "s3Storage", storageGb));
  out.push(read(resource, "s3Put", traffic.inflow));
  out.push(read(resource, "s3Get", traffic.readCalls + downloads));
  const objectKb = usageNumber(record, "objectKb") ?? 0;
  if (downloads > 0 && objectKb > 0) out.push(read(resource, "dataOut", (downloads * objectKb) / KB_PER_GB));
  return out;
};

/** Capacity units of a provisioned table and its global secondary indexes (intrinsics → default 5). */
function provisionedCapacity(resource: Resource): { wcu: number; rcu: number } | null {
  const p = resource.properties;
  const provisioned = resource.type === "AWS::Serverless::SimpleTable" ? p.ProvisionedThroughput !== undefined : p.BillingMode === "PROVISIONED" || (p.BillingMode === undefined && p.ProvisionedThroughput !== undefined);
  if (!provisioned) return null;
  const units = (throughput: unknown) => {
    const t = (throughput ?? {}) as Record<string, unknown>;
    return { wcu: num(t.WriteCapacityUnits) ?? 5, rcu: num(t.ReadCapacityUnits) ?? 5 };
  };
  const total = units(p.ProvisionedThroughput);
  for (const index of Array.isArray(p.GlobalSecondaryIndexes) ? p.GlobalSecondaryIndexes : []) {
    const gsi = units((index as Record<string, unknown>)?.ProvisionedThroughput);
    total.wcu += gsi.wcu;
    total.rcu += gsi.rcu;
  }
  return total;
}

const readTable: Reader = (resource, traffic, record, ctx) => {
  const capacity = provisionedCapacity(resource);
  if (capacity) {
    // Provisioned mode bills capacity per hour whatever the traffic; auto scaling is not modelled.
    ctx.assumptions.push(`${resource.id}: provisioned ${capacity.wcu} WCU and ${capacity.rcu} RCU all month (auto scaling not modelled; throttling above capacity not shown).`);
    return [
      read(resource, "dynamoProvisionedWrite", capacity.wcu * ctx.hoursPerMonth),
      read(resource, "dynamoProvisionedRead", capacity.rcu * ctx.hoursPerMonth),
      read(resource, "dynamoStorage", usageNumber(record, "storageGb") ?? 0),
    ];
  }
  const itemKb = usageNumber(record, "itemKb") ?? 1;
  // 1 WRU per 1 KB written (rounded up), transactional x2; 1 RRU per 4 KB read strongly
  // consistent, half for eventually consistent, x2 transactional (DynamoDB pricing, key terms).
  const wruPerWrite = Math.ceil(itemKb) * (usageBoolean(record, "transactionalWrites") ? 2 : 1);
  const consistency = usageString(record, "readConsistency") ?? "eventual";
  const rruPerRead = Math.ceil(itemKb / 4) * (consistency === "strong" ? 1 : consistency === "transactional" ? 2 : 0.5);
  return [
    read(resource, "dynamoWrites", traffic.inflow * wruPerWrite),
    read(resource, "dynamoReads", traffic.reads * rruPerRead),
    read(resource, "dynamoStorage", usageNumber(record, "storageGb") ?? 0),
  ];
};

/** Payload billed in 64 KB chunks: a 256 KB payload is 4 requests (SQS, SNS, EventBridge pricing). */
function chunks64(record: Record<string, unknown> | undefined): number {
  return Math.max(1, Math.ceil((usageNumber(record, "payloadKb") ?? 1) / 64));
}

const readQueue: Reader = (resource, traffic, record, ctx) => {
  const fifo = resource.properties.FifoQueue === true || resource.properties.FifoQueue === "true";
  const sendBatch = Math.max(1, usageNumber(record, "sendBatchSize") ?? 1);
  const sends = (traffic.inflow / sendBatch) * chunks64(record);
  // Lambda's event source mapping receives in batches and deletes each batch with one call.
  let consume = traffic.consumerBatches * 2;
  if (traffic.consumers === 0 && traffic.inflow > 0) {
    consume = traffic.inflow * 2;
    ctx.assumptions.push(`${resource.id}: no consumer in the design; each message counted as one receive and one delete.`);
  }
  if (traffic.readCalls > 0) consume += traffic.readCalls;
  return [read(resource, fifo ? "sqsFifo" : "sqsStandard", sends + consume)];
};

const readTopic: Reader = (resource, traffic, record, ctx) => {
  const out: Reading[] = [read(resource, "snsPublish", traffic.inflow * chunks64(record))];
  let lambdaSqs = 0;
  for (const wire of ctx.outgoing.get(resource.id) ?? []) if (wire.kind === "trigger") lambdaSqs += traffic.inflow;
  if (lambdaSqs > 0) out.push(read(resource, "snsLambdaSqs", lambdaSqs));
  // Subscriptions written on the topic itself that are not wires (e-mail, HTTP endpoints).
  const subs = Array.isArray(resource.properties.Subscription) ? (resource.properties.Subscription as Record<string, unknown>[]) : [];
  for (const sub of subs) {
    const protocol = String(sub?.Protocol ?? "").toLowerCase();
    if (protocol === "http" || protocol === "https") out.push(read(resource, "snsHttp", traffic.inflow));
    else if (protocol === "email" || protocol === "email-json") out.push(read(resource, "snsEmail", traffic.inflow));
    else if (protocol === "application") out.push(read(resource, "snsPush", traffic.inflow));
  }
  return out;
};

const readBus: Reader = (resource, traffic, record) => [read(resource, "eventsCustom", traffic.inflow * chunks64(record))];

const readRule: Reader = (resource, traffic, record, ctx) => {
  // Events typed in at a rule count as custom events unless the pattern matches AWS service
  // events (source "aws.*"), which are free on the default bus (EventBridge pricing).
  if (traffic.entry <= 0) return [];
  const pattern = (resource.properties.EventPattern ?? resource.properties.Pattern) as Record<string, unknown> | undefined;
  const sources = Array.isArray(pattern?.source) ? (pattern!.source as unknown[]) : [];
  if (sources.length > 0 && sources.every((s) => typeof s === "string" && s.startsWith("aws."))) {
    ctx.assumptions.push(`${resource.id}: AWS service events on the default bus are free.`);
    return [];
  }
  return [read(resource, "eventsCustom", traffic.entry * chunks64(record))];
};

const readSchedule: Reader = (resource, traffic) => {
  // EventBridge Scheduler bills invocations (14M free); scheduled rules on the default bus are free.
  if (resource.type === "AWS::Scheduler::Schedule") return [read(resource, "scheduler", traffic.inflow)];
  return [];
};

const readStream: Reader = (resource, traffic, record, ctx) => {
  const p = resource.properties;
  const mode = (p.StreamModeDetails as Record<string, unknown> | undefined)?.StreamMode;
  const recordKb = usageNumber(record, "recordKb") ?? 1;
  if (mode === "ON_DEMAND") {
    // On-demand: each record rounded up to the next 1 KB (Kinesis Data Streams pricing).
    const gbIn = (traffic.inflow * Math.ceil(recordKb)) / KB_PER_GB;
    return [
      read(resource, "kinesisStreamHours", ctx.hoursPerMonth),
      read(resource, "kinesisDataIn", gbIn),
      read(resource, "kinesisDataOut", gbIn * Math.max(traffic.consumers, 0)),
    ];
  }
  const shards = num(p.ShardCount) ?? 1;
  // Provisioned: one PUT payload unit per 25 KB chunk of a record (Kinesis Data Streams pricing).
  return [read(resource, "kinesisShardHours", shards * ctx.hoursPerMonth), read(resource, "kinesisPutUnits", traffic.inflow * Math.ceil(recordKb / 25))];
};

function countStates(definition: unknown): number | undefined {
  if (!definition || typeof definition !== "object") return undefined;
  const states = (definition as Record<string, unknown>).States;
  if (!states || typeof states !== "object") return undefined;
  let count = 0;
  for (const state of Object.values(states as Record<string, unknown>)) {
    count += 1;
    const branches = (state as Record<string, unknown>)?.Branches;
    if (Array.isArray(branches)) for (const branch of branches) count += countStates(branch) ?? 0;
    const iterator = (state as Record<string, unknown>)?.Iterator ?? (state as Record<string, unknown>)?.ItemProcessor;
    if (iterator) count += countStates(iterator) ?? 0;
  }
  return count;
}

const readStateMachine: Reader = (resource, traffic, record, ctx) => {
  const p = resource.properties;
  const type = String(p.Type ?? p.StateMachineType ?? "STANDARD").toUpperCase();
  if (type === "EXPRESS") {
    const durationMs = usageNumber(record, "durationMs") ?? 1000;
    const memoryMb = usageNumber(record, "memoryMb") ?? 64;
    // Express: duration rounded up to 100 ms, memory billed in 64 MB chunks (Step Functions pricing).
    const gbHours = (traffic.inflow * (Math.ceil(durationMs / 100) * 100) / 1000 * (Math.ceil(memoryMb / 64) * 64) / 1024) / 3600;
    if (usageNumber(record, "durationMs") === undefined && traffic.inflow > 0) ctx.assumptions.push(`${resource.id}: Express executions last 1,000 ms using 64 MB (defaults).`);
    return [read(resource, "sfnExpressRequests", traffic.inflow), read(resource, "sfnExpressDuration", gbHours)];
  }
  const counted = countStates(p.Definition);
  const transitions = usageNumber(record, "transitionsPerExecution") ?? counted ?? 5;
  if (usageNumber(record, "transitionsPerExecution") === undefined && traffic.inflow > 0) {
    ctx.assumptions.push(`${resource.id}: ${transitions} state transitions per execution (${counted !== undefined ? "one per state in the definition" : "default"}).`);
  }
  return [read(resource, "sfnTransitions", traffic.inflow * transitions)];
};

export const READERS: Record<string, Reader> = {
  function: readFunction,
  "http-api": readApi("httpRequests"),
  "rest-api": readRestApi,
  "api-stage": readStage,
  "websocket-api": readWebSocketApi,
  pipe: readPipe,
  "user-pool": readUserPool,
  bucket: readBucket,
  table: readTable,
  queue: readQueue,
  topic: readTopic,
  "event-bus": readBus,
  "event-rule": readRule,
  schedule: readSchedule,
  stream: readStream,
  "state-machine": readStateMachine,
};

export function describeTraffic(kind: string, traffic: ResourceTraffic, record?: Record<string, unknown>): { quantity: number; unit: string } {
  if (kind === "user-pool") return { quantity: usageNumber(record, "monthlyActiveUsers") ?? 0, unit: "monthly active users" };
  if (kind === "api-stage") return { quantity: 1, unit: "stage" };
  // A table only read from says how many reads reach it rather than "0 writes".
  if (kind === "table" && traffic.inflow === 0 && traffic.reads > 0) return { quantity: traffic.reads, unit: "reads" };
  const unit: Record<string, string> = {
    function: "invocations",
    "http-api": "requests",
    "rest-api": "requests",
    bucket: "uploads",
    table: "writes",
    queue: "messages",
    topic: "publishes",
    "event-bus": "events",
    "event-rule": "events",
    schedule: "firings",
    stream: "records",
    "state-machine": "executions",
    "websocket-api": "messages",
    pipe: "events",
  };
  return { quantity: kind === "function" ? traffic.effective : traffic.inflow, unit: unit[kind] ?? "units" };
}

export { formatCount };
