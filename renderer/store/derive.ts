/**
 * What the store derives from the template text: the model (core `importTemplate`) and the
 * located problems. A text that does not parse gives no model; the store then keeps the last
 * good one on screen (`lastGoodModel`).
 */
import { importTemplate, type Problem, type TemplateModel } from "../../core";

export interface Derived {
  model: TemplateModel | null;
  problems: Problem[];
  /** The text gave a model. */
  parses: boolean;
}

export function deriveFromText(text: string, file: string): Derived {
  const { model, problems } = importTemplate(text, file);
  return { model, problems, parses: model !== null };
}
