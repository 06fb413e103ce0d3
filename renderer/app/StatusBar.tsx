/** Status bar: project folder, counts, the last message, whether unsaved edits are safe in the recovery file. */
import { useStore } from "../store";

export function StatusBar() {
  const dir = useStore((s) => s.project?.dir);
  const file = useStore((s) => s.project?.templateFile);
  const message = useStore((s) => s.statusMessage);
  const dirty = useStore((s) => s.dirty);
  const recoverySavedAt = useStore((s) => s.recoverySavedAt);
  const errors = useStore((s) => s.problems.filter((p) => p.severity === "error").length);

  return (
    <footer className="region statusbar" aria-label="Status bar">
      <span className="status-item">{dir ? `${dir}/${file}` : "Not saved yet"}</span>
      <span className="status-item">{errors === 0 ? "No errors" : `${errors} error${errors === 1 ? "" : "s"}`}</span>
      {dirty && recoverySavedAt && (
        <span className="status-item" data-testid="recovery-status">
          Unsaved edits kept for recovery
        </span>
      )}
      <span role="status" className={`status-item status-message ${message?.kind === "error" ? "is-error" : ""}`}>
        {message?.text ?? ""}
      </span>
    </footer>
  );
}
