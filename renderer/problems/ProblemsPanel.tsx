/**
 * Problems from reading and validating the template (and architecture checks when present).
 * Clicking one selects the resource and focuses the field it is about; a quick fix, when the
 * problem has one, is a core operation like any other edit (so it can be undone).
 */
import { memo, useMemo } from "react";
import type { Problem } from "../../core/model/types";
import { useStore } from "../store";
import { isRefusal } from "../store/history-slice";
import { revealTemplateLine } from "../template-view";
import "./problems.css";

const severityOrder = { error: 0, warning: 1, info: 2 } as const;

export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort((a, b) => severityOrder[a.severity] - severityOrder[b.severity] || (a.line ?? 0) - (b.line ?? 0));
}

/** "OrdersTable · Properties.BillingMode · line 12", leaving out what the problem does not have. */
export function whereOf(p: Problem): string {
  return [p.resource, p.path?.length ? p.path.join(".") : undefined, p.line ? `line ${p.line}` : undefined].filter(Boolean).join(" · ");
}

export function selectProblem(problem: Problem): void {
  const s = useStore.getState();
  const exists = problem.resource && s.lastGoodModel?.resources.some((r) => r.id === problem.resource);
  if (problem.resource && exists) {
    s.select([problem.resource]);
    s.focusField({ resource: problem.resource, path: problem.path ?? [] });
    if (!s.panels.inspector) s.togglePanel("inspector");
    s.requestInspect();
  } else if (problem.line) {
    s.setBottomTab("template");
    requestAnimationFrame(() => revealTemplateLine(problem.line!));
  }
}

export const ProblemsPanel = memo(function ProblemsPanel() {
  const problems = useStore((s) => s.problems);
  const sorted = useMemo(() => sortProblems(problems), [problems]);
  if (sorted.length === 0) {
    return <p className="ff-problems__none">No problems found in the template.</p>;
  }
  const errors = sorted.filter((p) => p.severity === "error").length;
  const warnings = sorted.filter((p) => p.severity === "warning").length;
  return (
    <div className="ff-problems">
      <div className="ff-problems__summary">
        {errors} error{errors === 1 ? "" : "s"}, {warnings} warning{warnings === 1 ? "" : "s"}
      </div>
      <ul className="ff-problems__list" aria-label="Problems">
        {sorted.map((p, i) => (
          <li key={`${p.code}-${p.resource ?? ""}-${p.line ?? ""}-${i}`} className={`ff-problem ff-problem--${p.severity}`}>
            <button type="button" className="ff-problem__main" onClick={() => selectProblem(p)}>
              <span className="ff-problem__severity" aria-label={p.severity}>
                {p.severity === "error" ? "✖" : p.severity === "warning" ? "▲" : "ℹ"}
              </span>
              <span className="ff-problem__message">{p.message}</span>
              <span className="ff-problem__where">{whereOf(p)}</span>
            </button>
            {p.why && <div className="ff-problem__why">{p.why}</div>}
            {p.fix && (
              <button
                type="button"
                className="ff-problem__fix"
                onClick={() => {
                  const result = useStore.getState().runOperation(p.fix!.operation, "problems");
                  if (isRefusal(result)) useStore.getState().setStatus(result.reason, "error");
                  else useStore.getState().setStatus(`Applied: ${p.fix!.title}`);
                }}
              >
                {p.fix.title}
              </button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
});
