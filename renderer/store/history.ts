/**
 * Undo / redo for every change to the template, wherever it was made (canvas, inspector,
 * template view). Each entry records the operation (so the menu can say "Undo rename") and the
 * text edits both ways. Entries hold edits, not whole texts, so a long session on a large
 * template stays small.
 */
import type { Operation, TextEdit } from "../../core/model/types";

export interface HistoryEntry {
  /** What the person did, in words ("Add Function", "Edit template"). */
  label: string;
  /** The operation, when the change came from one (template-view typing has none). */
  operation?: Operation;
  /** Apply to the text before the change to get the text after it. */
  forward: TextEdit[];
  /** Apply to the text after the change to get the text before it. */
  inverse: TextEdit[];
  /** Logical IDs to select after undo / redo (what the change created or touched). */
  touched?: string[];
  /** A move on the canvas (drag, arrows, tidy layout): node positions before and after. */
  layout?: { before: Record<string, { x: number; y: number }>; after: Record<string, { x: number; y: number }> };
  /** A change of flowform.json `preferences` (e.g. the checks' concurrency budget): the whole section before and after. */
  preferences?: { before: Record<string, unknown>; after: Record<string, unknown> };
}

export interface HistoryState {
  past: HistoryEntry[];
  future: HistoryEntry[];
}

/** More than anyone undoes; bounds memory in a day-long session. */
export const HISTORY_LIMIT = 500;

export const emptyHistory = (): HistoryState => ({ past: [], future: [] });

/** Apply edits whose offsets all refer to the same original text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/**
 * The single edit that turns `before` into `after`: the changed middle between the common
 * prefix and suffix. Enough for undo (exact), and small for typical changes.
 */
export function diffText(before: string, after: string): { forward: TextEdit[]; inverse: TextEdit[] } {
  if (before === after) return { forward: [], inverse: [] };
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before.charCodeAt(endB - 1) === after.charCodeAt(endA - 1)) {
    endB--;
    endA--;
  }
  return {
    forward: [{ start, end: endB, text: after.slice(start, endA) }],
    inverse: [{ start, end: endA, text: before.slice(start, endB) }],
  };
}

/** A history entry for a change from `before` to `after`. */
export function entryFor(label: string, before: string, after: string, extra: Partial<HistoryEntry> = {}): HistoryEntry {
  return { label, ...diffText(before, after), ...extra };
}

export function record(history: HistoryState, entry: HistoryEntry): HistoryState {
  if (entry.forward.length === 0 && !entry.layout && !entry.preferences) return history;
  const past = [...history.past, entry];
  if (past.length > HISTORY_LIMIT) past.splice(0, past.length - HISTORY_LIMIT);
  return { past, future: [] };
}

/** Undo the last change of `text`: the previous text and the new history, or null when there is nothing to undo. */
export function undo(history: HistoryState, text: string): { text: string; history: HistoryState; entry: HistoryEntry } | null {
  const entry = history.past[history.past.length - 1];
  if (!entry) return null;
  return {
    text: applyEdits(text, entry.inverse),
    history: { past: history.past.slice(0, -1), future: [...history.future, entry] },
    entry,
  };
}

export function redo(history: HistoryState, text: string): { text: string; history: HistoryState; entry: HistoryEntry } | null {
  const entry = history.future[history.future.length - 1];
  if (!entry) return null;
  return {
    text: applyEdits(text, entry.forward),
    history: { past: [...history.past, entry], future: history.future.slice(0, -1) },
    entry,
  };
}

/** Words for an operation, for the Undo / Redo buttons' names. */
export function describeOperation(op: Operation): string {
  switch (op.op) {
    case "addResource":
      return `Add ${op.id ?? op.kind}`;
    case "removeResource":
      return `Delete ${op.id}`;
    case "renameResource":
      return `Rename ${op.from} to ${op.to}`;
    case "setProperty":
      return `Set ${op.id} ${op.path.join(".")}`;
    case "removeProperty":
      return `Remove ${op.id} ${op.path.join(".")}`;
    case "connect":
      return `Connect ${op.from} to ${op.to}`;
    case "disconnect":
      return "Remove connection";
    case "updateConnection":
      return "Change connection settings";
    case "setTemplateSection":
      return `Set ${op.path.join(".")}`;
  }
}
