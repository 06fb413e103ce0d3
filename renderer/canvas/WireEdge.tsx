/**
 * A wire, styled by what it does: trigger solid, access dashed, destination dotted, reference a
 * thin grey line. The label says the detail in the template's words (`GET /orders`, `read-write`).
 */
import { memo } from "react";
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from "@xyflow/react";
import type { WireEdge as WireEdgeType } from "./diagram";

export const wireDash: Record<string, string | undefined> = {
  trigger: undefined,
  access: "7 5",
  destination: "2 4",
  reference: undefined,
};

export const WireEdgeView = memo(function WireEdgeView(props: EdgeProps<WireEdgeType>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected, markerEnd } = props;
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const kind = data?.kind ?? "reference";
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        className={`ff-wire ff-wire--${kind}${selected ? " ff-wire--selected" : ""}`}
        style={{ strokeDasharray: wireDash[kind] }}
        interactionWidth={16}
      />
      {data?.label ? (
        <EdgeLabelRenderer>
          <div
            className={`ff-wire-label ff-wire-label--${kind}${selected ? " ff-wire-label--selected" : ""} nodrag nopan`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          >
            {data.label}
          </div>
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
});
