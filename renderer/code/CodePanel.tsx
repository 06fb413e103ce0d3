/**
 * The code panel (bottom-panel tab "Code"): tabs of open function files, the lazily loaded Monaco
 * editor, the "create code" form for a function without code, and the Test pane.
 */
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from "react";
import { functionRunSettings, functionWiring, isFunctionResource, runtimeFamily, sampleEvent, STARTER_RUNTIMES, TRIGGER_LABELS, type StarterRuntime } from "../../core/code";
import type { LambdaArchitecture } from "../../core/code";
import { useStore } from "../store";
import "./code.css";

const CodeEditor = lazy(() => import("./CodeEditor"));
const TestEventEditor = lazy(() => import("./TestEventEditor"));

function fileName(path: string): string {
  return path.split("/").pop() ?? path;
}

function CodeTabs() {
  const tabs = useStore((s) => s.codeTabs);
  const active = useStore((s) => s.codeActivePath);
  const buffers = useStore((s) => s.codeBuffers);
  const setActive = useStore((s) => s.setActiveCodeTab);
  const close = useStore((s) => s.closeCodeTab);
  if (tabs.length === 0) return null;
  return (
    <div role="tablist" aria-label="Open code files" className="code-tabs">
      {tabs.map((path) => {
        const b = buffers[path];
        const dirty = b && b.text !== b.savedText;
        const deleted = !!b?.deletedOnDisk;
        const label = `${fileName(path)}${b?.functionId ? ` (${b.functionId})` : ""}`;
        return (
          <div key={path} className="code-tab" data-active={path === active} data-deleted={deleted}>
            <button
              role="tab"
              aria-selected={path === active}
              title={deleted ? `${path} (deleted on disk)` : path}
              onClick={() => setActive(path)}
              aria-label={`${label}${deleted ? " (deleted)" : ""}${dirty ? ", unsaved" : ""}`}
            >
              {dirty && <span className="code-dirty" aria-hidden="true">●</span>}
              <span className="code-tab-name">{label}</span>
              {deleted && <span className="code-deleted-mark" aria-hidden="true"> (deleted)</span>}
            </button>
            <button className="code-tab-close" aria-label={`Close ${fileName(path)}`} title="Close" onClick={() => void close(path)}>
              ×
            </button>
          </div>
        );
      })}
    </div>
  );
}

function DiskChangeBanner({ path }: { path: string }) {
  const changed = useStore((s) => s.codeBuffers[path]?.diskText !== null && s.codeBuffers[path]?.diskText !== undefined);
  const reload = useStore((s) => s.reloadFromDisk);
  const keep = useStore((s) => s.keepMyVersion);
  if (!changed) return null;
  return (
    <div role="alert" className="code-banner">
      <span>{fileName(path)} was changed on disk by another program.</span>
      <button onClick={() => reload(path)}>Reload from disk</button>
      <button onClick={() => keep(path)}>Keep my version</button>
    </div>
  );
}

/**
 * The open file was deleted (or renamed away) by another program: its text is still here, and can
 * be written back or let go — as VS Code offers for an editor whose file is gone.
 */
function DeletedOnDiskBanner({ path }: { path: string }) {
  const deleted = useStore((s) => !!s.codeBuffers[path]?.deletedOnDisk);
  const save = useStore((s) => s.saveCode);
  const close = useStore((s) => s.closeCodeTab);
  if (!deleted) return null;
  return (
    <div role="alert" className="code-banner code-banner-deleted">
      <span>
        {fileName(path)} was deleted or moved away on disk by another program. Its text is kept here, unsaved.
      </span>
      <button onClick={() => void save(path).catch(() => undefined)} title={`Write this text to ${path} again`}>
        Save again
      </button>
      <button onClick={() => void close(path, { letDeletedGo: true })}>Close tab</button>
    </div>
  );
}

function SaveButton({ path }: { path: string }) {
  // A file deleted on disk can always be saved (back), even without edits.
  const dirty = useStore((s) => s.codeBuffers[path] && (s.codeBuffers[path].text !== s.codeBuffers[path].savedText || s.codeBuffers[path].deletedOnDisk));
  const save = useStore((s) => s.saveCode);
  return (
    <button className="code-save" disabled={!dirty} onClick={() => void save(path).catch(() => undefined)} title="Save (Ctrl/Cmd+S)">
      Save file
    </button>
  );
}

function CreateCodeForm({ functionId }: { functionId: string }) {
  const model = useStore((s) => s.model);
  const create = useStore((s) => s.createFunctionCode);
  const cancel = useStore((s) => s.cancelCreateCode);
  const current = model ? functionRunSettings(model, functionId) : undefined;
  const initialRuntime = (STARTER_RUNTIMES.find((r) => r.id === current?.runtime)?.id ?? "nodejs22.x") as StarterRuntime;
  const [runtime, setRuntime] = useState<StarterRuntime>(initialRuntime);
  const [language, setLanguage] = useState<"typescript" | "javascript">("typescript");
  const [architecture, setArchitecture] = useState<LambdaArchitecture>(current?.architecture ?? "arm64");
  const [busy, setBusy] = useState(false);
  const wiring = model ? functionWiring(model, functionId) : null;
  const isNode = runtimeFamily(runtime) === "node";
  return (
    <form
      className="code-create"
      aria-label={`Create code for ${functionId}`}
      onSubmit={(e) => {
        e.preventDefault();
        setBusy(true);
        void create(functionId, { runtime, language, architecture }).finally(() => setBusy(false));
      }}
    >
      <h3>{functionId} has no code yet</h3>
      <p>
        Flowform writes a starter handler in <code>src/{functionId}/</code> shaped by its wiring
        {wiring && wiring.triggers.length ? ` (triggered by ${wiring.triggers.map((t) => TRIGGER_LABELS[t.kind]).join(", ")}` : " (no trigger yet"}
        {wiring && wiring.accesses.length ? `; uses ${wiring.accesses.map((a) => a.target).join(", ")})` : ")"} and points the template at it.
      </p>
      {model?.resources.find((r) => r.id === functionId)?.properties.InlineCode !== undefined && (
        <p className="code-note">Its InlineCode is replaced by the code folder (copy what you need from the Template tab first).</p>
      )}
      <div className="code-create-fields">
      <label>
        Runtime
        <select value={runtime} onChange={(e) => setRuntime(e.target.value as StarterRuntime)}>
          {STARTER_RUNTIMES.map((r) => (
            <option key={r.id} value={r.id}>{r.label}</option>
          ))}
        </select>
      </label>
      {isNode && (
        <label>
          Language
          <select value={language} onChange={(e) => setLanguage(e.target.value as "typescript" | "javascript")}>
            <option value="typescript">TypeScript</option>
            <option value="javascript">JavaScript</option>
          </select>
        </label>
      )}
      <label>
        Architecture
        <select value={architecture} onChange={(e) => setArchitecture(e.target.value as LambdaArchitecture)}>
          <option value="arm64">arm64 (Graviton)</option>
          <option value="x86_64">x86_64</option>
        </select>
      </label>
      </div>
      <div className="code-create-actions">
        <button type="submit" disabled={busy}>Create code</button>
        <button type="button" onClick={cancel}>Cancel</button>
      </div>
    </form>
  );
}

function OpenFunctionPicker() {
  const model = useStore((s) => s.model);
  const open = useStore((s) => s.openFunctionCode);
  const functions = useMemo(() => (model?.resources ?? []).filter((r) => isFunctionResource(r) && !r.implicit).map((r) => r.id), [model]);
  const [choice, setChoice] = useState("");
  const selected = functions.includes(choice) ? choice : (functions[0] ?? "");
  if (!functions.length) return <p className="code-empty">Add a function to the canvas to write its code here.</p>;
  return (
    <div className="code-empty">
      <p>Double-click a function on the canvas, or choose one here, to open its handler.</p>
      <label>
        Function
        <select value={selected} onChange={(e) => setChoice(e.target.value)}>
          {functions.map((id) => (
            <option key={id} value={id}>{id}</option>
          ))}
        </select>
      </label>
      <button onClick={() => void open(selected)} disabled={!selected}>Open code</button>
    </div>
  );
}

function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms.toFixed(ms < 10 ? 1 : 0)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

function parseJson(text: string): { value: unknown } | { error: string } {
  try {
    return { value: JSON.parse(text) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

function sameJson(text: string, value: unknown): boolean {
  const parsed = parseJson(text);
  return "value" in parsed && JSON.stringify(parsed.value) === JSON.stringify(value);
}

function TestPane({ functionId }: { functionId: string }) {
  const model = useStore((s) => s.model);
  const savedEvent = useStore((s) => s.settings.testEvents[functionId]);
  const eventFor = useStore((s) => s.testEventFor);
  const setTestEvent = useStore((s) => s.setTestEvent);
  const runTest = useStore((s) => s.runTest);
  const stopTest = useStore((s) => s.stopTest);
  const run = useStore((s) => s.testRuns[functionId]);
  // The event text of each function as typed (valid or not): switching functions keeps it, and the
  // editor never shows one function's event under another's name. Untouched, it is the saved event
  // or the sample of the function's first trigger (which follows the wiring).
  const [typed, setTyped] = useState<Record<string, string>>({});
  const text = typed[functionId] ?? JSON.stringify(eventFor(functionId), null, 2);
  const setText = (value: string) => setTyped((all) => ({ ...all, [functionId]: value }));
  const [parseError, setParseError] = useState<string | null>(null);
  const textRef = useRef(text);
  textRef.current = text;
  useEffect(() => setParseError(null), [functionId]);
  useEffect(() => {
    // The saved event changed from outside (undo, flowform.json reloaded): show it, unless it is
    // what the editor already says (saving on blur must not reformat what the person typed).
    if (savedEvent === undefined || sameJson(textRef.current, savedEvent)) return;
    setTyped((all) => ({ ...all, [functionId]: JSON.stringify(savedEvent, null, 2) }));
    setParseError(null);
  }, [savedEvent]); // only when the saved event itself changes
  const triggers = model ? functionWiring(model, functionId).triggers : [];

  const parsed = (): unknown | undefined => {
    const result = parseJson(text);
    setParseError("error" in result ? `The test event is not valid JSON: ${result.error}` : null);
    return "value" in result ? result.value : undefined;
  };

  const result = run?.state === "done" ? run.result : null;
  return (
    <section className="code-test" aria-label={`Test ${functionId}`}>
      {/* One header row: on a short bottom panel the event editor keeps the rest of the height. */}
      <div className="code-test-head">
        <h3>Test {functionId}</h3>
        {triggers.length > 0 && (
          <select
            aria-label="Sample event"
            title="Replace the test event with a sample of a trigger's event"
            value=""
            onChange={(e) => {
              const t = triggers[Number(e.target.value)];
              if (!t) return;
              const sample = sampleEvent(t);
              setText(JSON.stringify(sample, null, 2));
              setTestEvent(functionId, sample);
            }}
          >
            <option value="">Insert a sample event…</option>
            {triggers.map((t, i) => (
              <option key={i} value={i}>{TRIGGER_LABELS[t.kind]}{t.source ? ` from ${t.source}` : ""}</option>
            ))}
          </select>
        )}
        <button
          className="code-run"
          disabled={run?.state === "running"}
          onClick={() => {
            const value = parsed();
            if (value === undefined) return;
            setTestEvent(functionId, value);
            void runTest(functionId, value);
          }}
        >
          {run?.state === "running" ? "Running…" : "Run test"}
        </button>
        {run?.state === "running" && (
          <button className="code-run" onClick={() => void stopTest(functionId)}>
            Stop
          </button>
        )}
      </div>
      <div className="code-test-input">
        <div className="code-test-event">
          <span id="code-test-event-label">Test event</span>
          <Suspense fallback={<pre className="code-loading" aria-labelledby="code-test-event-label">{text}</pre>}>
            <TestEventEditor
              functionId={functionId}
              value={text}
              onChange={setText}
              onCommit={(current) => {
                const value = parseJson(current);
                if ("value" in value) setTestEvent(functionId, value.value);
              }}
            />
          </Suspense>
        </div>
        {parseError && <p role="alert" className="code-error-text">{parseError}</p>}
      </div>
      <div className="code-test-result" aria-live="polite" aria-label="Test result">
        {!run && <p className="code-note">Run the test to see the returned value, the logs and the duration here. The handler runs on this machine with the function's timeout, memory and variables, and no AWS credentials.</p>}
        {run?.state === "failed" && <p role="alert" className="code-error-text">{run.message}</p>}
        {result && (
          <>
            <p className={`code-status code-status-${result.status}`}>
              {result.status === "ok" && `Succeeded in ${formatDuration(result.durationMs)}`}
              {result.status === "error" && `Failed after ${formatDuration(result.durationMs)}: ${result.error?.type}`}
              {result.status === "timeout" && `Timed out after ${formatDuration(result.durationMs)}`}
              {result.status === "crashed" && (result.error?.type === "Flowform.Cancelled" ? "Stopped" : `Crashed: ${result.error?.type}`)}
              {result.status === "unavailable" && "Could not run"}
              {result.ranWith ? ` · ${result.ranWith}` : ""}
            </p>
            {result.status === "ok" && (
              <>
                <h4>Returned value</h4>
                <pre aria-label="Returned value">{JSON.stringify(result.value, null, 2)}</pre>
              </>
            )}
            {result.error && (
              <>
                <h4>Error</h4>
                <pre aria-label="Error" className="code-error-text">{result.error.message}{result.error.stack ? `\n\n${result.error.stack}` : ""}</pre>
              </>
            )}
            <h4>Logs</h4>
            <pre aria-label="Logs">{result.logs || "(no output)"}</pre>
            {result.notes.map((n) => (
              <p key={n} className="code-note">{n}</p>
            ))}
          </>
        )}
      </div>
    </section>
  );
}

export function CodePanel() {
  const active = useStore((s) => s.codeActivePath);
  const createFor = useStore((s) => s.codeCreateFor);
  const testFunction = useStore((s) => s.codeTestFunction);
  const functionExists = useStore((s) => !!testFunction && !!s.model?.resources.some((r) => r.id === testFunction));
  return (
    <div className="code-panel">
      <div className="code-main">
        <div className="code-toolbar">
          <CodeTabs />
          {active && !createFor && <SaveButton path={active} />}
        </div>
        {createFor ? (
          <CreateCodeForm functionId={createFor} />
        ) : active ? (
          <>
            <DiskChangeBanner path={active} />
            <DeletedOnDiskBanner path={active} />
            <div className="code-editor-host">
              <Suspense fallback={<div className="code-loading">Loading editor…</div>}>
                <CodeEditor path={active} />
              </Suspense>
            </div>
          </>
        ) : (
          <OpenFunctionPicker />
        )}
      </div>
      {testFunction && functionExists && !createFor && <TestPane functionId={testFunction} />}
    </div>
  );
}
