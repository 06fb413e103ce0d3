/** The deploy status pill on a canvas node: pending, in progress, complete, failed, rolling back. */
import { memo } from "react";
import type { NodeDeployStatus } from "../../core/deploy";
import { useNodeDeployStatus } from "./hooks";

export const STATUS_WORDS: Record<NodeDeployStatus, string> = {
  pending: "pending",
  "in-progress": "in progress",
  complete: "complete",
  failed: "failed",
  "rolling-back": "rolling back",
  "rolled-back": "rolled back",
  deleted: "deleted",
};

export const DeployBadge = memo(function DeployBadge({ id }: { id: string }) {
  const status = useNodeDeployStatus(id);
  if (!status) return null;
  return (
    <span className={`ff-badge ff-deploy-badge ff-deploy-badge--${status}`} data-testid={`deploy-badge-${id}`} aria-label={`${id} deploy status: ${STATUS_WORDS[status]}`} title="Deploy status (Deploy panel)" data-deploy-status={status}>
      {status === "in-progress" || status === "rolling-back" ? <span className="ff-deploy-badge__spinner" aria-hidden="true" /> : null}
      {STATUS_WORDS[status]}
    </span>
  );
});
