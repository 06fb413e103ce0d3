/**
 * What the person has selected: resources (nodes) and at most one wire, plus the field a problem
 * pointed at. Kept outside the canvas's node array so that changing the selection never
 * rebuilds the nodes, and so the inspector and problems panel can read it without React Flow.
 */
import type { SliceCreator } from "./index";

export interface FieldFocus {
  resource: string;
  path: (string | number)[];
}

export interface SelectionSlice {
  /** Selected logical IDs, in the order they were selected. */
  selectedIds: string[];
  /** Selected wire (connection id), when the selection is a wire. */
  selectedWire: string | null;
  /** The field a problem pointed at; the inspector scrolls to it and focuses it. */
  focusedField: FieldFocus | null;
  /** Bumped when the person asks to open the inspector on the selection (Enter on a node). */
  inspectRequest: number;
  select(ids: string[]): void;
  /** Shift-click: add or remove one resource. */
  toggleSelected(id: string): void;
  selectWire(connectionId: string | null): void;
  clearSelection(): void;
  focusField(field: FieldFocus | null): void;
  requestInspect(): void;
}

const sameIds = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

export const createSelectionSlice: SliceCreator<SelectionSlice> = (set, get) => ({
  selectedIds: [],
  selectedWire: null,
  focusedField: null,
  inspectRequest: 0,
  select(ids) {
    const unique = [...new Set(ids)];
    if (sameIds(unique, get().selectedIds) && get().selectedWire === null) return;
    // A field highlighted for a problem belongs to that selection only.
    set({ selectedIds: unique, selectedWire: null, focusedField: null });
  },
  toggleSelected(id) {
    const current = get().selectedIds;
    set({ selectedIds: current.includes(id) ? current.filter((x) => x !== id) : [...current, id], selectedWire: null, focusedField: null });
  },
  selectWire(connectionId) {
    if (get().selectedWire === connectionId && get().selectedIds.length === 0) return;
    set({ selectedWire: connectionId, selectedIds: [], focusedField: null });
  },
  clearSelection() {
    if (get().selectedIds.length === 0 && get().selectedWire === null) return;
    set({ selectedIds: [], selectedWire: null, focusedField: null });
  },
  focusField(field) {
    set({ focusedField: field });
  },
  requestInspect() {
    set({ inspectRequest: get().inspectRequest + 1 });
  },
});

/** Keep a selection valid after the model changed: drop IDs that no longer exist, follow renames. */
export function pruneSelection(ids: readonly string[], existing: ReadonlySet<string>, renamed?: { from: string; to: string }): string[] {
  return ids.map((id) => (renamed && id === renamed.from ? renamed.to : id)).filter((id) => existing.has(id));
}
