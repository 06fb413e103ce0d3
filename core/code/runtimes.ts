/**
 * The runtimes a new function can be created with, and what each means for its files.
 * Runtime identifiers as in the Lambda "Runtimes" table
 * (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html, read 2026-11-23).
 */
import type { CodeLanguage, LambdaArchitecture } from "./types";

export type StarterRuntime = "nodejs20.x" | "nodejs22.x" | "python3.12" | "python3.13";

export const STARTER_RUNTIMES: readonly { id: StarterRuntime; label: string }[] = [
  { id: "nodejs22.x", label: "Node.js 22" },
  { id: "nodejs20.x", label: "Node.js 20" },
  { id: "python3.13", label: "Python 3.13" },
  { id: "python3.12", label: "Python 3.12" },
];

export const ARCHITECTURES: readonly LambdaArchitecture[] = ["x86_64", "arm64"];

export interface StarterOptions {
  runtime: StarterRuntime;
  /** Node runtimes only: TypeScript or JavaScript. Ignored for Python. */
  language?: "typescript" | "javascript";
  architecture: LambdaArchitecture;
}

export type RuntimeFamily = "node" | "python";

/** "nodejs22.x" → node, "python3.12" → python; anything else (java, go, provided…) → undefined. */
export function runtimeFamily(runtime: string | undefined): RuntimeFamily | undefined {
  if (!runtime) return undefined;
  if (runtime.startsWith("nodejs")) return "node";
  if (runtime.startsWith("python")) return "python";
  return undefined;
}

export function languageOf(options: StarterOptions): CodeLanguage {
  return runtimeFamily(options.runtime) === "python" ? "python" : (options.language ?? "typescript");
}

/** The code folder of a function: `src/<LogicalId>/` (DESIGN.md, "a project is a folder"). */
export function codeFolder(functionId: string): string {
  return `src/${functionId}/`;
}

/** Entry file name and Handler property for a language. */
export function entryPoint(language: CodeLanguage): { file: string; handler: string } {
  switch (language) {
    case "typescript":
      return { file: "index.ts", handler: "index.handler" };
    case "javascript":
      // .mjs so the Node runtime loads it as an ES module without a package.json "type" field.
      return { file: "index.mjs", handler: "index.handler" };
    case "python":
      return { file: "app.py", handler: "app.handler" };
  }
}

/**
 * Candidate source files for a Handler such as "index.handler" or "handlers/orders.get":
 * the module path is everything before the last dot. Node tries .ts first (Flowform compiles
 * it), then the extensions the Lambda Node runtime resolves (.js, .mjs, .cjs).
 */
export function handlerFileCandidates(handler: string, runtime: string | undefined): { files: string[]; exportName: string } {
  const dot = handler.lastIndexOf(".");
  const modulePath = dot > 0 ? handler.slice(0, dot) : handler;
  const exportName = dot > 0 ? handler.slice(dot + 1) : "handler";
  const family = runtimeFamily(runtime);
  if (family === "python") return { files: [`${modulePath.replace(/\./g, "/")}.py`], exportName };
  return { files: [".ts", ".mts", ".js", ".mjs", ".cjs"].map((ext) => modulePath + ext), exportName };
}

/**
 * The template properties that tie a function to its code. TypeScript functions also get SAM's
 * esbuild build metadata ("Building Node.js Lambda functions with esbuild",
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/serverless-sam-cli-using-build-typescript.html).
 */
export function codeProperties(
  functionId: string,
  options: StarterOptions,
  resourceType = "AWS::Serverless::Function",
): { path: (string | number)[]; value: unknown }[] {
  const language = languageOf(options);
  const entry = entryPoint(language);
  // Plain CloudFormation functions name their code with `Code` (a local folder that
  // `aws cloudformation package` uploads); SAM uses `CodeUri`.
  const plain = resourceType === "AWS::Lambda::Function";
  const edits: { path: (string | number)[]; value: unknown }[] = [
    { path: ["Properties", plain ? "Code" : "CodeUri"], value: codeFolder(functionId) },
    { path: ["Properties", "Handler"], value: entry.handler },
    { path: ["Properties", "Runtime"], value: options.runtime },
    { path: ["Properties", "Architectures"], value: [options.architecture] },
  ];
  if (language === "typescript" && !plain) {
    const target = options.runtime === "nodejs20.x" ? "es2023" : "es2024";
    edits.push({
      path: ["Metadata"],
      value: { BuildMethod: "esbuild", BuildProperties: { Format: "esm", Minify: false, Target: target, EntryPoints: [entry.file], OutExtension: [".js=.mjs"] } },
    });
  }
  return edits;
}
