/**
 * The review's cost delta: the cost engine's monthly estimate (core/cost) of the stack's
 * current template against the one being deployed, at the same usage assumptions.
 */
import { estimate, type PriceTable, type UsageInput } from "../cost";
import { importTemplate } from "../model/import";
import type { CostDelta } from "./review";

function monthly(text: string, usage: UsageInput, prices: PriceTable): number | string {
  const { model } = importTemplate(text);
  if (!model) return "the template could not be read";
  return estimate(model, usage, prices, { series: false }).total;
}

/** `before` is the deployed template's text (undefined for a new stack). */
export function costDelta(before: string | undefined, after: string, usage: UsageInput, prices: PriceTable | undefined): CostDelta {
  if (!prices) return { available: false, reason: `there is no price table for region ${usage.region ?? "(none)"}` };
  const next = monthly(after, usage, prices);
  if (typeof next === "string") return { available: false, reason: next };
  const prev = before === undefined ? 0 : monthly(before, usage, prices);
  if (typeof prev === "string") return { available: false, reason: `the deployed template ${prev}` };
  return {
    available: true, before: prev, after: next, currency: "USD",
    note: `at the usage in flowform.json, ${usage.freeTier === false ? "without" : "with"} free tier`,
  };
}
