/**
 * Undo / redo from anywhere in the window (Ctrl/Cmd+Z, Ctrl/Cmd+Shift+Z, Ctrl+Y), and the
 * Undo / Redo / Export commands of the menu and toolbar. Inside a text field the field's own
 * undo runs instead: the template view records its edits when the person pauses typing.
 */
import { useEffect } from "react";
import { registerCommand } from "../app/commands";
import { useStore } from "../store";

function inTextField(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && Boolean(target.closest("input, textarea, select, [contenteditable='true']"));
}

export function useEditShortcuts(): void {
  useEffect(() => {
    const offUndo = registerCommand("edit.undo", () => useStore.getState().undo());
    const offRedo = registerCommand("edit.redo", () => useStore.getState().redo());
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || inTextField(event.target)) return;
      const key = event.key.toLowerCase();
      if (key === "z" && !event.shiftKey) {
        event.preventDefault();
        useStore.getState().undo();
      } else if ((key === "z" && event.shiftKey) || (key === "y" && !event.shiftKey)) {
        event.preventDefault();
        useStore.getState().redo();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => {
      offUndo();
      offRedo();
      window.removeEventListener("keydown", onKey);
    };
  }, []);
}
