import { useStore } from "../store";

/** Monthly cost of one resource (USD, free tier as chosen), or undefined before an estimate. */
export function useNodeCost(id: string): number | undefined {
  return useStore((s) => s.costByResource[id]);
}

/** "$0.00", "$12.40", "$1.2k", "<$0.01" — short enough for a node badge. */
export function formatMoneyShort(usd: number): string {
  if (usd > 0 && usd < 0.005) return "<$0.01";
  if (usd >= 10_000) return `$${(usd / 1000).toFixed(0)}k`;
  if (usd >= 1000) return `$${(usd / 1000).toFixed(1)}k`;
  return `$${usd.toFixed(2)}`;
}

export function formatMoney(usd: number): string {
  return `$${usd.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}
