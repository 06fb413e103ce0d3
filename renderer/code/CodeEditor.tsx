/**
 * The one Monaco editor instance of the code panel. It swaps models per file (`path`), so undo
 * stacks and cursors survive switching tabs. Loaded lazily (CodePanel uses React.lazy).
 */
import { useEffect, useRef } from "react";
import Editor, { type OnMount } from "@monaco-editor/react";
import { functionWiring, generateDeclarations } from "../../core/code";
import { useStore } from "../store";
import { monaco, setFunctionDeclarations, useMonacoTheme } from "./monaco-setup";

function languageOf(path: string): string {
  if (/\.(ts|mts|cts)$/.test(path)) return "typescript";
  if (/\.(js|mjs|cjs)$/.test(path)) return "javascript";
  if (/\.py$/.test(path)) return "python";
  if (/\.json$/.test(path)) return "json";
  if (/\.ya?ml$/.test(path)) return "yaml";
  return "plaintext";
}

function uriOf(path: string): string {
  return `file:///project/${path}`;
}

export default function CodeEditor({ path }: { path: string }) {
  const buffer = useStore((s) => s.codeBuffers[path]);
  const editCode = useStore((s) => s.editCode);
  const theme = useMonacoTheme();
  const editorRef = useRef<Parameters<OnMount>[0] | null>(null);
  const pathRef = useRef(path);
  pathRef.current = path;

  // Intellisense follows the wiring: regenerate the function's declarations whenever the model changes.
  const functionId = buffer?.functionId ?? null;
  const model = useStore((s) => s.lastGoodModel);
  useEffect(() => {
    if (!functionId || !model) return setFunctionDeclarations(null, "");
    setFunctionDeclarations(functionId, generateDeclarations(functionWiring(model, functionId)));
  }, [functionId, model]);

  // A reload from disk replaces the model's text (keeps the model, so undo still works).
  const revision = buffer?.revision ?? 0;
  useEffect(() => {
    if (!buffer || revision === 0) return;
    const m = monaco.editor.getModel(monaco.Uri.parse(uriOf(path)));
    if (m && m.getValue() !== buffer.text) m.pushEditOperations([], [{ range: m.getFullModelRange(), text: buffer.text }], () => null);
  }, [revision, path]);

  const onMount: OnMount = (editor) => {
    editorRef.current = editor;
    // Monaco has one keybinding service for every editor on the page, so a bare addCommand would
    // also catch Ctrl/Cmd+S in the Test pane's event editor (microsoft/monaco-editor#2947). A
    // context key set only in this editor keeps the binding here.
    editor.createContextKey("flowformCodeFile", true);
    editor.addCommand(
      monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS,
      () => void useStore.getState().saveCode(pathRef.current).catch(() => undefined),
      "flowformCodeFile",
    );
  };

  if (!buffer) return null;
  return (
    <Editor
      path={uriOf(path)}
      defaultValue={buffer.text}
      defaultLanguage={languageOf(path)}
      theme={theme}
      onMount={onMount}
      onChange={(value) => editCode(pathRef.current, value ?? "")}
      options={{
        automaticLayout: true,
        minimap: { enabled: false },
        fontSize: 13,
        scrollBeyondLastLine: false,
        tabSize: path.endsWith(".py") ? 4 : 2,
        ariaLabel: `Code editor: ${path}`,
      }}
      loading={<div className="code-loading">Loading editor…</div>}
    />
  );
}
