/**
 * Test support: type-check generated TypeScript with the real compiler and the installed
 * @types/aws-lambda, the way the editor will see it (the function's .d.ts as a global script,
 * DOM + ES2023 libs, no @types/node).
 */
import ts from "typescript";
import path from "node:path";

const root = process.cwd();
// (virtual files live under the repo root so "aws-lambda" resolves to node_modules/@types/aws-lambda)
const libCache = new Map<string, ts.SourceFile | undefined>();

export function typeErrors(files: Record<string, string>): string[] {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true,
    noEmit: true,
    types: [],
    lib: ["lib.es2023.d.ts", "lib.dom.d.ts"],
    skipLibCheck: true,
  };
  const dir = path.join(root, "__typecheck__");
  const virtual = new Map(Object.entries(files).map(([name, text]) => [path.join(dir, name), text]));
  const host = ts.createCompilerHost(options);
  const baseGet = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, lang) => {
    const text = virtual.get(fileName);
    if (text !== undefined) return ts.createSourceFile(fileName, text, lang, true);
    if (!libCache.has(fileName)) libCache.set(fileName, baseGet(fileName, lang));
    return libCache.get(fileName);
  };
  const baseExists = host.fileExists.bind(host);
  host.fileExists = (f) => virtual.has(f) || baseExists(f);
  const baseRead = host.readFile.bind(host);
  host.readFile = (f) => virtual.get(f) ?? baseRead(f);
  const program = ts.createProgram([...virtual.keys()], options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => `${d.file ? path.basename(d.file.fileName) : ""}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
}
