/**
 * Canvas slice: React Flow's nodes and edges (built from the last model that parsed, so a broken
 * edit in the template view never empties the canvas), layout, the refusal toast, rename-in-place
 * and the clipboard. Positions are mirrored into `settings.layout` (flowform.json).
 */
import { applyEdgeChanges, applyNodeChanges, type EdgeChange, type NodeChange } from "@xyflow/react";
import { cardFor } from "../../core/catalog";
import type { Resource } from "../../core/model/types";
import type { FlowformSettings } from "../../core/project/settings";
import { buildDiagram, positionsOf, withPositions, type ResourceNode, type WireEdge } from "../canvas/diagram";
import { autoLayout, layeredLayout, type Positions } from "../layout";
import type { SliceCreator } from "./index";
import { pruneSelection } from "./selection";

export interface CanvasView {
  /** Centre of the visible canvas, in flow coordinates. */
  centre(): { x: number; y: number };
  fitView(): void;
  /** Frame these resources (Shift+2, "zoom to selection"). */
  fitNodes(ids: readonly string[]): void;
  setViewport(viewport: { x: number; y: number; zoom: number }): void;
}

export interface CanvasToast {
  id: number;
  message: string;
  detail?: string;
  /** Where to show it, in client (window) coordinates: where the person is looking. */
  x: number;
  y: number;
  tone: "refusal" | "info";
}

export interface ClipboardEntry {
  id: string;
  kind: string;
  type: string;
  properties: Record<string, unknown>;
  position?: { x: number; y: number };
}

export interface CanvasSlice {
  nodes: ResourceNode[];
  edges: WireEdge[];
  layout: { running: boolean; engine?: "elk" | "grid"; reason?: string };
  toast: CanvasToast | null;
  renamingId: string | null;
  clipboard: ClipboardEntry[];
  canvasView: CanvasView | null;

  onNodesChange(changes: NodeChange<ResourceNode>[]): void;
  onEdgesChange(changes: EdgeChange<WireEdge>[]): void;
  /** Rebuild nodes and edges from the last good model (keeps unchanged objects). */
  syncDiagram(): void;
  /** Lay out every node with ELK (the "Tidy layout" button); `persist` marks the project changed. */
  tidyLayout(persist?: boolean): Promise<void>;
  /** Remember the view (pan and zoom) in flowform.json, without calling it an unsaved change. */
  rememberViewport(viewport: { x: number; y: number; zoom: number }): void;
  /** Put nodes at these positions and save them in flowform.json (undo / redo of a move). */
  moveNodes(positions: Positions): void;
  /** Remember where a resource should appear before the operation that creates it runs. */
  placeResource(id: string, position: { x: number; y: number }): void;
  showToast(toast: Omit<CanvasToast, "id">): void;
  dismissToast(): void;
  setRenaming(id: string | null): void;
  setClipboard(entries: ClipboardEntry[]): void;
  setCanvasView(view: CanvasView | null): void;
}

let toastCounter = 0;
/** Start positions of the nodes being dragged (React Flow reports a drag as many position changes). */
const dragOrigin = new Map<string, { x: number; y: number }>();

const withLayout = (settings: FlowformSettings, positions: Positions): FlowformSettings => ({
  ...settings,
  layout: { ...settings.layout, nodes: { ...settings.layout.nodes, ...positions } },
});

export const createCanvasSlice: SliceCreator<CanvasSlice> = (set, get, store) => {
  /** Set positions without marking the project changed (layout of a freshly opened template). */
  const mirrorPositions = (positions: Positions) => store.setState({ settings: withLayout(get().settings, positions) });

  store.subscribe((state, prev) => {
    if (state.textVersion !== prev.textVersion && state.textOrigin === "load") {
      // A different project (or a reload): start from its saved layout, not from the old nodes.
      set({ nodes: [], edges: [], renamingId: null });
      const model = get().lastGoodModel;
      const saved = get().settings.layout.nodes;
      const unplaced = (model?.resources ?? []).filter((r) => !saved[r.id]).length;
      get().syncDiagram();
      if (model && unplaced > 0 && unplaced >= model.resources.length / 2) {
        // A template without a saved layout: a quick layered layout at once, then ELK's.
        const { nodes, edges } = get();
        const grid = layeredLayout({ nodes: nodes.map((n) => ({ id: n.id })), edges: edges.map((e) => ({ id: e.id, from: e.source, to: e.target })) });
        set({ nodes: withPositions(nodes, grid) });
        mirrorPositions(grid);
        queueMicrotask(() => get().canvasView?.fitView());
        void get().tidyLayout(false);
      } else {
        // Reopened as it was left: the saved view, or the whole diagram.
        const viewport = get().settings.layout.viewport;
        queueMicrotask(() => (viewport ? get().canvasView?.setViewport(viewport) : get().canvasView?.fitView()));
      }
      return;
    }
    if (state.lastGoodModel !== prev.lastGoodModel && state.lastGoodModel) {
      // What was selected may be gone (deleted, renamed, undone): keep only what still exists.
      const ids = new Set(state.lastGoodModel.resources.map((r) => r.id));
      const kept = pruneSelection(state.selectedIds, ids);
      const wireKept = state.selectedWire && state.lastGoodModel.connections.some((c) => c.id === state.selectedWire) ? state.selectedWire : null;
      if (kept.length !== state.selectedIds.length || wireKept !== state.selectedWire) {
        set({ selectedIds: kept, selectedWire: wireKept });
        return; // this set() runs the subscription again, which syncs the diagram
      }
    }
    if (state.lastGoodModel !== prev.lastGoodModel || state.selectedIds !== prev.selectedIds || state.selectedWire !== prev.selectedWire) {
      get().syncDiagram();
    }
  });

  return {
    nodes: [],
    edges: [],
    layout: { running: false },
    toast: null,
    renamingId: null,
    clipboard: [],
    canvasView: null,

    onNodesChange(changes) {
      const relevant = changes.filter((c) => c.type !== "remove" && c.type !== "add" && c.type !== "replace");
      if (relevant.length === 0) return;
      // Positions are whole pixels, as flowform.json stores them, so a reopened diagram is identical.
      for (const c of relevant) {
        if (c.type === "position" && c.position && c.dragging === false) c.position = { x: Math.round(c.position.x), y: Math.round(c.position.y) };
      }
      // Where each moving node started, so the whole drag is one undo step.
      // (Looked up only at a drag's first step: building an index of every node on each step cost O(n) per frame.)
      let current: Map<string, { x: number; y: number }> | null = null;
      for (const c of relevant) {
        if (c.type !== "position" || dragOrigin.has(c.id)) continue;
        current ??= new Map(get().nodes.map((n) => [n.id, n.position]));
        const start = current.get(c.id);
        if (start) dragOrigin.set(c.id, start);
      }
      const nodes = applyNodeChanges(relevant, get().nodes);
      const patch: Partial<CanvasSlice> & { selectedIds?: string[]; selectedWire?: string | null } = { nodes };
      if (relevant.some((c) => c.type === "select")) {
        const selectedIds = nodes.filter((n) => n.selected).map((n) => n.id);
        const current = get().selectedIds;
        if (selectedIds.length !== current.length || selectedIds.some((id, i) => id !== current[i])) {
          patch.selectedIds = selectedIds;
          if (selectedIds.length) patch.selectedWire = null;
        }
      }
      set(patch);
      // A drag ends with a position change whose `dragging` is false: save where the nodes landed.
      const moved = relevant.filter((c): c is Extract<NodeChange<ResourceNode>, { type: "position" }> => c.type === "position" && c.dragging === false);
      if (moved.length) {
        const byId = new Map(nodes.map((n) => [n.id, n]));
        const positions: Positions = {};
        for (const c of moved) {
          const n = byId.get(c.id);
          if (n) positions[c.id] = { x: Math.round(n.position.x), y: Math.round(n.position.y) };
        }
        get().updateSettings((s) => withLayout(s, positions));
        const before: Positions = {};
        for (const id of Object.keys(positions)) {
          before[id] = dragOrigin.get(id) ?? positions[id];
          dragOrigin.delete(id);
        }
        const ids = Object.keys(positions);
        get().recordMove(ids.length === 1 ? `Move ${ids[0]}` : `Move ${ids.length} resources`, before, positions);
      }
    },

    onEdgesChange(changes) {
      const relevant = changes.filter((c) => c.type === "select");
      if (relevant.length === 0) return;
      const edges = applyEdgeChanges(relevant, get().edges);
      const selected = edges.find((e) => e.selected);
      set({ edges, ...(selected ? { selectedWire: selected.id, selectedIds: [] } : get().selectedWire ? { selectedWire: null } : {}) });
    },

    syncDiagram() {
      const s = get();
      const diagram = buildDiagram(s.lastGoodModel, { nodes: s.nodes, edges: s.edges }, s.settings.layout.nodes, new Set(s.selectedIds));
      let edges = diagram.edges;
      const wire = s.selectedWire;
      if (edges.some((e) => Boolean(e.selected) !== (e.id === wire))) {
        edges = edges.map((e) => (Boolean(e.selected) === (e.id === wire) ? e : { ...e, selected: e.id === wire }));
      }
      if (diagram.nodes !== s.nodes || edges !== s.edges) set({ nodes: diagram.nodes, edges });
      if (diagram.unplaced.length) mirrorPositions(positionsOf(diagram.nodes.filter((n) => diagram.unplaced.includes(n.id))));
    },

    async tidyLayout(persist = true) {
      const { nodes, edges } = get();
      if (nodes.length === 0) return;
      set({ layout: { running: true } });
      const result = await autoLayout({
        nodes: nodes.map((n) => ({ id: n.id })),
        // Reference wires count too: a role or log group sits next to the function that uses it.
        edges: edges.map((e) => ({ id: e.id, from: e.source, to: e.target })),
      });
      const before = positionsOf(get().nodes);
      set({ nodes: withPositions(get().nodes, result.positions), layout: { running: false, engine: result.engine, reason: result.reason } });
      if (persist) {
        get().updateSettings((s) => withLayout(s, result.positions));
        get().recordMove("Tidy layout", before, result.positions);
      }
      else mirrorPositions(result.positions);
      // Let React Flow measure the moved nodes before fitting them into view.
      setTimeout(() => get().canvasView?.fitView(), 30);
    },

    rememberViewport(viewport) {
      // Kept exact: a reopened project shows precisely the view it was saved with.
      const v = { x: viewport.x, y: viewport.y, zoom: viewport.zoom };
      const s = get().settings;
      const old = s.layout.viewport;
      if (old && old.x === v.x && old.y === v.y && old.zoom === v.zoom) return;
      store.setState({ settings: { ...s, layout: { ...s.layout, viewport: v } } });
    },

    moveNodes(positions) {
      set({ nodes: withPositions(get().nodes, positions) });
      get().updateSettings((s) => withLayout(s, positions));
    },

    placeResource(id, position) {
      mirrorPositions({ [id]: { x: Math.round(position.x), y: Math.round(position.y) } });
    },

    showToast(toast) {
      set({ toast: { ...toast, id: ++toastCounter } });
    },

    dismissToast() {
      if (get().toast) set({ toast: null });
    },

    setRenaming(id) {
      set({ renamingId: id });
    },

    setClipboard(entries) {
      set({ clipboard: entries });
    },

    setCanvasView(view) {
      set({ canvasView: view });
    },
  };
};

/** The next free logical ID for a new resource of this kind: Function1, Function2, … */
export function nextLogicalId(kind: string, taken: Iterable<string>): string {
  const prefix = cardFor(kind).idPrefix;
  const used = new Set(taken);
  let n = 1;
  while (used.has(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}

/** A free logical ID based on `base` ("OrdersCopy", "OrdersCopy2", …). */
export function freeId(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  const clean = base.replace(/[^A-Za-z0-9]/g, "") || "Resource";
  if (!used.has(clean)) return clean;
  let n = 2;
  while (used.has(`${clean}${n}`)) n++;
  return `${clean}${n}`;
}

export function clipboardEntry(resource: Resource, position?: { x: number; y: number }): ClipboardEntry {
  return { id: resource.id, kind: resource.kind, type: resource.type, properties: structuredClone(resource.properties), position };
}
