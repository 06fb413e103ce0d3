/**
 * What the store derives from the template text: the located problems and, when the text
 * parses, the model (core's `importTemplate`, which never throws).
 */
import { importTemplate } from "../../core";
import type { Problem, TemplateModel } from "../../core/model/types";

export interface Derived {
  model: TemplateModel | null;
  problems: Problem[];
  /** The text parses (a model can be built); false keeps the last good model on screen. */
  parses: boolean;
}

export function deriveFromText(text: string, file: string): Derived {
  const { model, problems } = importTemplate(text, file);
  return { model, problems, parses: model !== null };
}
