/**
 * The Test pane's event editor: Monaco in JSON mode (Monaco is loaded by the time the Test pane
 * shows, and the JSON language service runs in its own worker), with the JSON problems it finds
 * listed under the editor so they are readable without hovering a squiggle. Loaded lazily, like
 * the code editor; each function's event is its own model (`file:///flowform/test-events/<Id>.json`).
 */
import { useEffect, useRef, useState } from "react";
import Editor, { type OnMount } from "@monaco-editor/react";
import { monaco, useMonacoTheme } from "./monaco-setup";

export function testEventUri(functionId: string): string {
  return `file:///flowform/test-events/${encodeURIComponent(functionId)}.json`;
}

interface Props {
  functionId: string;
  value: string;
  onChange(text: string): void;
  /** The editor lost focus: the pane saves the event when it is valid JSON. */
  onCommit(text: string): void;
}

export default function TestEventEditor({ functionId, value, onChange, onCommit }: Props) {
  const theme = useMonacoTheme();
  const uri = testEventUri(functionId);
  const commit = useRef(onCommit);
  commit.current = onCommit;
  const [problems, setProblems] = useState<monaco.editor.IMarker[]>([]);

  useEffect(() => {
    const resource = monaco.Uri.parse(uri);
    const update = () => setProblems(monaco.editor.getModelMarkers({ resource }).filter((m) => m.severity >= monaco.MarkerSeverity.Warning));
    update();
    const subscription = monaco.editor.onDidChangeMarkers((changed) => {
      if (changed.some((u) => u.toString() === resource.toString())) update();
    });
    return () => subscription.dispose();
  }, [uri]);

  const onMount: OnMount = (editor) => {
    editor.onDidBlurEditorText(() => commit.current(editor.getValue()));
    // Ctrl/Cmd+S here is the page's project save (the event is saved in flowform.json): take the
    // event as typed first. The key is left to bubble to the page's shortcut.
    editor.onKeyDown((e) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.keyCode === monaco.KeyCode.KeyS) commit.current(editor.getValue());
    });
  };

  return (
    <>
      <div className="code-test-event-editor">
        <Editor
          path={uri}
          language="json"
          value={value}
          theme={theme}
          onMount={onMount}
          onChange={(text) => onChange(text ?? "")}
          options={{
            automaticLayout: true,
            minimap: { enabled: false },
            fontSize: 12,
            lineNumbers: "off",
            glyphMargin: false,
            folding: true,
            lineDecorationsWidth: 4,
            scrollBeyondLastLine: false,
            wordWrap: "on",
            tabSize: 2,
            ariaLabel: "Test event",
          }}
          loading={<div className="code-loading">Loading editor…</div>}
        />
      </div>
      {problems.length > 0 && (
        <ul className="code-test-problems" aria-label="Test event problems">
          {problems.map((m, i) => (
            <li key={i}>
              Line {m.startLineNumber}, column {m.startColumn}: {m.message}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
