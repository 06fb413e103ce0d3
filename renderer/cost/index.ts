/**
 * Public face of the cost feature in the renderer:
 * - `CostPanel` — the Cost bottom-panel tab (registered in renderer/app/panels.ts).
 * - `CostBadge` / `useNodeCost(id)` — a node's monthly cost, for the canvas badge slot.
 * - `UsageFields({ target })` — usage inputs for a resource or wire, for the inspector.
 * - `createCostSlice` — the store slice (estimate recomputed on model/usage change).
 */
import "./cost.css";

export { CostPanel } from "./CostPanel";
export { CostBadge } from "./CostBadge";
export { UsageFields } from "./UsageFields";
export { useNodeCost, formatMoney, formatMoneyShort } from "./hooks";
export { createCostSlice, type CostSlice, type UsageTarget } from "./slice";
export { budgetResource, BUDGET_TYPE } from "./BudgetAlarm";
