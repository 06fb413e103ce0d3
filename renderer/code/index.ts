/**
 * Public face of the code feature in the renderer. The shell renders `CodePanel` in the bottom
 * panel's "Code" tab. The canvas opens a function's handler with `openFunctionCode(id)`
 * (double-click on a function node, or its "Edit code" button).
 */
import { useStore } from "../store";
import { installFunctionDoubleClick } from "./canvas-bridge";

export { CodePanel } from "./CodePanel";
export type { CodeSlice, CodeBuffer, TestRun } from "./slice";

installFunctionDoubleClick();

/** Open a function's code in the code panel (creates nothing until the user asks). */
export function openFunctionCode(functionId: string): Promise<void> {
  return useStore.getState().openFunctionCode(functionId);
}
