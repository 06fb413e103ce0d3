/**
 * The parts of Monaco the code panel uses, and nothing else. `import * as monaco from
 * "monaco-editor"` brings all of monaco-editor's index: about 80 syntax colourers and the CSS and
 * HTML language services with their workers. Flowform edits TypeScript, JavaScript, Python, JSON
 * and YAML, so it takes the editor API, the editor contributions monaco-editor's own index has
 * (`features/register.all`: find, hover, suggest, folding, go to error, …, plus the few the index
 * imports itself), the TypeScript/JavaScript and JSON language services (each runs in its worker,
 * see monaco-setup.ts) and the syntax colourers of those languages.
 * Reached only through monaco-setup.ts, itself loaded lazily: none of this is in the start-up bundle.
 */
import * as typescript from "monaco-editor/languages/features/typescript/register";
import * as json from "monaco-editor/languages/features/json/register";
import "monaco-editor/languages/definitions/typescript/register";
import "monaco-editor/languages/definitions/javascript/register";
import "monaco-editor/languages/definitions/python/register";
import "monaco-editor/languages/definitions/yaml/register";

// Editor contributions: monaco-editor 0.57's esm/vs/index.js imports these (and no others).
import "monaco-editor/features/register.all";
import "monaco-editor/editor/browser/coreCommands";
import "monaco-editor/editor/common/standaloneStrings";
import "monaco-editor/editor/contrib/caretOperations/browser/caretOperations";
import "monaco-editor/editor/contrib/dropOrPasteInto/browser/copyPasteContribution";
import "monaco-editor/editor/contrib/find/browser/findController";
import "monaco-editor/editor/contrib/gotoError/browser/markerSelectionStatus";
import "monaco-editor/editor/contrib/gotoSymbol/browser/goToCommands";
import "monaco-editor/editor/contrib/semanticTokens/browser/documentSemanticTokens";
import "monaco-editor/editor/contrib/suggest/browser/suggestController";
// (package.json's exports add ".js" to every subpath, so the stylesheet is imported by file.)
import "../../node_modules/monaco-editor/esm/vs/base/browser/ui/codicons/codicon/codicon-modifiers.css";

export * from "monaco-editor/editor/editor.api";
export { typescript, json };
