/**
 * Usage assumptions: the `usage` section of `flowform.json` (also accepted on its own by
 * `flowform cost --usage usage.json`).
 *
 * ```json
 * {
 *   "region": "us-east-1",          // price table to use
 *   "freeTier": true,               // deduct always-free allowances (Lambda, SQS, SNS, DynamoDB storage, …)
 *   "twelveMonthFreeTier": false,   // also deduct 12-month allowances (API Gateway, S3) — new accounts only
 *   "hoursPerMonth": 730,           // month length for hourly charges and schedules
 *   "resources": { "<LogicalId>": { …keys below… } },
 *   "connections": { "<connection id>": { …keys below… } }
 * }
 * ```
 *
 * Resource keys (all per month unless said otherwise; every key is optional):
 * - Entry points — where traffic enters: `requestsPerMonth` (HTTP/REST API), `uploadsPerMonth`
 *   (bucket), `messagesPerMonth` (queue, topic), `eventsPerMonth` (event bus, event rule),
 *   `recordsPerMonth` (stream), `executionsPerMonth` (state machine), `invocationsPerMonth`
 *   (function called directly, e.g. by the SDK). A schedule's firings come from its expression.
 * - Function: `durationMs` (average billed duration, default 100), `memoryMb` and `architecture`
 *   ("x86_64" | "arm64") override the template, `ephemeralStorageMb`, `provisionedConcurrency`,
 *   `failureRate` (0–1, default 0), `retries` (default 2 when every trigger is asynchronous — S3,
 *   SNS, EventBridge, schedules — as Lambda retries async events twice; else 0),
 *   `logBytesPerInvocation` (default 0), `dataOutKbPerInvocation` (to the internet, default 0).
 * - HTTP/REST API: `requestKb` (HTTP APIs are metered per 512 KB), `responseKb` (data transfer out).
 *   A REST API's cache is read from the template (CacheClusterEnabled / CacheClusterSize on the
 *   SAM Api or the AWS::ApiGateway::Stage) and billed every hour of the month.
 * - WebSocket API (AWS::ApiGatewayV2::Api, ProtocolType WEBSOCKET): `messagesPerMonth` (entry
 *   point), `messageKb` (metered in 32 KB units, default 1), `connectionMinutesPerMonth`.
 * - Cognito user pool: `monthlyActiveUsers`; the feature plan is the template's UserPoolTier
 *   (default ESSENTIALS, the default for new pools).
 * - EventBridge pipe: `eventsPerMonth` (entry point, after filtering), `payloadKb` (64 KB chunks).
 * - Bucket: `storageGb`, `downloadsPerMonth` (GETs from outside the design), `objectKb` (for
 *   data transfer out of downloads).
 * - Table: `itemKb` (default 1), `readConsistency` ("eventual" | "strong" | "transactional",
 *   default eventual), `transactionalWrites` (boolean), `storageGb`, `readsPerMonth`,
 *   `writesPerMonth` (from outside the design).
 * - Queue, topic, event bus: `payloadKb` (billed in 64 KB chunks, default 1); queue
 *   `sendBatchSize` (messages per SendMessageBatch call, default 1).
 * - Stream: `recordKb` (default 1).
 * - State machine: `transitionsPerExecution` (Standard; default = number of states in the
 *   definition, else 5), `durationMs` and `memoryMb` (Express; defaults 1,000 ms and 64 MB).
 *
 * Connection (wire) keys:
 * - Trigger wires: `share` (fraction of the source's traffic taking this wire: an API's routes
 *   split its requests equally by default; SNS subscribers and rule targets get everything, 1),
 *   `averageBatchSize` (queue/stream → function; default the wire's batch size, i.e. full batches).
 * - Access wires: `callsPerInvocation` (default 1); for tables `readsPerInvocation` and
 *   `writesPerInvocation` (default from the access level: read → 1 read, write → 1 write,
 *   read-write → 1 of each).
 * - Destination wires carry the invocations that still fail after retries.
 */

export interface UsageInput {
  region?: string;
  freeTier?: boolean;
  twelveMonthFreeTier?: boolean;
  hoursPerMonth?: number;
  resources?: Record<string, Record<string, unknown>>;
  connections?: Record<string, Record<string, unknown>>;
}

/** The entry-point key for a kind: where a person types the traffic that enters there. */
export const ENTRY_KEYS: Record<string, string> = {
  "http-api": "requestsPerMonth",
  "rest-api": "requestsPerMonth",
  bucket: "uploadsPerMonth",
  queue: "messagesPerMonth",
  topic: "messagesPerMonth",
  "event-bus": "eventsPerMonth",
  "event-rule": "eventsPerMonth",
  stream: "recordsPerMonth",
  "state-machine": "executionsPerMonth",
  function: "invocationsPerMonth",
  "websocket-api": "messagesPerMonth",
  pipe: "eventsPerMonth",
};

/** Kinds the traffic-vs-cost series scales (schedules are fixed by their expression). */
export const SCALED_ENTRY_KINDS = new Set(["http-api", "rest-api", "websocket-api", "bucket", "queue", "topic", "event-bus", "event-rule", "stream", "state-machine", "pipe"]);

/** A finite, non-negative number from a usage record, or undefined. */
export function usageNumber(record: Record<string, unknown> | undefined, key: string): number | undefined {
  const value = record?.[key];
  if (typeof value === "number" && Number.isFinite(value) && value >= 0) return value;
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value)) && Number(value) >= 0) return Number(value);
  return undefined;
}

export function usageString(record: Record<string, unknown> | undefined, key: string): string | undefined {
  const value = record?.[key];
  return typeof value === "string" && value !== "" ? value : undefined;
}

export function usageBoolean(record: Record<string, unknown> | undefined, key: string): boolean | undefined {
  const value = record?.[key];
  return typeof value === "boolean" ? value : undefined;
}
