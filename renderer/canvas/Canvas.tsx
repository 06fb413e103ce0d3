/**
 * The canvas: React Flow showing the last model that parsed. Gestures become core operations
 * (see actions.ts); the nodes and edges live in the canvas slice, selection in its own slice.
 */
import { memo, useCallback, useEffect, useRef, useState, type DragEvent, type KeyboardEvent as ReactKeyboardEvent } from "react";
import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  Panel,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  type Connection as FlowConnection,
  type FinalConnectionState,
  type Node,
} from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import "./canvas.css";
import { cardFor } from "../../core/catalog";
import { canConnect } from "../../core";
import { useStore } from "../store";
import { PALETTE_DRAG_TYPE } from "../palette/Palette";
import { NODE_HEIGHT, NODE_WIDTH } from "../layout/graph";
import { prewarmLayout } from "../layout";
import { addResource, connectResources, copySelection, deleteSelection, duplicateSelection, paste } from "./actions";
import { categoryColor } from "./icons";
import { ResourceNodeView } from "./ResourceNode";
import { WireEdgeView } from "./WireEdge";
import { CanvasToastView } from "./Toast";
import { ExportDialog } from "../export/ExportDialog";
import { StarterChooser } from "./StarterChooser";
import { useEditShortcuts } from "./shortcuts";
import { resourceIndex } from "./hooks";
import type { ResourceNode, WireEdge } from "./diagram";

/** Whether core would wire these two; cached per model so hovering stays cheap. */
const verdicts = new WeakMap<object, Map<string, boolean>>();
function isWireAllowed(c: { source: string | null; target: string | null }): boolean {
  if (!c.source || !c.target || c.source === c.target) return false;
  const model = useStore.getState().lastGoodModel;
  if (!model) return false;
  let cache = verdicts.get(model);
  if (!cache) verdicts.set(model, (cache = new Map()));
  const key = `${c.source}\u0000${c.target}`;
  let ok = cache.get(key);
  if (ok === undefined) {
    ok = "ok" in canConnect(model, c.source, c.target);
    cache.set(key, ok);
  }
  return ok;
}

/** Kept outside the component: a new object on each render would make the memoized minimap re-render with it. */
const MINIMAP_STYLE = { width: 160, height: 110 };
const PRO_OPTIONS = { hideAttribution: true };
/** A new array on each render made React Flow remove and re-add its key listeners on every drag step. */
const MULTI_SELECTION_KEYS = ["Shift", "Meta", "Control"];
const rememberViewport = (_event: unknown, viewport: { x: number; y: number; zoom: number }) => useStore.getState().rememberViewport(viewport);

/** Below this zoom a node's logical ID is too small to read. */
const MIN_READABLE_ZOOM = 0.5;

const nodeTypes = { resource: ResourceNodeView };
const edgeTypes = { wire: WireEdgeView };

export function Canvas() {
  return (
    <ReactFlowProvider>
      <CanvasFlow />
    </ReactFlowProvider>
  );
}

function minimapColor(node: Node): string {
  const model = useStore.getState().lastGoodModel;
  const resource = model ? resourceIndex(model).get(node.id) : undefined;
  return resource ? categoryColor[cardFor(resource.kind).category] : "#888";
}

function CanvasFlow() {
  const nodes = useStore((s) => s.nodes);
  const edges = useStore((s) => s.edges);
  const onNodesChange = useStore((s) => s.onNodesChange);
  const onEdgesChange = useStore((s) => s.onEdgesChange);
  const theme = useStore((s) => s.theme);
  const layout = useStore((s) => s.layout);
  const [dragging, setDragging] = useState(false);
  const flow = useReactFlow();
  const wrapper = useRef<HTMLDivElement>(null);
  const pointer = useRef<{ x: number; y: number } | null>(null);

  useEffect(() => {
    useStore.getState().setCanvasView({
      centre() {
        const r = wrapper.current?.getBoundingClientRect();
        if (!r) return { x: 0, y: 0 };
        return flow.screenToFlowPosition({ x: r.left + r.width / 2, y: r.top + r.height / 2 });
      },
      setViewport(viewport) {
        void flow.setViewport(viewport);
      },
      fitNodes(ids) {
        if (ids.length === 0) return;
        void flow.fitView({ nodes: ids.map((id) => ({ id })), padding: 0.15, maxZoom: 1.1, duration: 0 });
      },
      fitView() {
        // With no nodes React Flow would keep the request and fit the first node added later.
        if (useStore.getState().nodes.length === 0) return;
        const r = wrapper.current?.getBoundingClientRect();
        const bounds = flow.getNodesBounds(useStore.getState().nodes);
        const fit = r ? Math.min((r.width * 0.88) / bounds.width, (r.height * 0.88) / bounds.height) : 1;
        if (!r || fit >= MIN_READABLE_ZOOM) {
          void flow.fitView({ padding: 0.12, maxZoom: 1.1, duration: 0 });
          return;
        }
        // Smaller than this the names cannot be read: show a large diagram from its sources (left) instead.
        const z = MIN_READABLE_ZOOM;
        const y = bounds.height * z > r.height ? 24 - bounds.y * z : r.height / 2 - (bounds.y + bounds.height / 2) * z;
        void flow.setViewport({ x: 24 - bounds.x * z, y, zoom: z });
      },
    });
    // The project may have loaded before the canvas mounted: show its saved view now.
    const saved = useStore.getState().settings.layout.viewport;
    if (saved && useStore.getState().nodes.length > 0) void flow.setViewport(saved);
    return () => useStore.getState().setCanvasView(null);
  }, [flow]);

  useEditShortcuts();
  useEffect(() => prewarmLayout(), []);

  const onConnect = useCallback((c: FlowConnection) => {
    if (!c.source || !c.target) return;
    connectResources(c.source, c.target, pointer.current ?? undefined);
  }, []);

  // A pair core refuses is shown invalid while the wire hovers it; dropping there says why.
  const onConnectEnd = useCallback((event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
    if (!state.toNode || state.isValid !== false || !state.fromNode) return;
    const fromIsSource = state.fromHandle?.type !== "target";
    const from = fromIsSource ? state.fromNode.id : state.toNode.id;
    const to = fromIsSource ? state.toNode.id : state.fromNode.id;
    const point = "clientX" in event ? { x: event.clientX, y: event.clientY } : pointer.current ?? undefined;
    connectResources(from, to, point);
  }, []);

  const onDragOver = useCallback((event: DragEvent) => {
    if (event.dataTransfer.types.includes(PALETTE_DRAG_TYPE)) {
      event.preventDefault();
      event.dataTransfer.dropEffect = "copy";
    }
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const kind = event.dataTransfer.getData(PALETTE_DRAG_TYPE);
      if (!kind) return;
      event.preventDefault();
      const p = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      addResource(kind, { x: p.x - NODE_WIDTH / 2, y: p.y - NODE_HEIGHT / 2 });
    },
    [flow],
  );

  const onKeyDown = useCallback((event: ReactKeyboardEvent) => {
    const target = event.target as HTMLElement;
    if (target.closest("input, textarea, select, [contenteditable='true']")) return;
    const s = useStore.getState();
    const mod = event.ctrlKey || event.metaKey;
    if (event.key === "Delete" || (event.key === "Backspace" && !mod)) {
      event.preventDefault();
      deleteSelection();
    } else if (event.key === "F2" && s.selectedIds.length === 1) {
      event.preventDefault();
      s.setRenaming(s.selectedIds[0]);
    } else if (event.key === "Enter" && target.classList.contains("react-flow__node")) {
      event.preventDefault();
      const id = target.getAttribute("data-id");
      if (id) s.select([id]);
      if (!s.panels.inspector) s.togglePanel("inspector");
      s.requestInspect();
    } else if (event.shiftKey && !mod && event.code === "Digit1") {
      // Shift+1 / Shift+2: fit the whole diagram / zoom to the selection (the keys design tools use).
      event.preventDefault();
      s.canvasView?.fitView();
    } else if (event.shiftKey && !mod && event.code === "Digit2") {
      event.preventDefault();
      s.canvasView?.fitNodes(s.selectedIds);
    } else if (event.key === "Escape") {
      s.dismissToast();
      s.clearSelection();
    } else if (mod && event.key.toLowerCase() === "c") {
      if (copySelection() > 0) event.preventDefault();
    } else if (mod && event.key.toLowerCase() === "v") {
      event.preventDefault();
      paste();
    } else if (mod && event.key.toLowerCase() === "d") {
      event.preventDefault();
      duplicateSelection();
    } else if (mod && event.key.toLowerCase() === "a") {
      event.preventDefault();
      s.select(s.nodes.map((n) => n.id));
    }
  }, []);

  // Focusing a node with Tab selects it, so the inspector follows the keyboard.
  const onFocus = useCallback((event: React.FocusEvent) => {
    const el = event.target as HTMLElement;
    if (!el.classList.contains("react-flow__node")) return;
    const id = el.getAttribute("data-id");
    const s = useStore.getState();
    if (id && !(s.selectedIds.length === 1 && s.selectedIds[0] === id) && !s.selectedIds.includes(id)) s.select([id]);
  }, []);

  return (
    <div
      className="ff-canvas"
      ref={wrapper}
      data-layout={layout.running ? "running" : "done"}
      onDragOver={onDragOver}
      onDragEnter={(e) => {
        if (e.dataTransfer.types.includes(PALETTE_DRAG_TYPE)) setDragging(true);
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as globalThis.Node | null)) setDragging(false);
      }}
      onDrop={(e) => {
        setDragging(false);
        onDrop(e);
      }}
      onKeyDown={onKeyDown}
      onFocus={onFocus}
      // The next gesture closes the bubble (a click event would also fire at the end of the wire drag that opened it).
      onPointerDown={() => useStore.getState().dismissToast()}
      onPointerMove={(e) => {
        pointer.current = { x: e.clientX, y: e.clientY };
      }}
    >
      <ReactFlow<ResourceNode, WireEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        // Every prop React Flow tracks must keep its identity between renders: a new function here
        // (the canvas re-renders on each drag step) made React Flow write it into its own store on
        // every step, re-running every node's and edge's store selector (StoreUpdater in @xyflow/react).
        onMoveEnd={rememberViewport}
        isValidConnection={isWireAllowed}
        onConnectEnd={onConnectEnd}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={MULTI_SELECTION_KEYS}
        colorMode={theme}
        minZoom={0.05}
        maxZoom={2}
        onlyRenderVisibleElements={nodes.length > 300}
        proOptions={PRO_OPTIONS}
        aria-label="Diagram"
      >
        <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} />
        <Controls position="bottom-left" aria-label="Zoom controls" showInteractive={false} />
        <MiniMap position="bottom-right" pannable zoomable nodeColor={minimapColor} ariaLabel="Minimap" style={MINIMAP_STYLE} />
        <CanvasPanels />
      </ReactFlow>
      {nodes.length === 0 && <EmptyCanvas dragging={dragging} />}
      <CanvasToastView />
      <ExportDialog />
    </div>
  );
}

/** The tools and notes over the canvas; memoized so a drag step (which re-renders the canvas) skips them. */
const CanvasPanels = memo(function CanvasPanels() {
  const layout = useStore((s) => s.layout);
  const empty = useStore((s) => s.nodes.length === 0);
  const textBroken = useStore((s) => s.model === null && s.lastGoodModel !== null);
  return (
    <>
      <Panel position="top-right" className="ff-canvas-tools">
        <button
          type="button"
          onClick={() => void useStore.getState().tidyLayout(true)}
          disabled={layout.running || empty}
          title="Lay out the diagram left to right: event sources, then functions, then the services they use"
        >
          {layout.running ? "Laying out…" : "Tidy layout"}
        </button>
      </Panel>
      {layout.engine === "grid" && layout.reason && (
        <Panel position="top-left" className="ff-canvas-note" role="status">
          Quick layout used: {layout.reason}.
        </Panel>
      )}
      {textBroken && (
        <Panel position="top-center" className="ff-canvas-note ff-canvas-note--warning" role="status">
          The template has an error; the diagram shows its last valid state.
        </Panel>
      )}
    </>
  );
});

function EmptyCanvas({ dragging }: { dragging: boolean }) {
  const hasProject = useStore((s) => s.project !== null);
  const parses = useStore((s) => s.model !== null || s.templateText.trim() === "");
  if (hasProject && parses && !dragging) {
    return (
      <div className="ff-canvas-empty">
        <StarterChooser />
      </div>
    );
  }
  return (
    <div className="ff-canvas-empty" role="note">
      {hasProject ? "Drag a resource from the palette, or type in the template view." : "Open a project or start a new one."}
    </div>
  );
}
