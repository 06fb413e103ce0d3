import { memo } from "react";
import { formatMoney, formatMoneyShort, useNodeCost } from "./hooks";

/** Monthly cost badge for a canvas node; renders nothing until there is an estimate. */
export const CostBadge = memo(function CostBadge({ id }: { id: string }) {
  const usd = useNodeCost(id);
  if (usd === undefined) return null;
  return (
    <span className="ff-badge ff-badge--cost ff-cost-badge" data-testid={`cost-badge-${id}`} aria-label={`Monthly cost of ${id}: ${formatMoney(usd)}`} title="Estimated monthly cost (Cost panel)">
      {formatMoneyShort(usd)}/mo
    </span>
  );
});
