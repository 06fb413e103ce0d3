/**
 * A wire, styled by what it does: trigger solid, access dashed, destination dotted, reference a
 * thin grey line. The label says the detail in the template's words (`GET /orders`, `read-write`).
 */
import { memo, useEffect, useRef, useState, type ReactNode } from "react";
import { createPortal } from "react-dom";
import { BaseEdge, getBezierPath, useStore as useFlowStore, type EdgeProps, type ReactFlowState } from "@xyflow/react";
import type { WireEdge as WireEdgeType } from "./diagram";
import { useStore } from "../store";
import { WireProblemBadge } from "../problems/WireProblemBadge";

export const wireDash: Record<string, string | undefined> = {
  trigger: undefined,
  access: "7 5",
  destination: "2 4",
  reference: undefined,
};

/**
 * The HTML layer React Flow keeps for edge labels, found once per canvas. React Flow's own
 * `EdgeLabelRenderer` looks it up with `querySelector` in a store selector, which runs for every
 * label on every change of React Flow's store — several times per drag step — and was the largest
 * single JavaScript cost of dragging a node among 200 (bench/canvas.bench.ts, Chromium profile).
 */
const labelLayers = new WeakMap<HTMLElement, HTMLElement>();
function selectLabelLayer(state: ReactFlowState): HTMLElement | null {
  const root = state.domNode;
  if (!root) return null;
  let layer = labelLayers.get(root);
  if (!layer) {
    layer = root.querySelector<HTMLElement>(".react-flow__edgelabel-renderer") ?? undefined;
    if (layer) labelLayers.set(root, layer);
  }
  return layer ?? null;
}

function WireLabelLayer({ children }: { children: ReactNode }) {
  const layer = useFlowStore(selectLabelLayer);
  return layer ? createPortal(children, layer) : null;
}

/** Vertical distance between wires that join the same two resources. */
const LANE_GAP = 30;

/** A curve that leaves and enters horizontally but bulges by `offset`, so parallel wires and their labels do not overlap. */
function fannedPath(sx: number, sy: number, tx: number, ty: number, offset: number): [string, number, number] {
  const dx = Math.max(40, Math.abs(tx - sx) / 2);
  const bulge = offset * 1.35;
  const path = `M${sx},${sy} C${sx + dx},${sy + bulge} ${tx - dx},${ty + bulge} ${tx},${ty}`;
  // Midpoint of a cubic Bézier: (P0 + 3P1 + 3P2 + P3) / 8.
  return [path, (sx + 3 * (sx + dx) + 3 * (tx - dx) + tx) / 8, (sy + 3 * (sy + bulge) + 3 * (ty + bulge) + ty) / 8];
}

export const WireEdgeView = memo(function WireEdgeView(props: EdgeProps<WireEdgeType>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected, markerEnd } = props;
  const lanes = data?.lanes ?? 1;
  const offset = lanes > 1 ? ((data?.lane ?? 0) - (lanes - 1) / 2) * LANE_GAP : 0;
  const [path, labelX, labelY] =
    offset === 0 ? getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition }) : fannedPath(sourceX, sourceY, targetX, targetY, offset);
  const kind = data?.kind ?? "reference";
  // Hover shows a reference wire's label. React counts the portalled label as inside this <g>, so
  // moving from the line onto the label is no leave; the short delay also rides out pointer jitter.
  const [hovered, setHovered] = useState(false);
  const leaveTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => {
    if (leaveTimer.current) clearTimeout(leaveTimer.current);
  }, []);
  const enter = () => {
    if (leaveTimer.current) clearTimeout(leaveTimer.current);
    leaveTimer.current = null;
    setHovered(true);
  };
  const leave = () => {
    if (leaveTimer.current) clearTimeout(leaveTimer.current);
    leaveTimer.current = setTimeout(() => {
      leaveTimer.current = null;
      setHovered(false);
    }, 150);
  };
  const showLabel = Boolean(data?.label) && (kind !== "reference" || selected || hovered);
  return (
    <g onMouseEnter={kind === "reference" ? enter : undefined} onMouseLeave={kind === "reference" ? leave : undefined}>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        className={`ff-wire ff-wire--${kind}${selected ? " ff-wire--selected" : ""}`}
        style={{ strokeDasharray: wireDash[kind] }}
        interactionWidth={16}
      />
      {/* Check findings about this wire (renderer/problems), beside its label. */}
      <WireProblemBadge id={id} x={labelX} y={labelY} label={showLabel ? data?.label : undefined} />
      {/* Reference wires ("Ref", "GetAtt Arn") are many and say little: their label shows when selected or hovered. */}
      {showLabel ? (
        <WireLabelLayer>
          <div
            className={`ff-wire-label ff-wire-label--${kind}${selected ? " ff-wire-label--selected" : ""} nodrag nopan`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            onClick={() => {
              useStore.getState().selectWire(id);
              // Keep the keyboard on the canvas (Delete removes the wire) by focusing the wire itself.
              document.querySelector<SVGGElement>(`.react-flow__edge[data-id="${CSS.escape(id)}"]`)?.focus();
            }}
          >
            {data?.label}
          </div>
        </WireLabelLayer>
      ) : null}
    </g>
  );
});
