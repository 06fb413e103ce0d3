/**
 * Architecture checks in the store: derive.ts reads the template with core's `checkTemplate`
 * (the same parse and import as `importTemplate`, plus the checks, from one parse), so the
 * problems panel, node badges and status bar show check problems next to reading problems, and
 * a problem's quick fix is applied like any other edit (undoable).
 *
 * Options come from flowform.json: `preferences` (e.g. `concurrencyBudget`) and the usage
 * region's price table, which prices one trip round a runaway loop.
 */
import type { CheckOptions } from "../../core/checks";
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
