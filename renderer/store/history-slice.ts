/**
 * Editing actions and undo / redo. Every change of the template text, whatever made it (a canvas
 * gesture, the inspector, typing in the template view, a quick fix), passes through the project
 * slice's `setTemplateText`; this slice watches `textVersion` and records each change with its
 * inverse edit, so undo covers every surface without each of them having to remember.
 */
import { applyOperation as coreApplyOperation } from "../../core";
import type { EditResult, Operation, Refusal } from "../../core/model/types";
import { describeOperation, emptyHistory, entryFor, record, redo as redoIn, undo as undoIn, type HistoryState } from "./history";
import type { SliceCreator, TextOrigin } from "./index";
import type { Positions } from "../layout/graph";

export interface HistorySlice {
  history: HistoryState;
  /** Apply one operation to the template. Records it for undo; a refusal changes nothing. */
  runOperation(op: Operation, origin?: TextOrigin): EditResult | Refusal;
  /**
   * Apply several operations as one change (one undo step), e.g. deleting a selection. Stops at
   * the first refusal and changes nothing in that case.
   */
  runOperations(ops: Operation[], label: string, origin?: TextOrigin): { touched: string[]; notes: string[] } | Refusal;
  /** Record a move of nodes (positions before and after) as one undoable step. */
  recordMove(label: string, before: Positions, after: Positions): void;
  /** Change flowform.json `preferences` as one undoable step (saved with the project like every setting). */
  changePreferences(label: string, update: (preferences: Record<string, unknown>) => Record<string, unknown>): void;
  undo(): void;
  redo(): void;
}

/** Label and touched IDs of the change being made; read by the recorder right after. */
let pending: { label: string; operation?: Operation; touched?: string[] } | null = null;

const originLabels: Record<string, string> = {
  "template-view": "Edit template",
  inspector: "Edit properties",
  canvas: "Edit diagram",
  code: "Edit code",
};

export function isRefusal(value: unknown): value is Refusal {
  return typeof value === "object" && value !== null && (value as Refusal).refused === true;
}

export const createHistorySlice: SliceCreator<HistorySlice> = (set, get, store) => {
  store.subscribe((state, prev) => {
    if (state.textVersion === prev.textVersion) return;
    const change = pending;
    pending = null;
    if (state.textOrigin === "load") {
      set({ history: emptyHistory() });
      return;
    }
    if (state.textOrigin === "undo" || state.textOrigin === "redo") return;
    const label = change?.label ?? originLabels[state.textOrigin] ?? "Edit";
    set({
      history: record(
        state.history,
        entryFor(label, prev.templateText, state.templateText, { operation: change?.operation, touched: change?.touched }),
      ),
    });
  });

  /** After undo / redo, select what the step was about, when it is on the canvas. */
  const selectStillThere = (ids: string[] | undefined) => {
    const existing = new Set(get().lastGoodModel?.resources.map((r) => r.id) ?? []);
    const present = (ids ?? []).filter((id) => existing.has(id));
    if (present.length) get().select(present);
  };

  return {
    history: emptyHistory(),

    runOperation(op, origin = "canvas") {
      // The file name tells core whether new snippets are YAML or JSON.
      const result = coreApplyOperation(get().templateText, op, get().project?.templateFile);
      if (isRefusal(result)) return result;
      pending = { label: describeOperation(op), operation: op, touched: result.touched };
      get().setTemplateText(result.text, origin);
      pending = null;
      return result;
    },

    runOperations(ops, label, origin = "canvas") {
      let text = get().templateText;
      const touched: string[] = [];
      const notes: string[] = [];
      for (const op of ops) {
        const result = coreApplyOperation(text, op, get().project?.templateFile);
        if (isRefusal(result)) return result;
        text = result.text;
        touched.push(...result.touched);
        notes.push(...(result.notes ?? []));
      }
      pending = { label, touched };
      get().setTemplateText(text, origin);
      pending = null;
      return { touched, notes };
    },

    recordMove(label, before, after) {
      const moved = Object.keys(after).filter((id) => before[id] && (before[id].x !== after[id].x || before[id].y !== after[id].y));
      if (moved.length === 0) return;
      const pick = (p: Positions) => Object.fromEntries(moved.map((id) => [id, p[id]]));
      set({ history: record(get().history, { label, forward: [], inverse: [], layout: { before: pick(before), after: pick(after) }, touched: moved }) });
    },

    changePreferences(label, update) {
      const before = get().settings.preferences;
      const after = update(before);
      if (JSON.stringify(after) === JSON.stringify(before)) return;
      get().updateSettings((s) => ({ ...s, preferences: after }));
      set({ history: record(get().history, { label, forward: [], inverse: [], preferences: { before, after } }) });
    },

    undo() {
      const step = undoIn(get().history, get().templateText);
      if (!step) return;
      set({ history: step.history });
      if (step.text !== get().templateText) get().setTemplateText(step.text, "undo");
      if (step.entry.layout) get().moveNodes(step.entry.layout.before);
      const prefs = step.entry.preferences;
      if (prefs) get().updateSettings((s) => ({ ...s, preferences: prefs.before }));
      selectStillThere(step.entry.touched);
    },

    redo() {
      const step = redoIn(get().history, get().templateText);
      if (!step) return;
      set({ history: step.history });
      if (step.text !== get().templateText) get().setTemplateText(step.text, "redo");
      if (step.entry.layout) get().moveNodes(step.entry.layout.after);
      const prefs = step.entry.preferences;
      if (prefs) get().updateSettings((s) => ({ ...s, preferences: prefs.after }));
      selectStillThere(step.entry.touched);
    },
  };
};
