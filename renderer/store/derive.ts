/**
 * What the store derives from the template text: the located problems and, when the text
 * parses, the model. Until core exports `importTemplate` (issue 4a), only the parser runs and
 * `model` stays null; the switch is this one function.
 */
import type { Problem, TemplateModel } from "../../core/model/types";
import { parseTemplate } from "../../core/template/parse";

export interface Derived {
  model: TemplateModel | null;
  problems: Problem[];
  /** The text parses (a model can be built); false keeps the last good model on screen. */
  parses: boolean;
}

export function deriveFromText(text: string, file: string): Derived {
  const { parsed, problems } = parseTemplate(text, file);
  return { model: null, problems, parses: parsed !== null };
}
