/** Public face of the template view (a bottom-panel tab). */
export { TemplateView, revealTemplateLine, TEMPLATE_EDIT_DEBOUNCE_MS } from "./TemplateView";
