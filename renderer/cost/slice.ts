/**
 * Cost slice: the estimate of the open design, recomputed whenever the model or the usage
 * assumptions change. The table estimate runs at once (it is fast enough for every edit); the
 * cost-vs-traffic series, which re-estimates the design ~60 times, follows a moment later.
 */
import { costVsTraffic, estimate, type BreakEven, type CostBreakdown, type SeriesPoint } from "../../core/cost";
import type { UsageSettings } from "../../core/project/settings";
import type { SliceCreator } from "../store";
import { priceTableFor } from "./prices";

export interface CostSlice {
  cost: CostBreakdown | null;
  /** Monthly USD by logical ID (free tier as chosen), for the node badges. */
  costByResource: Record<string, number>;
  costSeries: { points: SeriesPoint[]; breakEven: BreakEven | null } | null;
  /** Set when the chosen region has no bundled table (the estimate uses us-east-1). */
  costRegionFallback: string | null;
  /** Change the usage assumptions (saved in flowform.json with the project). */
  updateUsage(update: (usage: UsageSettings) => UsageSettings): void;
  /** Set one usage value of a resource or wire; undefined removes it. */
  setUsageValue(target: UsageTarget, key: string, value: number | string | boolean | undefined): void;
}

export type UsageTarget = { resource: string } | { connection: string };

const SERIES_DELAY_MS = 250;

export const createCostSlice: SliceCreator<CostSlice> = (set, get, api) => {
  let seriesTimer: ReturnType<typeof setTimeout> | null = null;

  const recompute = () => {
    const { lastGoodModel, settings } = get();
    if (!lastGoodModel) {
      set({ cost: null, costByResource: {}, costSeries: null });
      return;
    }
    const usage = settings.usage;
    const { table, exact } = priceTableFor(usage.region);
    const cost = estimate(lastGoodModel, usage, table, { series: false });
    const costByResource: Record<string, number> = {};
    for (const r of cost.resources) costByResource[r.id] = r.usd;
    set({ cost, costByResource, costRegionFallback: exact ? null : usage.region });
    if (seriesTimer) clearTimeout(seriesTimer);
    seriesTimer = setTimeout(() => {
      seriesTimer = null;
      const { lastGoodModel: model, settings: now } = get();
      if (model !== lastGoodModel || now.usage !== usage) return;
      const { series, breakEven } = costVsTraffic(model, usage, table, { hoursPerMonth: usage.hoursPerMonth });
      set({ costSeries: { points: series, breakEven } });
    }, SERIES_DELAY_MS);
  };

  api.subscribe((state, previous) => {
    if (state.lastGoodModel !== previous.lastGoodModel || state.settings.usage !== previous.settings.usage) recompute();
  });
  // The project slice may already hold a model when this slice is created.
  queueMicrotask(recompute);

  return {
    cost: null,
    costByResource: {},
    costSeries: null,
    costRegionFallback: null,
    updateUsage(update) {
      get().updateSettings((settings) => ({ ...settings, usage: update(settings.usage) }));
    },
    setUsageValue(target, key, value) {
      get().updateUsage((usage) => {
        const section = "resource" in target ? "resources" : "connections";
        const id = "resource" in target ? target.resource : target.connection;
        const record = { ...(usage[section][id] ?? {}) };
        if (value === undefined) delete record[key];
        else record[key] = value;
        const next = { ...usage[section] };
        if (Object.keys(record).length === 0) delete next[id];
        else next[id] = record;
        return { ...usage, [section]: next };
      });
    },
  };
};
