/**
 * The problem badges of a wire: the errors and warnings whose problem names this wire (core's
 * checks say which wires a finding is about — a loop names every wire it goes round, a trigger
 * problem its trigger wire). Drawn inside the wire's SVG group, just right of its label (or on
 * the wire's midpoint when no label shows), so the wire's accessible group holds them. Clicking
 * one selects the wire and opens the Problems tab.
 */
import { memo } from "react";
import type { Problem } from "../../core/model/types";
import { useStore } from "../store";
import "./problems.css";

interface WireCounts {
  errors: number;
  warnings: number;
  messages: string[];
}

const NONE: WireCounts = Object.freeze({ errors: 0, warnings: 0, messages: [] as string[] }) as WireCounts;
const indexes = new WeakMap<Problem[], Map<string, WireCounts>>();

/** Counts per wire id, computed once per problem list (every edit derives a new list). */
export function problemCountsByWire(problems: Problem[]): Map<string, WireCounts> {
  let index = indexes.get(problems);
  if (!index) {
    index = new Map();
    for (const p of problems) {
      if (p.severity === "info" || !p.connections) continue;
      for (const id of p.connections) {
        const counts = index.get(id) ?? { errors: 0, warnings: 0, messages: [] };
        if (p.severity === "error") counts.errors++;
        else counts.warnings++;
        counts.messages.push(p.message);
        index.set(id, counts);
      }
    }
    indexes.set(problems, index);
  }
  return index;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/**
 * Width of a wire label as canvas.css draws it (11 px system font, 8 px padding each side), from
 * its text: the label is HTML laid over the SVG, so it is estimated rather than measured.
 */
function labelWidth(label: string | undefined): number {
  return label ? label.length * 6.3 + 18 : 0;
}

/** Badges of wire `id` beside the label the wire draws centred on (x, y); `label` is its text when it shows. */
export const WireProblemBadge = memo(function WireProblemBadge({ id, x, y, label }: { id: string; x: number; y: number; label?: string }) {
  const errors = useStore((s) => (problemCountsByWire(s.problems).get(id) ?? NONE).errors);
  const warnings = useStore((s) => (problemCountsByWire(s.problems).get(id) ?? NONE).warnings);
  const titles = useStore((s) => (problemCountsByWire(s.problems).get(id) ?? NONE).messages.join("\n"));
  if (errors === 0 && warnings === 0) return null;
  const badges = [
    ...(errors ? [{ tone: "error", count: errors, label: plural(errors, "error") }] : []),
    ...(warnings ? [{ tone: "warning", count: warnings, label: plural(warnings, "warning") }] : []),
  ];
  const widths = badges.map((b) => 10 + 6 * String(b.count).length);
  const total = widths.reduce((a, b) => a + b, 0) + 4 * (badges.length - 1);
  let left = label ? x + labelWidth(label) / 2 + 4 : x - total / 2;
  const open = () => {
    useStore.getState().selectWire(id);
    useStore.getState().setBottomTab("problems");
  };
  return (
    <g className="ff-wire-badges" onClick={open}>
      <title>{titles}</title>
      {badges.map((b, i) => {
        const at = left;
        left += widths[i] + 4;
        return (
          <g key={b.tone} className={`ff-wire-badge ff-wire-badge--${b.tone}`} role="img" aria-label={b.label} transform={`translate(${at}, ${y - 7})`}>
            <rect width={widths[i]} height={14} rx={7} />
            <text x={widths[i] / 2} y={10.5} textAnchor="middle">
              {b.count}
            </text>
          </g>
        );
      })}
    </g>
  );
});
