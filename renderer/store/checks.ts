/**
 * Architecture checks in the store: derive.ts reads the template with core's `checkTemplate`
 * (the same parse and import as `importTemplate`, plus the checks, from one parse), so the
 * problems panel, node badges and status bar show check problems next to reading problems, and
 * a problem's quick fix is applied like any other edit (undoable).
 *
 * Options come from flowform.json: `preferences` (e.g. `concurrencyBudget`) and the usage
 * region's price table, which prices one trip round a runaway loop.
 */
import { concurrencyBudgetIn, type CheckOptions } from "../../core/checks";
import type { FlowformSettings } from "../../core/project/settings";
import { priceTableFor } from "../cost/prices";

/** The settings the checks read; a change to anything else (e.g. node positions) does not re-run them. */
export function checkInputs(settings: FlowformSettings | undefined): string {
  return JSON.stringify([settings?.preferences ?? {}, settings?.usage.region ?? "us-east-1"]);
}

export function checkOptionsFor(file: string, settings: FlowformSettings | undefined): CheckOptions {
  return {
    file,
    preferences: settings?.preferences,
    prices: priceTableFor(settings?.usage.region ?? "us-east-1").table,
  };
}

/** The concurrency budget the person set (flowform.json `preferences.concurrencyBudget`), if any. */
export function concurrencyBudgetOf(settings: FlowformSettings | undefined): number | undefined {
  return concurrencyBudgetIn(settings?.preferences);
}

/**
 * Read what the person typed as a budget: a whole number of concurrent executions, or nothing (the
 * check is off). Lambda's default account quota is 1,000 concurrent executions per Region (Lambda
 * Developer Guide, "Lambda quotas"); a budget may be above it when the quota was raised, so only
 * the shape is checked here.
 */
export function parseConcurrencyBudget(text: string): { budget: number | undefined } | { error: string } {
  const trimmed = text.trim().replace(/[,_\s]/g, "");
  if (trimmed === "") return { budget: undefined };
  if (!/^\d+$/.test(trimmed) || Number(trimmed) < 1) return { error: "Enter a whole number of concurrent executions (1 or more), or leave it empty to turn the check off." };
  return { budget: Number(trimmed) };
}

/** `preferences` with the budget set, or removed when `budget` is undefined. */
export function withConcurrencyBudget(preferences: Record<string, unknown>, budget: number | undefined): Record<string, unknown> {
  const next = { ...preferences };
  if (budget === undefined) delete next.concurrencyBudget;
  else next.concurrencyBudget = budget;
  return next;
}
