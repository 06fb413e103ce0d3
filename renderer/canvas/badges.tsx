/**
 * The badge slot of a node, for facts other features own: the monthly cost (renderer/cost's
 * `useNodeCost`) and the deploy status (renderer/deploy's `useNodeDeployStatus`). Each badge is
 * a tiny component reading its own piece of the store by logical ID.
 */
import { memo } from "react";
import { CostBadge } from "../cost/CostBadge";
import { DeployBadge } from "../deploy/DeployBadge";

export const NodeBadges = memo(function NodeBadges({ id }: { id: string }) {
  return (
    <>
      <CostBadge id={id} />
      <DeployBadge id={id} />
    </>
  );
});
