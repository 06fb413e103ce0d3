/**
 * The shape of a regional price table (`resources/pricing/<region>.json`).
 *
 * Core never reads files: the renderer imports the JSON through Vite and the CLI reads it from
 * disk, then both pass the table in. Every figure carries the page it came from, the date it was
 * read and how it was seen, so the cost panel can show where a number comes from.
 */

/**
 * How a figure was checked: `store` = read in a stored copy of the AWS page; `3p` = read only in
 * a third-party page; `recall` = remembered, not seen in any source (verify before relying on
 * it); `derived` = computed from other figures.
 */
export type Seen = "store" | "3p" | "recall" | "derived";

export interface Cited {
  /** Key into `PriceTable.sources`. */
  source: string;
  /** Date the figure was read (YYYY-MM-DD). */
  read: string;
  seen: Seen;
  note?: string;
}

/**
 * One step of a graduated price: applies to usage up to `upTo` (cumulative units), or beyond the
 * last bound when null. `seen` is set when this tier was checked differently from the price's
 * first tier (e.g. tier 1 read in a source, the top tier only recalled).
 */
export interface PriceTier {
  upTo: number | null;
  usd: number;
  seen?: Seen;
}

/** A price in USD per `per` units (e.g. 0.20 per 1,000,000 requests). A flat price has one tier. */
export interface Price extends Cited {
  unit: string;
  per: number;
  tiers: PriceTier[];
}

export type FreeTierKind = "always-free" | "12-month";

/** A monthly free allowance, deducted account-wide from the first tier. */
export interface FreeAllowance extends Cited {
  amount: number;
  unit: string;
  kind: FreeTierKind;
}

export interface PriceSource {
  url: string;
  title: string;
}

export interface PriceTable {
  schemaVersion: 1;
  region: string;
  regionName: string;
  currency: "USD";
  /** Date the table was compiled. */
  compiled: string;
  note: string;
  sources: Record<string, PriceSource>;
  lambda: {
    requests: Price;
    durationX86: Price;
    durationArm: Price;
    ephemeralStorage: Price;
    provisionedConcurrencyX86: Price;
    provisionedConcurrencyArm: Price;
    provisionedDurationX86: Price;
    provisionedDurationArm: Price;
    freeRequests: FreeAllowance;
    freeComputeGbS: FreeAllowance;
  };
  apiGateway: {
    rest: Price;
    http: Price;
    websocketMessages: Price;
    websocketConnectionMinutes: Price;
    freeRest: FreeAllowance;
    freeHttp: FreeAllowance;
    freeWebsocketMessages: FreeAllowance;
    freeWebsocketMinutes: FreeAllowance;
    /** REST API cache per hour, by cache size in GB ("0.5" … "237"). */
    restCache: Record<CacheSize, Price>;
  };
  s3: {
    storageStandard: Price;
    put: Price;
    get: Price;
    freeStorage: FreeAllowance;
    freePut: FreeAllowance;
    freeGet: FreeAllowance;
  };
  dynamodb: {
    writeRequest: Price;
    readRequest: Price;
    storage: Price;
    freeStorage: FreeAllowance;
    provisionedWrite: Price;
    provisionedRead: Price;
    /** Capacity units provisioned all month: the allowance in unit-hours is amount × hours in the month. */
    freeProvisionedWrite: FreeAllowance;
    freeProvisionedRead: FreeAllowance;
  };
  sqs: {
    standard: Price;
    fifo: Price;
    freeRequests: FreeAllowance;
  };
  sns: {
    publish: Price;
    deliveryHttp: Price;
    deliveryEmail: Price;
    deliveryMobilePush: Price;
    deliveryLambdaSqs: Price;
    freePublish: FreeAllowance;
    freeHttp: FreeAllowance;
    freeEmail: FreeAllowance;
  };
  eventbridge: {
    customEvents: Price;
    scheduler: Price;
    freeScheduler: FreeAllowance;
    /** EventBridge Pipes requests (after filtering, 64 KB chunks). */
    pipes: Price;
  };
  /** Cognito user pools: monthly active users by feature plan. */
  cognito: {
    lite: Price;
    essentials: Price;
    plus: Price;
    freeLite: FreeAllowance;
    freeEssentials: FreeAllowance;
  };
  stepFunctions: {
    standardTransitions: Price;
    expressRequests: Price;
    expressDuration: Price;
    freeTransitions: FreeAllowance;
  };
  kinesis: {
    onDemandStreamHour: Price;
    onDemandDataIn: Price;
    onDemandDataOut: Price;
    shardHour: Price;
    putPayloadUnits: Price;
  };
  logs: {
    ingest: Price;
    storage: Price;
    freeIngest: FreeAllowance;
  };
  dataTransfer: {
    internetOut: Price;
    freeOut: FreeAllowance;
  };
  /** The always-on alternative the break-even is computed against. */
  alwaysOn: {
    description: string;
    instanceType: string;
    hourly: Price;
  };
}

/** REST API cache sizes (GB) AWS offers, as CloudFormation's CacheClusterSize spells them. */
export const CACHE_SIZES = ["0.5", "1.6", "6.1", "13.5", "28.4", "58.2", "118", "237"] as const;
export type CacheSize = (typeof CACHE_SIZES)[number];

/** The regions Flowform ships a table for. */
export const PRICED_REGIONS = ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2"] as const;
export type PricedRegion = (typeof PRICED_REGIONS)[number];

/**
 * Charge for `quantity` units under graduated tiers, after deducting `freeUnits` from the first
 * tier (AWS deducts free allowances before tiered rates apply). Not rounded: callers round only
 * the final per-line amounts.
 */
export function chargeFor(price: Price, quantity: number, freeUnits = 0): number {
  let remaining = Math.max(0, quantity - freeUnits);
  // Free units consume the bottom of the tier ladder.
  let position = Math.min(quantity, freeUnits);
  let usd = 0;
  for (const tier of price.tiers) {
    if (remaining <= 0) break;
    const cap = tier.upTo ?? Infinity;
    const room = cap - position;
    if (room <= 0) continue;
    const used = Math.min(room, remaining);
    usd += (used / price.per) * tier.usd;
    remaining -= used;
    position += used;
  }
  return usd;
}

/** The first-tier price per single unit (for marginal figures in words). */
export function unitPrice(price: Price): number {
  return price.tiers[0].usd / price.per;
}

/** How firmly a figure stands, strongest first. */
const SEEN_ORDER: Seen[] = ["store", "3p", "derived", "recall"];

/** The weaker of two checks (a line is only as firm as its weakest figure). */
export function weakerSeen(a: Seen, b: Seen): Seen {
  return SEEN_ORDER.indexOf(a) >= SEEN_ORDER.indexOf(b) ? a : b;
}

/**
 * How firmly the charge for `quantity` units stands: the weakest check among the tiers that
 * quantity reaches (counting the free units, which fill the bottom tiers first).
 */
export function seenFor(price: Price, quantity: number): Seen {
  let seen = price.seen;
  let lower = 0;
  for (const tier of price.tiers) {
    if (quantity <= lower && lower > 0) break;
    if (tier.seen) seen = weakerSeen(seen, tier.seen);
    lower = tier.upTo ?? Infinity;
  }
  return seen;
}
