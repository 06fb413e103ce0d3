/**
 * Prices a worked pricing example (the shape of `../shared/reference/pricing-examples.json`
 * cases) with the same meters and tiers the design estimate uses, so that AWS's and third
 * parties' worked examples check the engine's arithmetic to the cent.
 *
 * Inputs are read by name per service; unknown names are ignored and reported in `unused`.
 */
import { chargeMeters, METERS, roundCents, type FreeTierChoice, type MeterDef, type MeterId } from "./meters";
import type { PriceTable } from "./prices";

export interface WorkedExample {
  id: string;
  service: string;
  region?: string;
  inputs: Record<string, unknown>;
  free_tier_applied?: boolean;
  expected_monthly_usd: number;
  tolerance_usd?: number;
  /**
   * Unit prices the example's own page states, when they differ from today's table (a price
   * vintage): meter id → USD per the meter's `per` units, applied to every tier. E.g. the legacy
   * Lambda page multiplies by the rounded $0.00001667 per GB-s, not $0.0000166667.
   */
  page_prices?: Partial<Record<MeterId, number>>;
}

/** A copy of the table where the given meters charge the example page's own unit price. */
function withPagePrices(prices: PriceTable, pagePrices: Partial<Record<MeterId, number>> | undefined): PriceTable {
  if (!pagePrices) return prices;
  const copy = structuredClone(prices);
  for (const [meter, usd] of Object.entries(pagePrices) as [MeterId, number][]) {
    const def: MeterDef = METERS[meter];
    const price = def.price(copy);
    for (const tier of price.tiers) tier.usd = usd;
  }
  return copy;
}

export interface WorkedResult {
  usd: number;
  unrounded: number;
  byMeter: Partial<Record<MeterId, number>>;
  quantities: Partial<Record<MeterId, number>>;
  unused: string[];
}

const KB_PER_GB = 1024 * 1024;

export function priceWorkedExample(example: WorkedExample, table: PriceTable): WorkedResult {
  const prices = withPagePrices(table, example.page_prices);
  const inputs = example.inputs;
  const used = new Set<string>();
  const n = (...keys: string[]): number | undefined => {
    for (const key of keys) {
      const v = inputs[key];
      if (typeof v === "number" && Number.isFinite(v)) {
        used.add(key);
        return v;
      }
    }
    return undefined;
  };
  const s = (...keys: string[]): string | undefined => {
    for (const key of keys) {
      const v = inputs[key];
      if (typeof v === "string") {
        used.add(key);
        return v;
      }
    }
    return undefined;
  };
  const totals = new Map<MeterId, number>();
  const add = (meter: MeterId, quantity: number) => totals.set(meter, (totals.get(meter) ?? 0) + quantity);
  const hours = n("hours_in_month", "hours_per_month") ?? 730;

  switch (normaliseService(example.service)) {
    case "lambda": {
      const requests = n("requests_per_month", "invocations_per_month") ?? 0;
      const durationMs = n("avg_duration_ms", "duration_ms") ?? 0;
      const memoryMb = n("memory_mb") ?? 128;
      const arm = (s("architecture") ?? "x86_64").startsWith("arm");
      const seconds = Math.ceil(durationMs) / 1000;
      const gbS = n("compute_gb_s") ?? requests * seconds * (memoryMb / 1024);
      add("lambdaRequests", requests);
      const pc = n("provisioned_concurrency");
      if (pc && pc > 0) {
        const pcHours = n("provisioned_hours") ?? hours;
        add(arm ? "lambdaProvisionedArm" : "lambdaProvisionedX86", pc * (memoryMb / 1024) * pcHours * 3600);
        add(arm ? "lambdaProvisionedDurationArm" : "lambdaProvisionedDurationX86", gbS);
      } else {
        add(arm ? "lambdaDurationArm" : "lambdaDurationX86", gbS);
      }
      const eph = n("ephemeral_storage_mb") ?? 512;
      if (eph > 512) add("lambdaEphemeral", requests * seconds * ((eph - 512) / 1024));
      break;
    }
    case "api_gateway": {
      const type = (s("api_type") ?? "rest").toLowerCase();
      const requests = n("requests_per_month") ?? 0;
      const cacheGb = n("cache_size_gb");
      if (cacheGb !== undefined) {
        const meter = `restCache${String(cacheGb).replace(".", "_")}` as MeterId;
        if (!(meter in METERS)) throw new Error(`worked example ${example.id}: no ${cacheGb} GB cache size`);
        add(meter, n("cache_hours") ?? hours);
      }
      if (type === "websocket") {
        // WebSocket messages are metered in 32 KB increments.
        const kb = n("message_kb") ?? 1;
        add("websocketMessages", (n("messages_per_month") ?? 0) * Math.max(1, Math.ceil(kb / 32)));
        const minutes = n("connection_minutes_per_month");
        if (minutes) add("websocketMinutes", minutes);
      } else if (type === "http") {
        const kb = n("avg_request_kb", "request_kb", "payload_kb") ?? 0;
        add("httpRequests", requests * Math.max(1, Math.ceil(kb / 512)));
      } else {
        add("restRequests", requests);
      }
      const responseKb = n("avg_response_kb", "response_kb");
      if (responseKb) add("dataOut", (requests * responseKb) / KB_PER_GB);
      break;
    }
    case "s3": {
      const segments = Array.isArray(inputs.storage_segments) ? (inputs.storage_segments as { bytes: number; days: number }[]) : null;
      if (segments) {
        used.add("storage_segments");
        // Byte-hours summed over the month, GB = 2^30 bytes, divided by that month's hours (S3 FAQ).
        const byteHours = segments.reduce((sum, seg) => sum + seg.bytes * seg.days * 24, 0);
        add("s3Storage", byteHours / 2 ** 30 / hours);
        used.add("storage_gb_month");
      } else {
        add("s3Storage", n("storage_gb_month", "storage_gb") ?? 0);
      }
      s("storage_class");
      add("s3Put", n("put_requests", "put_requests_per_month") ?? 0);
      add("s3Get", n("get_requests", "get_requests_per_month") ?? 0);
      const out = n("data_out_gb", "dto_gb");
      if (out) add("dataOut", out);
      break;
    }
    case "dynamodb": {
      const mode = (s("capacity_mode") ?? "on_demand").toLowerCase();
      s("table_class");
      if (mode === "provisioned") {
        add("dynamoProvisionedWrite", (n("write_capacity_units", "wcu") ?? 0) * hours);
        add("dynamoProvisionedRead", (n("read_capacity_units", "rcu") ?? 0) * hours);
        add("dynamoStorage", n("storage_gb") ?? 0);
        break;
      }
      const itemKb = n("item_kb", "item_size_kb");
      const writes = n("write_request_units") ?? (n("writes_per_month") ?? 0) * Math.ceil(itemKb ?? 1);
      const reads = n("read_request_units") ?? (n("reads_per_month") ?? 0) * Math.ceil((itemKb ?? 1) / 4) * ((s("read_consistency") ?? "strong") === "eventual" ? 0.5 : 1);
      add("dynamoWrites", writes);
      add("dynamoReads", reads);
      add("dynamoStorage", n("storage_gb") ?? 0);
      break;
    }
    case "sqs": {
      const fifo = (s("queue_type") ?? "standard").toLowerCase() === "fifo";
      const chunks = Math.max(1, Math.ceil((n("payload_kb") ?? 1) / 64));
      const requests = n("api_requests_per_month", "requests_per_month") ?? 0;
      add(fifo ? "sqsFifo" : "sqsStandard", requests * chunks);
      break;
    }
    case "sns": {
      const chunks = Math.max(1, Math.ceil((n("payload_kb") ?? 1) / 64));
      add("snsPublish", (n("publishes_per_month", "requests_per_month") ?? 0) * chunks);
      const http = n("http_deliveries", "http_deliveries_per_month");
      if (http) add("snsHttp", http);
      const email = n("email_deliveries", "email_deliveries_per_month");
      if (email) add("snsEmail", email);
      const push = n("mobile_push_deliveries");
      if (push) add("snsPush", push);
      break;
    }
    case "eventbridge": {
      const chunks = Math.max(1, Math.ceil((n("payload_kb", "event_kb") ?? 1) / 64));
      add("eventsCustom", (n("custom_events_per_month", "events_per_month") ?? 0) * chunks);
      const scheduler = n("scheduler_invocations_per_month");
      if (scheduler) add("scheduler", scheduler);
      const pipes = n("pipe_events_per_month");
      if (pipes) add("pipes", pipes * chunks);
      break;
    }
    case "cognito": {
      const tier = (s("feature_plan", "tier") ?? "essentials").toLowerCase();
      const users = n("monthly_active_users") ?? 0;
      add(tier === "lite" ? "cognitoLite" : tier === "plus" ? "cognitoPlus" : "cognitoEssentials", users);
      break;
    }
    case "step_functions": {
      const type = (s("workflow_type", "type") ?? "standard").toLowerCase();
      if (type === "express") {
        const executions = n("executions_per_month", "requests_per_month") ?? 0;
        const durationMs = n("avg_duration_ms", "duration_ms") ?? 0;
        const memoryMb = n("memory_mb", "billed_memory_mb") ?? 64;
        add("sfnExpressRequests", executions);
        add("sfnExpressDuration", (executions * (Math.ceil(durationMs / 100) * 100) / 1000 * (Math.ceil(memoryMb / 64) * 64) / 1024) / 3600);
      } else {
        const transitions = n("state_transitions_per_month") ?? (n("executions_per_month") ?? 0) * (n("transitions_per_execution") ?? 0);
        add("sfnTransitions", transitions);
      }
      break;
    }
    case "kinesis": {
      const mode = (s("capacity_mode", "mode") ?? "on_demand").toLowerCase().replace("-", "_");
      const records = n("records_per_month") ?? (n("records_per_second") ?? 0) * hours * 3600;
      const recordKb = n("record_kb", "avg_record_kb") ?? 1;
      if (mode === "provisioned") {
        add("kinesisShardHours", (n("shards", "shard_count") ?? 1) * hours);
        add("kinesisPutUnits", records * Math.ceil(recordKb / 25));
      } else {
        const gbIn = n("data_in_gb") ?? (records * Math.ceil(recordKb)) / KB_PER_GB;
        add("kinesisStreamHours", (n("streams") ?? 1) * hours);
        add("kinesisDataIn", gbIn);
        // Retrieval is only counted when the example says how much is read (or by how many consumers).
        const consumers = n("consumers");
        const out = n("data_out_gb") ?? (consumers !== undefined ? gbIn * consumers : 0);
        if (out > 0) add("kinesisDataOut", out);
      }
      break;
    }
    case "cloudwatch_logs": {
      const gb = n("ingested_gb", "log_gb_per_month") ?? 0;
      add("logsIngest", gb);
      add("logsStorage", n("stored_gb", "storage_gb") ?? 0);
      break;
    }
    case "data_transfer": {
      add("dataOut", n("gb_out", "data_out_gb") ?? 0);
      break;
    }
    default:
      throw new Error(`worked example ${example.id}: unknown service ${example.service}`);
  }

  // "Free tier applied" in an example means every allowance that example's account has, 12-month included.
  const free: FreeTierChoice = { alwaysFree: example.free_tier_applied === true, twelveMonth: example.free_tier_applied === true };
  const charges = chargeMeters(totals, prices, free, hours);
  const byMeter: Partial<Record<MeterId, number>> = {};
  let sum = 0;
  for (const c of charges.values()) {
    byMeter[c.meter] = c.usd;
    sum += c.usd;
  }
  return {
    usd: roundCents(sum),
    unrounded: sum,
    byMeter,
    quantities: Object.fromEntries(totals) as Partial<Record<MeterId, number>>,
    unused: Object.keys(inputs).filter((k) => !used.has(k)),
  };
}

function normaliseService(service: string): string {
  const s = service.toLowerCase().replace(/[\s-]/g, "_");
  if (s.includes("lambda")) return "lambda";
  if (s.includes("api")) return "api_gateway";
  if (s === "s3" || s.includes("s3")) return "s3";
  if (s.includes("dynamo")) return "dynamodb";
  if (s.includes("sqs")) return "sqs";
  if (s.includes("sns")) return "sns";
  if (s.includes("eventbridge") || s.includes("events")) return "eventbridge";
  if (s.includes("step") || s.includes("sfn")) return "step_functions";
  if (s.includes("kinesis")) return "kinesis";
  if (s.includes("log") || s.includes("cloudwatch")) return "cloudwatch_logs";
  if (s.includes("transfer")) return "data_transfer";
  if (s.includes("cognito")) return "cognito";
  return s;
}
