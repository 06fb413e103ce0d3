/**
 * Meters: the billable dimensions AWS charges, each tied to a price and (where there is one)
 * a free allowance. Resources produce meter readings; readings of one meter are summed across
 * the whole design before tiers and free allowances apply, because AWS tiers and free tiers are
 * account-wide (Lambda tiers: "per architecture, per region, per account" — AWS What's New,
 * Aug 2022), and the charge is then shared back to resources in proportion to their use.
 */
import { chargeFor, seenFor, type CacheSize, type FreeAllowance, type Price, type PriceTable, type Seen } from "./prices";

export type Service =
  | "Lambda"
  | "API Gateway"
  | "S3"
  | "DynamoDB"
  | "SQS"
  | "SNS"
  | "EventBridge"
  | "Step Functions"
  | "Kinesis"
  | "CloudWatch Logs"
  | "Data transfer"
  | "Cognito"
  | "EC2";

export interface MeterDef {
  service: Service;
  /** The pricing dimension, in words. */
  dimension: string;
  price(p: PriceTable): Price;
  free?(p: PriceTable): FreeAllowance;
  /** The allowance is capacity held all month: multiply it by the hours in the month. */
  freePerHour?: boolean;
  /** Meters sharing one allowance (e.g. Lambda GB-s for x86 and arm64) name the same group. */
  freeGroup?: string;
}

/** A REST API cache of one size, billed per hour it is provisioned (API Gateway pricing). */
function restCacheMeter(size: CacheSize): MeterDef {
  return { service: "API Gateway", dimension: `REST API cache, ${size} GB (hours)`, price: (p) => p.apiGateway.restCache[size] };
}

export const METERS = {
  lambdaRequests: { service: "Lambda", dimension: "Requests", price: (p) => p.lambda.requests, free: (p) => p.lambda.freeRequests },
  lambdaDurationX86: { service: "Lambda", dimension: "Duration (x86_64)", price: (p) => p.lambda.durationX86, free: (p) => p.lambda.freeComputeGbS, freeGroup: "lambda-compute" },
  lambdaDurationArm: { service: "Lambda", dimension: "Duration (arm64)", price: (p) => p.lambda.durationArm, free: (p) => p.lambda.freeComputeGbS, freeGroup: "lambda-compute" },
  lambdaEphemeral: { service: "Lambda", dimension: "Ephemeral storage above 512 MB", price: (p) => p.lambda.ephemeralStorage },
  lambdaProvisionedX86: { service: "Lambda", dimension: "Provisioned concurrency (x86_64)", price: (p) => p.lambda.provisionedConcurrencyX86 },
  lambdaProvisionedArm: { service: "Lambda", dimension: "Provisioned concurrency (arm64)", price: (p) => p.lambda.provisionedConcurrencyArm },
  lambdaProvisionedDurationX86: { service: "Lambda", dimension: "Duration on provisioned concurrency (x86_64)", price: (p) => p.lambda.provisionedDurationX86 },
  lambdaProvisionedDurationArm: { service: "Lambda", dimension: "Duration on provisioned concurrency (arm64)", price: (p) => p.lambda.provisionedDurationArm },
  restRequests: { service: "API Gateway", dimension: "REST API requests", price: (p) => p.apiGateway.rest, free: (p) => p.apiGateway.freeRest },
  httpRequests: { service: "API Gateway", dimension: "HTTP API requests (512 KB units)", price: (p) => p.apiGateway.http, free: (p) => p.apiGateway.freeHttp },
  websocketMessages: { service: "API Gateway", dimension: "WebSocket messages (32 KB units)", price: (p) => p.apiGateway.websocketMessages, free: (p) => p.apiGateway.freeWebsocketMessages },
  websocketMinutes: { service: "API Gateway", dimension: "WebSocket connection minutes", price: (p) => p.apiGateway.websocketConnectionMinutes, free: (p) => p.apiGateway.freeWebsocketMinutes },
  restCache0_5: restCacheMeter("0.5"),
  restCache1_6: restCacheMeter("1.6"),
  restCache6_1: restCacheMeter("6.1"),
  restCache13_5: restCacheMeter("13.5"),
  restCache28_4: restCacheMeter("28.4"),
  restCache58_2: restCacheMeter("58.2"),
  restCache118: restCacheMeter("118"),
  restCache237: restCacheMeter("237"),
  s3Storage: { service: "S3", dimension: "Standard storage", price: (p) => p.s3.storageStandard, free: (p) => p.s3.freeStorage },
  s3Put: { service: "S3", dimension: "PUT/COPY/POST/LIST requests", price: (p) => p.s3.put, free: (p) => p.s3.freePut },
  s3Get: { service: "S3", dimension: "GET/SELECT requests", price: (p) => p.s3.get, free: (p) => p.s3.freeGet },
  dynamoWrites: { service: "DynamoDB", dimension: "On-demand write request units", price: (p) => p.dynamodb.writeRequest },
  dynamoReads: { service: "DynamoDB", dimension: "On-demand read request units", price: (p) => p.dynamodb.readRequest },
  dynamoProvisionedWrite: { service: "DynamoDB", dimension: "Provisioned write capacity (WCU-hours)", price: (p) => p.dynamodb.provisionedWrite, free: (p) => p.dynamodb.freeProvisionedWrite, freePerHour: true },
  dynamoProvisionedRead: { service: "DynamoDB", dimension: "Provisioned read capacity (RCU-hours)", price: (p) => p.dynamodb.provisionedRead, free: (p) => p.dynamodb.freeProvisionedRead, freePerHour: true },
  dynamoStorage: { service: "DynamoDB", dimension: "Storage", price: (p) => p.dynamodb.storage, free: (p) => p.dynamodb.freeStorage },
  sqsStandard: { service: "SQS", dimension: "Standard queue requests (64 KB chunks)", price: (p) => p.sqs.standard, free: (p) => p.sqs.freeRequests, freeGroup: "sqs" },
  sqsFifo: { service: "SQS", dimension: "FIFO queue requests (64 KB chunks)", price: (p) => p.sqs.fifo, free: (p) => p.sqs.freeRequests, freeGroup: "sqs" },
  snsPublish: { service: "SNS", dimension: "Publishes (64 KB chunks)", price: (p) => p.sns.publish, free: (p) => p.sns.freePublish },
  snsHttp: { service: "SNS", dimension: "HTTP/S deliveries", price: (p) => p.sns.deliveryHttp, free: (p) => p.sns.freeHttp },
  snsEmail: { service: "SNS", dimension: "Email deliveries", price: (p) => p.sns.deliveryEmail, free: (p) => p.sns.freeEmail },
  snsPush: { service: "SNS", dimension: "Mobile push deliveries", price: (p) => p.sns.deliveryMobilePush },
  snsLambdaSqs: { service: "SNS", dimension: "Deliveries to Lambda/SQS", price: (p) => p.sns.deliveryLambdaSqs },
  eventsCustom: { service: "EventBridge", dimension: "Custom events (64 KB chunks)", price: (p) => p.eventbridge.customEvents },
  scheduler: { service: "EventBridge", dimension: "Scheduler invocations", price: (p) => p.eventbridge.scheduler, free: (p) => p.eventbridge.freeScheduler },
  pipes: { service: "EventBridge", dimension: "Pipes requests (64 KB chunks)", price: (p) => p.eventbridge.pipes },
  sfnTransitions: { service: "Step Functions", dimension: "Standard state transitions", price: (p) => p.stepFunctions.standardTransitions, free: (p) => p.stepFunctions.freeTransitions },
  sfnExpressRequests: { service: "Step Functions", dimension: "Express requests", price: (p) => p.stepFunctions.expressRequests },
  sfnExpressDuration: { service: "Step Functions", dimension: "Express duration (GB-hours)", price: (p) => p.stepFunctions.expressDuration },
  kinesisStreamHours: { service: "Kinesis", dimension: "On-demand stream hours", price: (p) => p.kinesis.onDemandStreamHour },
  kinesisDataIn: { service: "Kinesis", dimension: "On-demand data in (GB)", price: (p) => p.kinesis.onDemandDataIn },
  kinesisDataOut: { service: "Kinesis", dimension: "On-demand data out (GB)", price: (p) => p.kinesis.onDemandDataOut },
  kinesisShardHours: { service: "Kinesis", dimension: "Provisioned shard hours", price: (p) => p.kinesis.shardHour },
  kinesisPutUnits: { service: "Kinesis", dimension: "Provisioned PUT payload units", price: (p) => p.kinesis.putPayloadUnits },
  logsIngest: { service: "CloudWatch Logs", dimension: "Log ingestion (GB)", price: (p) => p.logs.ingest, free: (p) => p.logs.freeIngest },
  logsStorage: { service: "CloudWatch Logs", dimension: "Log storage (GB-month)", price: (p) => p.logs.storage },
  dataOut: { service: "Data transfer", dimension: "Data out to the internet (GB)", price: (p) => p.dataTransfer.internetOut, free: (p) => p.dataTransfer.freeOut },
  cognitoLite: { service: "Cognito", dimension: "User pool MAUs (Lite)", price: (p) => p.cognito.lite, free: (p) => p.cognito.freeLite },
  cognitoEssentials: { service: "Cognito", dimension: "User pool MAUs (Essentials)", price: (p) => p.cognito.essentials, free: (p) => p.cognito.freeEssentials },
  cognitoPlus: { service: "Cognito", dimension: "User pool MAUs (Plus)", price: (p) => p.cognito.plus },
  alwaysOn: { service: "EC2", dimension: "Always-on instance hours", price: (p) => p.alwaysOn.hourly },
} satisfies Record<string, MeterDef>;

export type MeterId = keyof typeof METERS;

/** One resource's use of one meter. */
export interface Reading {
  resource: string;
  meter: MeterId;
  quantity: number;
}

export interface FreeTierChoice {
  /** Deduct always-free allowances. */
  alwaysFree: boolean;
  /** Deduct 12-month allowances (new accounts only). */
  twelveMonth: boolean;
}

export interface MeterCharge {
  meter: MeterId;
  quantity: number;
  freeApplied: number;
  usd: number;
  /** The weakest check among the price tiers this quantity reaches. */
  seen: Seen;
}

function allowanceFor(def: MeterDef, prices: PriceTable, free: FreeTierChoice, hoursPerMonth: number): number {
  const allowance = def.free?.(prices);
  if (!allowance) return 0;
  const amount = def.freePerHour ? allowance.amount * hoursPerMonth : allowance.amount;
  if (allowance.kind === "always-free" && free.alwaysFree) return amount;
  if (allowance.kind === "12-month" && free.twelveMonth) return amount;
  return 0;
}

/**
 * Charge every meter for its summed quantity. Allowances shared by a group are consumed in
 * meter order (the first meter of the group uses the allowance first).
 */
export function chargeMeters(totals: Map<MeterId, number>, prices: PriceTable, free: FreeTierChoice, hoursPerMonth = 730): Map<MeterId, MeterCharge> {
  const groupLeft = new Map<string, number>();
  const charges = new Map<MeterId, MeterCharge>();
  for (const id of Object.keys(METERS) as MeterId[]) {
    const quantity = totals.get(id);
    if (quantity === undefined) continue;
    const def: MeterDef = METERS[id];
    let allowance = allowanceFor(def, prices, free, hoursPerMonth);
    if (def.freeGroup) {
      if (!groupLeft.has(def.freeGroup)) groupLeft.set(def.freeGroup, allowance);
      allowance = groupLeft.get(def.freeGroup)!;
    }
    const freeApplied = Math.min(quantity, allowance);
    if (def.freeGroup) groupLeft.set(def.freeGroup, allowance - freeApplied);
    const price = def.price(prices);
    charges.set(id, { meter: id, quantity, freeApplied, usd: chargeFor(price, quantity, freeApplied), seen: seenFor(price, quantity) });
  }
  return charges;
}

/** The price of a meter in words: "$0.20 per 1M request" (first tier; "from" when tiered). */
export function priceInWords(def: MeterDef, prices: PriceTable): { text: string; seen: Seen; source: string; read: string } {
  const price = def.price(prices);
  const per = price.per === 1 ? "" : price.per >= 1e6 ? `${price.per / 1e6}M ` : `${price.per.toLocaleString("en-US")} `;
  const usd = price.tiers[0].usd;
  const amount = `$${formatUsd(usd)}`;
  const from = price.tiers.length > 1 ? "from " : "";
  return { text: `${from}${amount} per ${per}${price.unit}`, seen: price.seen, source: prices.sources[price.source]?.url ?? price.source, read: price.read };
}

/** A price without float noise: 0 → "0", 0.2 → "0.20", 0.625 → "0.625", 0.0000166667 as is. */
export function formatUsd(usd: number): string {
  if (usd === 0) return "0";
  if (usd >= 0.01) {
    const text = String(Number(usd.toPrecision(8)));
    const decimals = text.split(".")[1]?.length ?? 0;
    return decimals < 2 ? usd.toFixed(2) : text;
  }
  return usd.toFixed(Math.min(20, 6 - Math.floor(Math.log10(usd)))).replace(/0+$/, "");
}

/** Round to cents only at the end, robust to binary fractions (0.475 → 0.48). */
export function roundCents(usd: number): number {
  return Math.round(Number((usd * 100).toFixed(6))) / 100;
}
