/**
 * Problems from reading and validating the template (and architecture checks when present).
 * Clicking one selects the resource and focuses the field it is about; a quick fix, when the
 * problem has one, is a core operation like any other edit (so it can be undone). Above the list,
 * the checks' own settings (the concurrency budget) — saved in flowform.json, undoable.
 */
import { memo, useEffect, useId, useMemo, useState } from "react";
import type { Problem } from "../../core/model/types";
import { useStore } from "../store";
import { concurrencyBudgetOf, parseConcurrencyBudget, withConcurrencyBudget } from "../store/checks";
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
  const errors = sorted.filter((p) => p.severity === "error").length;
  const warnings = sorted.filter((p) => p.severity === "warning").length;
  return (
    <div className="ff-problems">
      <CheckSettings />
      {sorted.length === 0 ? (
        <p className="ff-problems__none">No problems found in the template.</p>
      ) : (
        <>
          <div className="ff-problems__summary">
            {errors} error{errors === 1 ? "" : "s"}, {warnings} warning{warnings === 1 ? "" : "s"}
          </div>
          <ul className="ff-problems__list" aria-label="Problems">
            {sorted.map((p, i) => (
              <ProblemItem key={`${p.code}-${p.resource ?? ""}-${p.line ?? ""}-${i}`} problem={p} />
            ))}
          </ul>
        </>
      )}
    </div>
  );
});

function ProblemItem({ problem: p }: { problem: Problem }) {
  return (
    <li className={`ff-problem ff-problem--${p.severity}`}>
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
  );
}

/**
 * Settings the checks read that the template cannot hold, saved in flowform.json `preferences`:
 * the concurrency budget turns on the reserved-concurrency check. Committed on Enter or when the
 * field loses focus, as one undoable step (Undo in the toolbar, Ctrl/Cmd+Z on the canvas).
 */
function CheckSettings() {
  const budget = useStore((s) => concurrencyBudgetOf(s.settings));
  const [draft, setDraft] = useState(budget === undefined ? "" : String(budget));
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  // Undo, redo, a reload or another window's save change the budget under the field: show it.
  useEffect(() => {
    setDraft(budget === undefined ? "" : String(budget));
    setError(null);
  }, [budget]);
  const commit = () => {
    const parsed = parseConcurrencyBudget(draft);
    if ("error" in parsed) {
      setError(parsed.error);
      return;
    }
    setError(null);
    if (parsed.budget === budget) return;
    useStore
      .getState()
      .changePreferences(parsed.budget === undefined ? "Turn off the concurrency budget" : `Set the concurrency budget to ${parsed.budget}`, (prefs) => withConcurrencyBudget(prefs, parsed.budget));
  };
  return (
    <form
      className="ff-problems__settings"
      aria-label="Check settings"
      onSubmit={(e) => {
        e.preventDefault();
        commit();
      }}
    >
      <label className="ff-problems__setting">
        <span>Concurrency budget</span>
        <input
          value={draft}
          inputMode="numeric"
          placeholder="off"
          size={7}
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-help${error ? ` ${id}-error` : ""}`}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === "Escape") {
              setDraft(budget === undefined ? "" : String(budget));
              setError(null);
            }
          }}
        />
      </label>
      <span id={`${id}-help`} className="ff-problems__help">
        {budget === undefined
          ? "concurrent executions this application may use. Set one to check that functions behind APIs, S3, SNS, EventBridge and uncapped queues reserve their share."
          : `concurrent executions: functions behind APIs, S3, SNS, EventBridge and uncapped queues must reserve their share. Saved in flowform.json; empty turns the check off.`}
      </span>
      {error ? (
        <span id={`${id}-error`} className="ff-problems__error" role="alert">
          {error}
        </span>
      ) : null}
    </form>
  );
}
