import { memo } from "react";
import type { CostBreakdown } from "../../core/cost";
import { useStore } from "../store";
import { formatMoney, formatMoneyShort, useNodeCost } from "./hooks";

/**
 * Logical IDs the estimate prices: those with at least one cost line (a meter reading, even at
 * zero traffic). IAM roles, log groups, secrets and the like have none, so a "$0.00" there would
 * claim a price the engine never computed. Cached per breakdown so each badge's selector is O(1).
 */
const pricedCache = new WeakMap<CostBreakdown, Set<string>>();
function pricedIds(cost: CostBreakdown): Set<string> {
  let ids = pricedCache.get(cost);
  if (!ids) {
    ids = new Set(cost.resources.filter((r) => r.lines.length > 0).map((r) => r.id));
    pricedCache.set(cost, ids);
  }
  return ids;
}

/** Monthly cost badge for a canvas node; renders nothing until there is an estimate, or for a resource the estimate does not price. */
export const CostBadge = memo(function CostBadge({ id }: { id: string }) {
  const usd = useNodeCost(id);
  const priced = useStore((s) => (s.cost ? pricedIds(s.cost).has(id) : false));
  if (usd === undefined || !priced) return null;
  return (
    <span className="ff-badge ff-badge--cost ff-cost-badge" data-testid={`cost-badge-${id}`} aria-label={`Monthly cost of ${id}: ${formatMoney(usd)}`} title="Estimated monthly cost (Cost panel)">
      {formatMoneyShort(usd)}/mo
    </span>
  );
});
