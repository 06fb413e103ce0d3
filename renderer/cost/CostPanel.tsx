/**
 * The Cost tab: total per month, region and free-tier choice, a table by resource and pricing
 * dimension, the cost-vs-traffic chart with the always-on break-even, the assumptions used,
 * and the budget alarm.
 */
import { Fragment, useState } from "react";
import type { CostLine } from "../../core/cost";
import { useStore } from "../store";
import { BudgetAlarm } from "./BudgetAlarm";
import { CostChart } from "./CostChart";
import { formatMoney } from "./hooks";
import { REGION_CHOICES } from "./prices";

function quantity(n: number): string {
  if (n === 0) return "0";
  if (n >= 1000) return Math.round(n).toLocaleString("en-US");
  return String(Number(n.toPrecision(4)));
}

/** How a line's price was checked, in words (the price tables' `seen`). */
const SEEN_WORDS: Record<CostLine["seen"], string> = {
  store: "seen in a stored copy of the AWS page",
  "3p": "seen in a third-party copy or article, not on the AWS page itself",
  derived: "derived from other figures, not seen for this region",
  recall: "recalled, not seen in a source",
};

function lineUsd(usd: number): string {
  return usd > 0 && usd < 0.005 ? "<$0.01" : formatMoney(usd);
}

export function CostPanel() {
  const cost = useStore((s) => s.cost);
  const series = useStore((s) => s.costSeries);
  const region = useStore((s) => s.settings.usage.region);
  const freeTier = useStore((s) => s.settings.usage.freeTier);
  const twelveMonth = useStore((s) => s.settings.usage.twelveMonthFreeTier === true);
  const fallback = useStore((s) => s.costRegionFallback);
  const [showAll, setShowAll] = useState(false);
  if (!cost) return <div className="ff-cost ff-cost__hint">Open or create a project to see its monthly cost.</div>;

  const resources = [...cost.resources].sort((a, b) => b.usd - a.usd || a.id.localeCompare(b.id));
  const visibleLines = (lines: CostLine[]) => (showAll ? lines : lines.filter((l) => l.quantity > 0 || l.usd > 0));
  const priced = resources.filter((r) => visibleLines(r.lines).length > 0);

  return (
    <div className="ff-cost">
      <div className="ff-cost__header">
        <div className="ff-cost__total" role="status" aria-label="Monthly total">
          <span className="ff-cost__amount" data-testid="cost-total">{formatMoney(cost.total)}</span>
          <span className="ff-cost__per">/ month</span>
          <span className="ff-cost__sub">
            {freeTier ? `${formatMoney(cost.totalWithoutFreeTier)} without free tier` : `${formatMoney(cost.totalWithFreeTier)} with free tier`}
            {cost.costPerMillionEntryRequests !== null && ` · ${formatMoney(cost.costPerMillionEntryRequests)} per million entry requests`}
          </span>
        </div>
        <div className="ff-field ff-cost__control">
          <label htmlFor="ff-cost-region">Region</label>
          <select id="ff-cost-region" value={region} onChange={(e) => useStore.getState().updateUsage((u) => ({ ...u, region: e.target.value }))}>
            {REGION_CHOICES.map((r) => (
              <option key={r.region} value={r.region}>
                {r.name} ({r.region})
              </option>
            ))}
            {fallback && <option value={fallback}>{fallback} (no price table)</option>}
          </select>
        </div>
        <label className="ff-cost__check">
          <input type="checkbox" checked={freeTier} onChange={(e) => useStore.getState().updateUsage((u) => ({ ...u, freeTier: e.target.checked }))} />
          Free tier
        </label>
        <label className="ff-cost__check" title="API Gateway and S3 allowances for the first 12 months of a new account">
          <input type="checkbox" checked={twelveMonth} disabled={!freeTier} onChange={(e) => useStore.getState().updateUsage((u) => ({ ...u, twelveMonthFreeTier: e.target.checked }))} />
          12-month free tier
        </label>
        <label className="ff-cost__check">
          <input type="checkbox" checked={showAll} onChange={(e) => setShowAll(e.target.checked)} />
          Show zero lines
        </label>
      </div>
      {fallback && <p className="ff-field__error" role="alert">No price table for {fallback}: showing us-east-1 prices.</p>}
      <div className="ff-cost__body">
        <div className="ff-cost__tablewrap">
          <table className="ff-cost__table" aria-label="Cost by resource and dimension">
            <thead>
              <tr>
                <th scope="col">Resource / dimension</th>
                <th scope="col">Quantity</th>
                <th scope="col">Price</th>
                <th scope="col" className="num">Monthly</th>
              </tr>
            </thead>
            <tbody>
              {priced.length === 0 && (
                <tr>
                  <td colSpan={4} className="ff-cost__hint">
                    Nothing billable yet: select an API, bucket, queue or topic and type its traffic in the inspector.
                  </td>
                </tr>
              )}
              {priced.map((r) => (
                <Fragment key={r.id}>
                  <tr className="ff-cost__resource">
                    <th scope="row">
                      <button type="button" className="link" onClick={() => useStore.getState().select([r.id])}>
                        {r.id}
                      </button>{" "}
                      <span className="ff-cost__muted">{quantity(r.traffic.quantity)} {r.traffic.unit}</span>
                    </th>
                    <td />
                    <td />
                    <td className="num" data-testid={`cost-row-${r.id}`}>{lineUsd(r.usd)}</td>
                  </tr>
                  {visibleLines(r.lines).map((l, i) => (
                    <tr key={i} className="ff-cost__line">
                      <td>
                        {l.service}: {l.dimension}
                      </td>
                      <td>
                        {quantity(l.quantity)} <span className="ff-cost__muted">{l.unit}</span>
                      </td>
                      <td title={`${l.source}, read ${l.read}, ${SEEN_WORDS[l.seen]}`}>
                        {l.price}
                        {(l.seen === "recall" || l.seen === "derived") && <span className="ff-cost__recall"> ({l.seen === "recall" ? "recalled" : "derived"})</span>}
                      </td>
                      <td className="num">{lineUsd(l.usd)}</td>
                    </tr>
                  ))}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
        <div className="ff-cost__side">
          <h3>Cost vs traffic</h3>
          {series ? <CostChart points={series.points} breakEven={series.breakEven} current={cost.entryRequests} /> : <p className="ff-cost__hint">Computing…</p>}
          {series?.breakEven && <p className="ff-cost__breakeven">{series.breakEven.summary}</p>}
          <h3>Assumptions</h3>
          <ul className="ff-cost__assumptions" aria-label="Assumptions">
            {cost.assumptions.map((a, i) => (
              <li key={i}>{a}</li>
            ))}
            {cost.warnings.map((w, i) => (
              <li key={`w${i}`} className="ff-field__error">
                {w}
              </li>
            ))}
          </ul>
          <BudgetAlarm suggestedUsd={cost.total} />
        </div>
      </div>
    </div>
  );
}
