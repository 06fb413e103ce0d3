/**
 * Double-click on a function node opens its code. The canvas renders nodes with React Flow, whose
 * node elements carry `data-id` (the logical ID); one delegated listener on the document is enough
 * and needs nothing from the canvas but that attribute. (The canvas can also call
 * `openFunctionCode(id)` directly, e.g. from an "Edit code" button.)
 */
import { isFunctionResource } from "../../core/code";
import { useStore } from "../store";

let installed = false;

export function installFunctionDoubleClick(): void {
  if (installed || typeof document === "undefined") return;
  installed = true;
  document.addEventListener("dblclick", (event) => {
    const target = event.target instanceof Element ? event.target : null;
    // Double-clicking a word in the node's rename field selects the word, nothing else.
    if (target?.closest("input, textarea, select, [contenteditable]")) return;
    const node = target?.closest(".react-flow__node[data-id]");
    const id = node?.getAttribute("data-id");
    if (!id) return;
    const state = useStore.getState();
    const resource = state.model?.resources.find((r) => r.id === id);
    if (!isFunctionResource(resource) || resource.implicit) return;
    event.preventDefault();
    event.stopPropagation();
    void state.openFunctionCode(id);
  }, true);
}
