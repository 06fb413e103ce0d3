/**
 * One resource on the canvas. Memoized, and it reads only its own resource, problem counts and
 * badges from the store by logical ID, so moving or editing another node never re-renders it.
 */
import { Fragment, memo, useState } from "react";
import { Handle, Position, type NodeProps } from "@xyflow/react";
import { cardFor } from "../../core/catalog";
import { ResourceIcon } from "./icons";
import { NodeBadges } from "./badges";
import { useIsRenaming, useNodeFacts, useResourceProblemCounts } from "./hooks";
import { renameResource } from "./actions";
import { idWords } from "./id-words";
import { useStore } from "../store";
import type { ResourceNode as ResourceNodeType } from "./diagram";

export const ResourceNodeView = memo(function ResourceNodeView({ id, selected }: NodeProps<ResourceNodeType>) {
  const facts = useNodeFacts(id);
  const problems = useResourceProblemCounts(id);
  const renaming = useIsRenaming(id);
  if (!facts) return null;
  const card = cardFor(facts.kind);
  const kindLabel = facts.kind === "generic" ? facts.type.replace(/^AWS::/, "") : card.label;
  return (
    <div
      className={`ff-node${selected ? " ff-node--selected" : ""}${facts.implicitReason ? " ff-node--implicit" : ""}`}
      title={`${id}\n${facts.implicitReason ?? facts.type}`}
    >
      <Handle type="target" position={Position.Left} className="ff-handle" aria-label={`Wire into ${id}`} />
      <ResourceIcon icon={card.icon} category={card.category} size={30} />
      <div className="ff-node__text">
        {renaming ? <RenameField id={id} /> : <div className="ff-node__id">{breakable(id)}</div>}
        <div className="ff-node__kind">{kindLabel}{facts.implicitReason ? " · implicit" : ""}</div>
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
      <Handle type="source" position={Position.Right} className="ff-handle" aria-label={`Wire out of ${id}`} />
    </div>
  );
});

/**
 * The ID with line-break opportunities at its word boundaries (camelCase humps, digits, "-", "_"),
 * so a long ID wraps onto a second line between words ("SqsHandlerLambda / ExecutionRole")
 * rather than being cut to "SqsHan…". Text content (and so search/aria) stays the plain ID.
 */
function breakable(id: string) {
  const parts = idWords(id);
  if (parts.length < 2) return id;
  return parts.map((part, i) => (
    <Fragment key={i}>
      {i > 0 && <wbr />}
      {part}
    </Fragment>
  ));
}

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
