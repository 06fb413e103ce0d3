/**
 * Architecture checks in the store: the project slice adds these problems to the ones from
 * reading the template (see derive.ts), so the problems panel, node badges and status bar show
 * them, and a problem's quick fix is applied like any other edit (undoable).
 *
 * Options come from flowform.json: `preferences` (e.g. `concurrencyBudget`) and the usage region's
 * price table, which prices one trip round a runaway loop.
 */
import { runChecks } from "../../core/checks";
import type { Problem, TemplateModel } from "../../core/model/types";
import type { FlowformSettings } from "../../core/project/settings";
import { parseTemplate } from "../../core/template/parse";
import { priceTableFor } from "../cost/prices";

/** The settings the checks read; a change to anything else (e.g. node positions) does not re-run them. */
export function checkInputs(settings: FlowformSettings | undefined): string {
  return JSON.stringify([settings?.preferences ?? {}, settings?.usage.region ?? "us-east-1"]);
}

/** Run the architecture checks on the model derived from `text`. */
export function checkProblemsFor(text: string, file: string, model: TemplateModel | null, settings: FlowformSettings | undefined): Problem[] {
  if (!model) return [];
  // Parsed again only for precise lines (the key a problem is about, not just its resource).
  const { parsed } = parseTemplate(text, file);
  return runChecks(model, parsed, {
    file,
    preferences: settings?.preferences,
    prices: priceTableFor(settings?.usage.region ?? "us-east-1").table,
  });
}
