/**
 * `estimate(model, usage, prices, options)`: the monthly cost of a design at the traffic the
 * person expects, per resource and per pricing dimension, with and without free tier, plus a
 * cost-vs-traffic series and the break-even against an always-on instance.
 */
import type { Connection, TemplateModel } from "../model/types";
import { chargeMeters, METERS, priceInWords, roundCents, type FreeTierChoice, type MeterDef, type MeterId, type Reading, type Service } from "./meters";
import type { PriceTable, Seen } from "./prices";
import { describeTraffic, READERS } from "./readings";
import { formatCount, propagateTraffic, type TrafficOptions } from "./traffic";
import { SCALED_ENTRY_KINDS, type UsageInput } from "./usage";

export interface EstimateOptions {
  /** Overrides usage.freeTier (always-free allowances). */
  freeTier?: boolean;
  /** Overrides usage.twelveMonthFreeTier. */
  twelveMonthFreeTier?: boolean;
  /** Overrides usage.hoursPerMonth (default 730). */
  hoursPerMonth?: number;
  /** Compute the cost-vs-traffic series and break-even (default true). */
  series?: boolean;
}

export interface CostLine {
  resource: string;
  service: Service;
  dimension: string;
  quantity: number;
  unit: string;
  /** Share of the account-wide charge, free tier as chosen (unrounded). */
  usd: number;
  usdWithoutFreeTier: number;
  price: string;
  seen: Seen;
  source: string;
  read: string;
}

export interface ResourceCost {
  id: string;
  kind: string;
  traffic: { quantity: number; unit: string };
  usd: number;
  usdWithoutFreeTier: number;
  lines: CostLine[];
}

export interface SeriesPoint {
  entryRequests: number;
  usd: number;
  usdWithoutFreeTier: number;
}

export interface BreakEven {
  instance: string;
  description: string;
  monthlyUsd: number;
  hourlyUsd: number;
  seen: Seen;
  /** Entry requests per month above which the always-on instance is cheaper; null when never within 1B. */
  requestsPerMonth: number | null;
  summary: string;
}

export interface CostBreakdown {
  region: string;
  regionName: string;
  currency: "USD";
  pricesCompiled: string;
  hoursPerMonth: number;
  freeTier: FreeTierChoice;
  /** Total under the chosen free tier, rounded to cents. */
  total: number;
  totalWithFreeTier: number;
  totalWithoutFreeTier: number;
  resources: ResourceCost[];
  byService: Partial<Record<Service, number>>;
  /** Traffic typed in at entry points per month. */
  entryRequests: number;
  /** Total per million entry requests (null without entry traffic). */
  costPerMillionEntryRequests: number | null;
  assumptions: string[];
  warnings: string[];
  series: SeriesPoint[];
  breakEven: BreakEven | null;
}

/**
 * Types that cost nothing by themselves (configuration, permissions, wiring), or whose cost is
 * counted on another resource (a function's log group, an API's stages and routes).
 */
const NO_CHARGE_TYPE =
  /^(AWS::IAM::|AWS::Lambda::(Permission|EventSourceMapping|EventInvokeConfig|Version|Alias|LayerVersion|LayerVersionPermission|Url)$|AWS::Serverless::LayerVersion$|AWS::ApiGateway::(Deployment|Stage|Resource|Method|Model|Authorizer|RequestValidator|GatewayResponse|BasePathMapping|Account|UsagePlan|UsagePlanKey|ApiKey)$|AWS::ApiGatewayV2::(Stage|Route|Integration|Authorizer|Deployment|ApiMapping|IntegrationResponse|RouteResponse|Model)$|AWS::SNS::(Subscription|TopicPolicy)$|AWS::SQS::QueuePolicy$|AWS::S3::BucketPolicy$|AWS::Events::(Rule|EventBusPolicy)$|AWS::Logs::(LogGroup|SubscriptionFilter|MetricFilter)$|AWS::CloudFormation::|AWS::SSM::Parameter$|AWS::Budgets::Budget$|AWS::CDK::Metadata$|AWS::Serverless::Connector$)/;

interface Core {
  readings: Reading[];
  entryRequests: number;
  assumptions: string[];
  warnings: string[];
  traffic: ReturnType<typeof propagateTraffic>;
  kinds: Map<string, string>;
}

function collect(model: TemplateModel, usage: UsageInput, hoursPerMonth: number, trafficOptions: Partial<TrafficOptions> = {}): Core {
  const traffic = propagateTraffic(model, usage, { hoursPerMonth, ...trafficOptions });
  const outgoing = new Map<string, Connection[]>();
  for (const c of model.connections) {
    if (!outgoing.has(c.from)) outgoing.set(c.from, []);
    outgoing.get(c.from)!.push(c);
  }
  const assumptions = [...traffic.assumptions];
  const readings: Reading[] = [];
  const kinds = new Map<string, string>();
  const ctx = { model, usage, hoursPerMonth, traffic: traffic.byId, outgoing, assumptions };
  const unpriced: string[] = [];
  for (const resource of model.resources) {
    const t = traffic.byId.get(resource.id)!;
    kinds.set(resource.id, t.kind);
    const reader = READERS[t.kind];
    if (reader) readings.push(...reader(resource, t, usage.resources?.[resource.id], ctx));
    else if (!NO_CHARGE_TYPE.test(resource.type)) unpriced.push(`${resource.id} (${resource.type})`);
  }
  if (unpriced.length) {
    const shown = unpriced.slice(0, 8).join(", ");
    assumptions.push(`Not priced (no price table for them yet): ${shown}${unpriced.length > 8 ? ` and ${unpriced.length - 8} more` : ""}.`);
  }
  if ([...traffic.byId.values()].some((t) => t.kind === "queue" && t.consumerBatches > 0)) {
    assumptions.push("Queues read by Lambda: receive and delete calls counted per batch; the empty long-poll receives Lambda's pollers make on an idle queue are not counted.");
  }
  return { readings, entryRequests: traffic.entryRequests, assumptions, warnings: traffic.warnings, traffic, kinds };
}

/** Total (unrounded) for a set of readings under a free-tier choice. */
function totalOf(readings: Reading[], prices: PriceTable, free: FreeTierChoice, hoursPerMonth: number): number {
  const totals = new Map<MeterId, number>();
  for (const r of readings) totals.set(r.meter, (totals.get(r.meter) ?? 0) + r.quantity);
  let sum = 0;
  for (const charge of chargeMeters(totals, prices, free, hoursPerMonth).values()) sum += charge.usd;
  return sum;
}

function freeChoice(usage: UsageInput, options: EstimateOptions): FreeTierChoice {
  return {
    alwaysFree: options.freeTier ?? usage.freeTier ?? true,
    twelveMonth: (options.freeTier ?? usage.freeTier ?? true) && (options.twelveMonthFreeTier ?? usage.twelveMonthFreeTier ?? false),
  };
}

const NO_FREE: FreeTierChoice = { alwaysFree: false, twelveMonth: false };

export function estimate(model: TemplateModel, usage: UsageInput, prices: PriceTable, options: EstimateOptions = {}): CostBreakdown {
  const hoursPerMonth = options.hoursPerMonth ?? usage.hoursPerMonth ?? 730;
  const free = freeChoice(usage, options);
  const core = collect(model, usage, hoursPerMonth);

  const totals = new Map<MeterId, number>();
  for (const r of core.readings) totals.set(r.meter, (totals.get(r.meter) ?? 0) + r.quantity);
  const withFree = chargeMeters(totals, prices, free, hoursPerMonth);
  const withoutFree = chargeMeters(totals, prices, NO_FREE, hoursPerMonth);

  const byResource = new Map<string, ResourceCost>();
  for (const resource of model.resources) {
    const t = core.traffic.byId.get(resource.id)!;
    byResource.set(resource.id, { id: resource.id, kind: t.kind, traffic: describeTraffic(t.kind, t, usage.resources?.[resource.id]), usd: 0, usdWithoutFreeTier: 0, lines: [] });
  }
  const byService: Partial<Record<Service, number>> = {};
  for (const r of core.readings) {
    const total = totals.get(r.meter)!;
    const share = total > 0 ? r.quantity / total : 0;
    const def: MeterDef = METERS[r.meter];
    const usd = withFree.get(r.meter)!.usd * share;
    const usdWithout = withoutFree.get(r.meter)!.usd * share;
    const words = priceInWords(def, prices);
    const price = def.price(prices);
    const line: CostLine = {
      resource: r.resource,
      service: def.service,
      dimension: def.dimension,
      quantity: r.quantity,
      unit: price.unit,
      usd,
      usdWithoutFreeTier: usdWithout,
      price: words.text,
      seen: withFree.get(r.meter)!.seen,
      source: words.source,
      read: words.read,
    };
    const rc = byResource.get(r.resource)!;
    rc.lines.push(line);
    rc.usd += usd;
    rc.usdWithoutFreeTier += usdWithout;
    byService[def.service] = (byService[def.service] ?? 0) + usd;
  }

  let sumWith = 0;
  let sumWithout = 0;
  for (const c of withFree.values()) sumWith += c.usd;
  for (const c of withoutFree.values()) sumWithout += c.usd;
  const total = roundCents(sumWith);

  const assumptions = [
    `Prices: ${prices.regionName} (${prices.region}), table compiled ${prices.compiled}; public on-demand prices in USD, no taxes or discounts.`,
    `Month: ${hoursPerMonth} hours.`,
    free.alwaysFree
      ? `Free tier: always-free allowances deducted account-wide${free.twelveMonth ? ", and 12-month allowances (new accounts only)" : "; 12-month allowances (API Gateway, S3) not deducted"}.`
      : "Free tier: not deducted.",
    "Tiers and free allowances apply to the whole design; each resource carries its share in proportion to its use.",
    ...core.assumptions,
  ];
  // Say which charged prices were not seen in any source, so a recalled figure never passes for a checked one.
  const unseen = new Set<string>();
  for (const r of byResource.values()) for (const l of r.lines) if (l.usd > 0 && (l.seen === "recall" || l.seen === "derived")) unseen.add(`${l.service}: ${l.dimension}`);
  if (unseen.size > 0) assumptions.push(`Prices recalled or derived, not seen in a source for ${prices.region}: ${[...unseen].join("; ")}.`);
  if (core.entryRequests === 0) assumptions.push("No traffic typed in at any entry point yet: only fixed and scheduled costs are counted.");
  else assumptions.push(`Entry traffic: ${formatCount(core.entryRequests)} requests/messages/events a month.`);

  const breakdown: CostBreakdown = {
    region: prices.region,
    regionName: prices.regionName,
    currency: "USD",
    pricesCompiled: prices.compiled,
    hoursPerMonth,
    freeTier: free,
    total,
    totalWithFreeTier: roundCents(free.alwaysFree ? sumWith : totalOf(core.readings, prices, { alwaysFree: true, twelveMonth: false }, hoursPerMonth)),
    totalWithoutFreeTier: roundCents(sumWithout),
    resources: [...byResource.values()],
    byService,
    entryRequests: core.entryRequests,
    costPerMillionEntryRequests: core.entryRequests > 0 ? roundCents((sumWith / core.entryRequests) * 1e6) : null,
    assumptions,
    warnings: core.warnings,
    series: [],
    breakEven: null,
  };
  if (options.series !== false) {
    const { series, breakEven } = costVsTraffic(model, usage, prices, { ...options, hoursPerMonth }, core);
    breakdown.series = series;
    breakdown.breakEven = breakEven;
  }
  return breakdown;
}

/** 1k … 1B entry requests a month, three points a decade. */
export const SERIES_POINTS: number[] = (() => {
  const points: number[] = [];
  for (let exp = 3; exp <= 9; exp++) {
    points.push(10 ** exp);
    if (exp < 9) points.push(2.5 * 10 ** exp, 5 * 10 ** exp);
  }
  return points;
})();

/**
 * Cost at each point of SERIES_POINTS: the typed-in entry traffic is scaled to that total
 * (keeping the ratios between entry points); with nothing typed in, the traffic is spread
 * evenly over the entry points. Schedules stay as their expressions say.
 */
export function costVsTraffic(
  model: TemplateModel,
  usage: UsageInput,
  prices: PriceTable,
  options: EstimateOptions & { hoursPerMonth: number },
  base?: Core,
): { series: SeriesPoint[]; breakEven: BreakEven | null } {
  const hoursPerMonth = options.hoursPerMonth;
  const free = freeChoice(usage, options);
  const core = base ?? collect(model, usage, hoursPerMonth);
  const entryIds = model.resources.filter((r) => SCALED_ENTRY_KINDS.has(core.kinds.get(r.id) ?? "")).map((r) => r.id);
  if (entryIds.length === 0 && core.entryRequests === 0) return { series: [], breakEven: breakEvenFor([], prices, hoursPerMonth) };

  // Traffic propagates linearly from the entry points (batching, fan-out, retries and per-unit
  // rounding are all multipliers), so every meter's total is fixed + scale × variable. Two
  // collections give both parts; each point then only re-charges the meters.
  const meterTotals = (readings: Reading[]) => {
    const totals = new Map<MeterId, number>();
    for (const r of readings) totals.set(r.meter, (totals.get(r.meter) ?? 0) + r.quantity);
    return totals;
  };
  const typed = core.entryRequests > 0;
  const fixed = meterTotals(
    collect(model, usage, hoursPerMonth, typed ? { entryScale: 0 } : { entryOverride: new Map(entryIds.map((id) => [id, 0])) }).readings,
  );
  const perRequest = new Map<MeterId, number>();
  const unit = typed ? core.readings : collect(model, usage, hoursPerMonth, { entryOverride: new Map(entryIds.map((id) => [id, 1 / entryIds.length])) }).readings;
  const unitRequests = typed ? core.entryRequests : 1;
  for (const [meter, quantity] of meterTotals(unit)) perRequest.set(meter, (quantity - (fixed.get(meter) ?? 0)) / unitRequests);
  for (const meter of fixed.keys()) if (!perRequest.has(meter)) perRequest.set(meter, -(fixed.get(meter) ?? 0) / unitRequests);
  const costAt = (requests: number): { usd: number; usdWithoutFreeTier: number } => {
    const totals = new Map<MeterId, number>();
    for (const [meter, slope] of perRequest) totals.set(meter, Math.max(0, (fixed.get(meter) ?? 0) + slope * requests));
    let usd = 0;
    let usdWithoutFreeTier = 0;
    for (const c of chargeMeters(totals, prices, free, hoursPerMonth).values()) usd += c.usd;
    for (const c of chargeMeters(totals, prices, NO_FREE, hoursPerMonth).values()) usdWithoutFreeTier += c.usd;
    return { usd, usdWithoutFreeTier };
  };
  const series = SERIES_POINTS.map((entryRequests) => {
    const c = costAt(entryRequests);
    return { entryRequests, usd: roundCents(c.usd), usdWithoutFreeTier: roundCents(c.usdWithoutFreeTier) };
  });
  return { series, breakEven: breakEvenFor(series, prices, hoursPerMonth, (n) => costAt(n).usd) };
}

function breakEvenFor(series: SeriesPoint[], prices: PriceTable, hoursPerMonth: number, exact?: (n: number) => number): BreakEven {
  const hourly = prices.alwaysOn.hourly.tiers[0].usd;
  const monthly = hourly * hoursPerMonth;
  const base = {
    instance: prices.alwaysOn.instanceType,
    description: prices.alwaysOn.description,
    monthlyUsd: roundCents(monthly),
    hourlyUsd: hourly,
    seen: prices.alwaysOn.hourly.seen,
  };
  const index = series.findIndex((p) => p.usd >= monthly);
  if (index < 0 || !exact) {
    return { ...base, requestsPerMonth: null, summary: `Serverless stays below one ${base.instance} ($${base.monthlyUsd.toFixed(2)}/month at $${hourly}/h) up to ${formatCount(SERIES_POINTS[SERIES_POINTS.length - 1])} requests a month.` };
  }
  // Cost never decreases with traffic, so bisect between the bracketing points (log scale).
  let lo = index === 0 ? 0 : series[index - 1].entryRequests;
  let hi = series[index].entryRequests;
  if (exact(lo) >= monthly) hi = lo;
  for (let i = 0; i < 40 && hi - lo > Math.max(1, hi * 1e-4); i++) {
    const mid = lo === 0 ? hi / 2 : Math.sqrt(lo * hi);
    if (exact(mid) >= monthly) hi = mid;
    else lo = mid;
  }
  const requests = Math.round(hi);
  if (requests === 0) {
    return {
      ...base,
      requestsPerMonth: 0,
      summary: `Even with no traffic this design costs more than one always-on ${base.instance} ($${base.monthlyUsd.toFixed(2)}/month at $${hourly}/h${base.seen === "recall" ? ", price recalled, not seen in a source" : ""}): its fixed costs alone are higher.`,
    };
  }
  return {
    ...base,
    requestsPerMonth: requests,
    summary: `Above about ${formatCount(requests)} requests a month this design costs more than one always-on ${base.instance} ($${base.monthlyUsd.toFixed(2)}/month at $${hourly}/h, ${base.seen === "recall" ? "price recalled, not seen in a source" : "price seen in a source"}), which would also need capacity for the peak.`,
  };
}
