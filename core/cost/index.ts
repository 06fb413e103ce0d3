/**
 * Cost estimator: pay-per-use cost that follows the wiring. Pure: callers pass the model, the
 * usage assumptions and a price table (`resources/pricing/<region>.json`). Usage keys are
 * documented in ./usage.ts.
 */
export { estimate, costVsTraffic, SERIES_POINTS } from "./estimate";
export type { BreakEven, CostBreakdown, CostLine, EstimateOptions, ResourceCost, SeriesPoint } from "./estimate";
export { firingsPerMonth, ScheduleExpressionError } from "./schedule";
export type { ScheduleRate } from "./schedule";
export { chargeFor, PRICED_REGIONS, unitPrice } from "./prices";
export type { FreeAllowance, FreeTierKind, Price, PriceTable, PricedRegion, Seen } from "./prices";
export { METERS, roundCents } from "./meters";
export type { FreeTierChoice, MeterId, Service } from "./meters";
export { ENTRY_KEYS, usageNumber } from "./usage";
export type { UsageInput } from "./usage";
export { costKind, propagateTraffic } from "./traffic";
export { functionConfig } from "./readings";
export { priceWorkedExample } from "./worked-examples";
export type { WorkedExample, WorkedResult } from "./worked-examples";
