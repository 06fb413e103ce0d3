/**
 * What the store derives from the template text: the model (core `importTemplate`) and the
 * located problems. A text that does not parse gives no model; the store then keeps the last
 * good one on screen (`lastGoodModel`).
 */
import { importTemplate, type Problem, type TemplateModel } from "../../core";
import type { FlowformSettings } from "../../core/project/settings";
import { checkProblemsFor } from "./checks";

export interface Derived {
  model: TemplateModel | null;
  problems: Problem[];
  /** The text gave a model. */
  parses: boolean;
}

export function deriveFromText(text: string, file: string, settings?: FlowformSettings): Derived {
  const { model, problems } = importTemplate(text, file);
  // Architecture checks (renderer/store/checks.ts) join the reading problems.
  return { model, problems: [...problems, ...checkProblemsFor(text, file, model, settings)], parses: model !== null };
}
