/**
 * What the store derives from the template text: the model and the located problems — from
 * reading the template and from the architecture checks. core's `checkTemplate` is
 * `importTemplate` (parse + modelFromParsed, same problems) followed by `runChecks`, sharing one
 * parse so check problems get precise lines. A text that does not parse gives no model; the store
 * then keeps the last good one on screen (`lastGoodModel`).
 */
import type { Problem, TemplateModel } from "../../core";
import { checkTemplate } from "../../core/checks";
import type { FlowformSettings } from "../../core/project/settings";
import { checkOptionsFor } from "./checks";

export interface Derived {
  model: TemplateModel | null;
  problems: Problem[];
  /** The text gave a model. */
  parses: boolean;
}

export function deriveFromText(text: string, file: string, settings?: FlowformSettings): Derived {
  const { model, readProblems, problems } = checkTemplate(text, checkOptionsFor(file, settings));
  return { model, problems: [...readProblems, ...problems], parses: model !== null };
}
