/**
 * In-page dialogs. PathPrompt stands in for native file dialogs in the web host (a browser page
 * cannot browse the host's file system); ConfirmDialog replaces window.confirm, which blocks
 * and cannot be driven by assistive technology or tests in the same way.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { useStore } from "../store";

/**
 * A modal dialog: Escape cancels, Tab stays inside, and focus goes back where it was on close.
 */
function Modal({ labelledBy, onCancel, children }: { labelledBy: string; onCancel: () => void; children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    return () => previous?.focus?.();
  }, []);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") {
        event.preventDefault();
        onCancel();
        return;
      }
      if (event.key !== "Tab" || !box.current) return;
      const focusable = [...box.current.querySelectorAll<HTMLElement>("button:not([disabled]), input, [tabindex]:not([tabindex='-1'])")];
      if (focusable.length === 0) return;
      const first = focusable[0];
      const last = focusable[focusable.length - 1];
      if (event.shiftKey && document.activeElement === first) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first.focus();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onCancel]);
  return (
    <div className="modal-backdrop">
      <div ref={box} className="modal" role="dialog" aria-modal="true" aria-labelledby={labelledBy}>
        {children}
      </div>
    </div>
  );
}

export function PathPrompt() {
  const prompt = useStore((s) => s.pathPrompt);
  const close = useStore((s) => s.closePathPrompt);
  const [value, setValue] = useState("");
  const input = useRef<HTMLInputElement>(null);
  const titleId = useId();
  const hintId = useId();

  useEffect(() => {
    if (!prompt) return;
    setValue(prompt.initialValue);
    requestAnimationFrame(() => input.current?.select());
  }, [prompt]);

  if (!prompt) return null;
  const cancel = () => close(null);
  return (
    <Modal labelledBy={titleId} onCancel={cancel}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (value.trim()) close(value.trim());
        }}
      >
        <h2 id={titleId}>{prompt.title}</h2>
        <label className="field">
          <span>Path</span>
          <input
            ref={input}
            value={value}
            onChange={(e) => setValue(e.target.value)}
            aria-describedby={prompt.hint ? hintId : undefined}
            spellCheck={false}
            autoComplete="off"
          />
        </label>
        {prompt.hint && (
          <p id={hintId} className="hint">
            {prompt.hint}
          </p>
        )}
        {prompt.suggestions && prompt.suggestions.length > 0 && (
          <ul className="suggestions" aria-label="Recent projects">
            {prompt.suggestions.map((s) => (
              <li key={s.path}>
                <button type="button" className="link" onClick={() => close(s.path)}>
                  {s.label}
                </button>
              </li>
            ))}
          </ul>
        )}
        <div className="modal-actions">
          <button type="button" onClick={cancel}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={!value.trim()}>
            {prompt.confirmLabel}
          </button>
        </div>
      </form>
    </Modal>
  );
}

export function ConfirmDialog() {
  const request = useStore((s) => s.confirmRequest);
  const close = useStore((s) => s.closeConfirm);
  const titleId = useId();
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (request) first.current?.focus();
  }, [request]);
  if (!request) return null;
  return (
    <Modal labelledBy={titleId} onCancel={() => close(null)}>
      <h2 id={titleId}>{request.title}</h2>
      <p>{request.message}</p>
      <div className="modal-actions">
        {request.choices.map((choice, i) => (
          <button key={choice} ref={i === 0 ? first : undefined} type="button" className={i === 0 ? "primary" : ""} onClick={() => close(choice)}>
            {choice}
          </button>
        ))}
      </div>
    </Modal>
  );
}
