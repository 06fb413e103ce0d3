/**
 * The live template: the YAML (or JSON) text, editable. Typing updates the canvas after a short
 * pause; a text that does not parse shows its error in place (line and message) while the canvas
 * keeps its last good state, and nothing typed is lost. A plain textarea keeps this view out of
 * the startup bundle's weight (Monaco is lazy-loaded by the code editor).
 */
import { memo, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useStore } from "../store";
import "./template-view.css";

/** Pause after the last keystroke before the text is read again (fast enough to feel live). */
export const TEMPLATE_EDIT_DEBOUNCE_MS = 400;

/** Ask the template view to show a line (the problems panel, a wire's "written in the template"). */
export function revealTemplateLine(line: number): void {
  window.dispatchEvent(new CustomEvent("flowform:reveal-line", { detail: { line } }));
}

export const TemplateView = memo(function TemplateView() {
  const storeText = useStore((s) => s.templateText);
  const textVersion = useStore((s) => s.textVersion);
  const problems = useStore((s) => s.problems);
  const parseErrors = useMemo(() => problems.filter((p) => p.source === "parse" && p.severity === "error"), [problems]);
  const selectedLine = useStore((s) => {
    const id = s.selectedIds.length === 1 ? s.selectedIds[0] : null;
    return id ? s.lastGoodModel?.resources.find((r) => r.id === id && !r.implicit)?.line ?? null : null;
  });
  const [draft, setDraft] = useState(storeText);
  const area = useRef<HTMLTextAreaElement>(null);
  const gutter = useRef<HTMLDivElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const ownVersion = useRef(-1);

  // Text changed elsewhere (canvas, inspector, undo, open): show it, keeping the cursor where it was.
  useEffect(() => {
    if (textVersion === ownVersion.current) return;
    const el = area.current;
    const start = el?.selectionStart ?? 0;
    const end = el?.selectionEnd ?? 0;
    setDraft(storeText);
    if (el && document.activeElement === el) requestAnimationFrame(() => el.setSelectionRange(Math.min(start, storeText.length), Math.min(end, storeText.length)));
  }, [storeText, textVersion]);

  const commit = useCallback((text: string) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const s = useStore.getState();
    if (text === s.templateText) return;
    s.setTemplateText(text, "template-view");
    ownVersion.current = useStore.getState().textVersion;
  }, []);

  // The latest typed text, readable after unmount (the textarea's ref is already gone by then).
  const latest = useRef(draft);
  useEffect(() => () => {
    // Leaving the tab (or closing the panel) must not drop the last keystrokes.
    if (timer.current) commit(latest.current);
  }, [commit]);

  const onChange = (text: string) => {
    latest.current = text;
    setDraft(text);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => commit(text), TEMPLATE_EDIT_DEBOUNCE_MS);
  };

  const goToLine = useCallback((line: number, select = false) => {
    const el = area.current;
    if (!el) return;
    const lines = el.value.split("\n");
    let offset = 0;
    for (let i = 0; i < Math.min(line - 1, lines.length); i++) offset += lines[i].length + 1;
    el.focus();
    el.setSelectionRange(offset, select ? offset + (lines[line - 1]?.length ?? 0) : offset);
    const lineHeight = parseFloat(getComputedStyle(el).lineHeight) || 18;
    el.scrollTop = Math.max(0, (line - 4) * lineHeight);
  }, []);

  useEffect(() => {
    const onReveal = (e: Event) => goToLine((e as CustomEvent<{ line: number }>).detail.line, true);
    window.addEventListener("flowform:reveal-line", onReveal);
    return () => window.removeEventListener("flowform:reveal-line", onReveal);
  }, [goToLine]);

  // Selecting a resource scrolls the text to it (without taking the keyboard away from the canvas).
  useEffect(() => {
    const el = area.current;
    if (!el || !selectedLine || document.activeElement === el) return;
    const lineHeight = parseFloat(getComputedStyle(el).lineHeight) || 18;
    el.scrollTop = Math.max(0, (selectedLine - 3) * lineHeight);
  }, [selectedLine]);

  const lineCount = useMemo(() => draft.split("\n").length, [draft]);
  const errorLines = useMemo(() => new Set(parseErrors.map((p) => p.line).filter((l): l is number => typeof l === "number")), [parseErrors]);
  const numbers = useMemo(() => {
    const out: string[] = [];
    for (let i = 1; i <= lineCount; i++) out.push(errorLines.has(i) ? `● ${i}` : String(i));
    return out.join("\n");
  }, [lineCount, errorLines]);
  const pending = draft !== storeText;
  const firstError = parseErrors[0];

  return (
    <div className="ff-template">
      {firstError ? (
        <div className="ff-template__error" role="alert">
          <button type="button" className="link" onClick={() => firstError.line && goToLine(firstError.line, true)}>
            {firstError.line ? `Line ${firstError.line}${firstError.column ? `, column ${firstError.column}` : ""}` : "Template"}
          </button>
          : {firstError.message}
          {parseErrors.length > 1 ? ` (and ${parseErrors.length - 1} more)` : ""}. The diagram shows the last version that parsed.
        </div>
      ) : (
        <div className="ff-template__status" aria-live="polite">
          {pending ? "Editing…" : "Edits here update the diagram; edits on the diagram appear here."}
        </div>
      )}
      <div className="ff-template__editor">
        <div className="ff-template__gutter" ref={gutter} aria-hidden="true">
          <pre>{numbers}</pre>
        </div>
        <textarea
          ref={area}
          className="ff-template__text"
          aria-label="Template source"
          aria-invalid={firstError ? true : undefined}
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          wrap="off"
          value={draft}
          onChange={(e) => onChange(e.target.value)}
          onBlur={(e) => {
            if (timer.current) commit(e.target.value);
          }}
          onScroll={(e) => {
            if (gutter.current) gutter.current.scrollTop = e.currentTarget.scrollTop;
          }}
          onKeyDown={(e) => {
            // Tab inserts two spaces (YAML indents with spaces); Escape leaves the field for keyboard users.
            if (e.key === "Tab" && !e.shiftKey && !e.ctrlKey && !e.metaKey) {
              e.preventDefault();
              const el = e.currentTarget;
              const { selectionStart: s0, selectionEnd: s1 } = el;
              const next = el.value.slice(0, s0) + "  " + el.value.slice(s1);
              onChange(next);
              requestAnimationFrame(() => el.setSelectionRange(s0 + 2, s0 + 2));
            } else if (e.key === "Escape") {
              e.currentTarget.blur();
            }
          }}
        />
      </div>
    </div>
  );
});
