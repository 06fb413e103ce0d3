/**
 * Monaco, bundled for offline use. This module is only reached through a dynamic import from the
 * code panel, so Monaco and its workers stay out of the startup bundle (see bench/bundle-size.mjs).
 * Workers: the editor worker, the TypeScript/JavaScript language service and JSON (the Test pane's
 * event editor); no other language service is bundled (monaco-editor.ts). No CDN:
 * `loader.config({ monaco })` hands @monaco-editor/react this copy.
 */
import * as monaco from "./monaco-editor";
import { loader } from "@monaco-editor/react";
import { useEffect, useState } from "react";
import EditorWorker from "monaco-editor/editor/editor.worker?worker";
import TsWorker from "monaco-editor/languages/features/typescript/ts.worker?worker";
import JsonWorker from "monaco-editor/languages/features/json/json.worker?worker";

self.MonacoEnvironment = {
  getWorker(_workerId: string, label: string) {
    if (label === "typescript" || label === "javascript") return new TsWorker();
    if (label === "json") return new JsonWorker();
    return new EditorWorker();
  },
};

loader.config({ monaco });

/**
 * @types/aws-lambda, bundled at build time as raw text (offline), mounted where the TypeScript
 * service resolves `import type { SQSEvent } from "aws-lambda"`.
 */
const awsLambdaTypes = import.meta.glob("../../node_modules/@types/aws-lambda/**/*.d.ts", { query: "?raw", import: "default", eager: true }) as Record<string, string>;
const AWS_LAMBDA_LIBS = Object.entries(awsLambdaTypes).map(([file, content]) => ({
  filePath: "file:///node_modules/@types/aws-lambda/" + file.split("@types/aws-lambda/")[1],
  content,
}));
AWS_LAMBDA_LIBS.push({ filePath: "file:///node_modules/@types/aws-lambda/package.json", content: JSON.stringify({ name: "@types/aws-lambda", types: "index.d.ts" }) });

const ts = monaco.typescript;
const compilerOptions = {
  target: ts.ScriptTarget.ESNext,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.NodeJs,
  allowNonTsExtensions: true,
  allowJs: true,
  checkJs: false,
  strict: true,
  esModuleInterop: true,
  lib: ["es2023", "dom"],
};
ts.typescriptDefaults.setCompilerOptions(compilerOptions);
ts.javascriptDefaults.setCompilerOptions(compilerOptions);
ts.typescriptDefaults.setEagerModelSync(true);

let currentDeclarations = "";
/** Swap in the active function's wiring-typed declarations (they declare `process`, so one at a time). */
export function setFunctionDeclarations(functionId: string | null, declarations: string): void {
  const key = `${functionId}\n${declarations}`;
  if (key === currentDeclarations) return;
  currentDeclarations = key;
  const libs = functionId ? [...AWS_LAMBDA_LIBS, { filePath: `file:///flowform/${functionId}.d.ts`, content: declarations }] : AWS_LAMBDA_LIBS;
  ts.typescriptDefaults.setExtraLibs(libs);
  ts.javascriptDefaults.setExtraLibs(libs);
}
setFunctionDeclarations(null, "");

/**
 * The app's theme as Monaco draws it. The shell sets <html data-theme="light|dark"> (following the
 * OS or the user's choice); the editors follow it.
 */
export type MonacoTheme = "vs" | "vs-dark";

function readTheme(): MonacoTheme {
  return document.documentElement.dataset.theme === "dark" ? "vs-dark" : "vs";
}

export function useMonacoTheme(): MonacoTheme {
  const [theme, setTheme] = useState<MonacoTheme>(readTheme);
  useEffect(() => {
    const observer = new MutationObserver(() => setTheme(readTheme()));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
    return () => observer.disconnect();
  }, []);
  return theme;
}

export { monaco };
