/**
 * One resource on the canvas. Memoized, and it reads only its own resource, problem counts and
 * badges from the store by logical ID, so moving or editing another node never re-renders it.
 */
import { memo, useState } from "react";
import { Handle, Position, type NodeProps } from "@xyflow/react";
import { cardFor } from "../../core/catalog";
import { ResourceIcon } from "./icons";
import { NodeBadges } from "./badges";
import { useIsRenaming, useResource, useResourceProblemCounts } from "./hooks";
import { renameResource } from "./actions";
import { useStore } from "../store";
import type { ResourceNode as ResourceNodeType } from "./diagram";

export const ResourceNodeView = memo(function ResourceNodeView({ id, selected }: NodeProps<ResourceNodeType>) {
  const resource = useResource(id);
  const problems = useResourceProblemCounts(id);
  const renaming = useIsRenaming(id);
  if (!resource) return null;
  const card = cardFor(resource.kind);
  const kindLabel = resource.kind === "generic" ? resource.type.replace(/^AWS::/, "") : card.label;
  return (
    <div
      className={`ff-node${selected ? " ff-node--selected" : ""}${resource.implicit ? " ff-node--implicit" : ""}`}
      title={resource.implicit ? resource.implicit.reason : `${resource.type}`}
    >
      <Handle type="target" position={Position.Left} className="ff-handle" aria-label={`Wire into ${resource.id}`} />
      <ResourceIcon icon={card.icon} category={card.category} size={34} />
      <div className="ff-node__text">
        {renaming ? <RenameField id={resource.id} /> : <div className="ff-node__id">{resource.id}</div>}
        <div className="ff-node__kind">{kindLabel}{resource.implicit ? " · implicit" : ""}</div>
      </div>
      <div className="ff-node__badges">
        {problems.errors > 0 && (
          <span className="ff-badge ff-badge--error" aria-label={`${problems.errors} error${problems.errors > 1 ? "s" : ""}`}>
            {problems.errors}
          </span>
        )}
        {problems.warnings > 0 && (
          <span className="ff-badge ff-badge--warning" aria-label={`${problems.warnings} warning${problems.warnings > 1 ? "s" : ""}`}>
            {problems.warnings}
          </span>
        )}
        <NodeBadges id={id} />
      </div>
      <Handle type="source" position={Position.Right} className="ff-handle" aria-label={`Wire out of ${resource.id}`} />
    </div>
  );
});

/** F2: the logical ID becomes a text field; Enter renames (references follow), Escape cancels. */
function RenameField({ id }: { id: string }) {
  const [value, setValue] = useState(id);
  const finish = (commit: boolean, at?: { x: number; y: number }) => {
    useStore.getState().setRenaming(null);
    if (commit && value.trim() !== id) renameResource(id, value.trim(), at);
    // Give the keyboard back to the node so Tab / arrows keep working.
    requestAnimationFrame(() => (document.querySelector(`.react-flow__node[data-id="${CSS.escape(commit ? value.trim() : id)}"]`) as HTMLElement | null)?.focus());
  };
  return (
    <input
      className="ff-node__rename nodrag"
      aria-label={`New logical ID for ${id}`}
      value={value}
      autoFocus
      onFocus={(e) => e.currentTarget.select()}
      onChange={(e) => setValue(e.target.value)}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === "Enter") {
          const r = e.currentTarget.getBoundingClientRect();
          finish(true, { x: r.left, y: r.bottom });
        } else if (e.key === "Escape") finish(false);
      }}
      onBlur={() => {
        if (useStore.getState().renamingId === id) finish(true);
      }}
    />
  );
}
