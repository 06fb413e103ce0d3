/**
 * Cost vs traffic, drawn in SVG: log scales on both axes (1k … 1B entry requests a month),
 * the design's monthly cost with and without free tier, the always-on instance as a flat line,
 * and a marker at the traffic typed in. Both axes are labelled; the same numbers are offered as
 * a table under the chart, for screen readers and for anyone who wants exact figures.
 */
import type { BreakEven, SeriesPoint } from "../../core/cost";
import { formatMoney } from "./hooks";

const W = 520;
const H = 220;
const PAD = { left: 66, right: 12, top: 12, bottom: 34 };

function ticksFor(min: number, max: number): number[] {
  const ticks: number[] = [];
  for (let e = Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e++) ticks.push(10 ** e);
  return ticks;
}

function countLabel(n: number): string {
  if (n >= 1e9) return `${n / 1e9}B`;
  if (n >= 1e6) return `${n / 1e6}M`;
  if (n >= 1e3) return `${n / 1e3}k`;
  return String(n);
}

function moneyLabel(n: number): string {
  if (n >= 1000) return `$${n / 1000}k`;
  if (n >= 1) return `$${n}`;
  return `$${n.toFixed(n >= 0.1 ? 1 : 2)}`;
}

export function CostChart({ points, breakEven, current }: { points: SeriesPoint[]; breakEven: BreakEven | null; current: number }) {
  if (points.length === 0) return <p className="ff-cost__hint">Add an entry point (API, bucket, queue, topic, bus, stream) to see cost against traffic.</p>;
  const xMin = points[0].entryRequests;
  const xMax = points[points.length - 1].entryRequests;
  const values = points.flatMap((p) => [p.usd, p.usdWithoutFreeTier]).concat(breakEven ? [breakEven.monthlyUsd] : []);
  const yMin = Math.max(0.01, Math.min(...values.filter((v) => v > 0), 1));
  const yMax = Math.max(...values, 1);
  const lx = (v: number) => Math.log10(v);
  const x = (v: number) => PAD.left + ((lx(v) - lx(xMin)) / (lx(xMax) - lx(xMin))) * (W - PAD.left - PAD.right);
  const y = (v: number) => {
    const clamped = Math.max(v, yMin);
    return H - PAD.bottom - ((lx(clamped) - lx(yMin)) / (lx(yMax) - lx(yMin) || 1)) * (H - PAD.top - PAD.bottom);
  };
  const path = (key: "usd" | "usdWithoutFreeTier") => points.map((p, i) => `${i ? "L" : "M"}${x(p.entryRequests).toFixed(1)},${y(p[key]).toFixed(1)}`).join(" ");
  const yTicks = ticksFor(yMin, yMax).filter((t) => t >= yMin / 1.0001 && t <= yMax * 1.0001);
  const xTicks = ticksFor(xMin, xMax).filter((t) => t >= xMin && t <= xMax);
  const summary = `Monthly cost from ${formatMoney(points[0].usd)} at ${countLabel(xMin)} to ${formatMoney(points[points.length - 1].usd)} at ${countLabel(xMax)} entry requests a month.${breakEven ? ` ${breakEven.summary}` : ""}`;
  return (
    <figure className="ff-cost__chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Cost vs traffic chart. ${summary}`}>
        {yTicks.map((t) => (
          <g key={`y${t}`}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} className="ff-chart__grid" />
            <text x={PAD.left - 6} y={y(t) + 4} textAnchor="end" className="ff-chart__label">{moneyLabel(t)}</text>
          </g>
        ))}
        {xTicks.map((t) => (
          <g key={`x${t}`}>
            <line x1={x(t)} x2={x(t)} y1={PAD.top} y2={H - PAD.bottom} className="ff-chart__grid" />
            <text x={x(t)} y={H - PAD.bottom + 14} textAnchor="middle" className="ff-chart__label">{countLabel(t)}</text>
          </g>
        ))}
        <text x={(W + PAD.left) / 2} y={H - 4} textAnchor="middle" className="ff-chart__label">entry requests / month</text>
        <text x={12} y={(H - PAD.bottom + PAD.top) / 2} textAnchor="middle" transform={`rotate(-90 12 ${(H - PAD.bottom + PAD.top) / 2})`} className="ff-chart__label">
          monthly cost (USD)
        </text>
        {breakEven && (
          <g>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(breakEven.monthlyUsd)} y2={y(breakEven.monthlyUsd)} className="ff-chart__always-on" />
            <text x={W - PAD.right - 4} y={y(breakEven.monthlyUsd) - 4} textAnchor="end" className="ff-chart__label">{breakEven.instance} always on</text>
          </g>
        )}
        <path d={path("usdWithoutFreeTier")} className="ff-chart__line ff-chart__line--nofree" />
        <path d={path("usd")} className="ff-chart__line" />
        {current >= xMin && current <= xMax && <line x1={x(current)} x2={x(current)} y1={PAD.top} y2={H - PAD.bottom} className="ff-chart__current" />}
        {breakEven?.requestsPerMonth && breakEven.requestsPerMonth <= xMax && (
          <g>
            <circle cx={x(breakEven.requestsPerMonth)} cy={y(breakEven.monthlyUsd)} r={4} className="ff-chart__breakeven" />
            <text x={x(breakEven.requestsPerMonth) + 6} y={y(breakEven.monthlyUsd) + 14} className="ff-chart__label ff-chart__label--strong">
              break-even ≈ {countLabel(Number(breakEven.requestsPerMonth.toPrecision(2)))}
            </text>
          </g>
        )}
      </svg>
      <figcaption className="ff-cost__legend">
        <span className="ff-legend ff-legend--design">this design</span>
        <span className="ff-legend ff-legend--nofree">without free tier</span>
        {breakEven && <span className="ff-legend ff-legend--always-on">{breakEven.instance} ({formatMoney(breakEven.monthlyUsd)}/month)</span>}
        {current > 0 && <span className="ff-legend ff-legend--current">your traffic</span>}
      </figcaption>
      <details className="ff-cost__chartdata">
        <summary>Chart data</summary>
        <table aria-label="Cost vs traffic data">
          <thead>
            <tr>
              <th scope="col">Entry requests / month</th>
              <th scope="col" className="num">This design</th>
              <th scope="col" className="num">Without free tier</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.entryRequests}>
                <th scope="row">{countLabel(p.entryRequests)}</th>
                <td className="num">{formatMoney(p.usd)}</td>
                <td className="num">{formatMoney(p.usdWithoutFreeTier)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
