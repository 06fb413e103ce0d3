/**
 * `flowform validate FILE|FOLDER… [--json]`
 *
 * Validates templates: parse problems (core/template/parse) and CloudFormation / SAM validation
 * (core/validate) against the bundled resource specification (resources/spec). Prints one line
 * per problem as `file:line:column: severity code message`. Exit 0 when there is no error
 * (warnings are printed but do not fail), 1 when a template has errors, 2 when a file cannot be
 * read or is not a template at all.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Problem } from "../../core/model/types";
import type { CloudFormationSpec, SamSpec, Spec } from "../../core/spec";
import { parseTemplate } from "../../core/template/parse";
import { validateTemplate } from "../../core/validate";
import type { Command, CommandIO } from "../command";

let cachedSpec: Spec | undefined;

/** resources/spec, found from this file upwards (the source tree and the bundled dist/cli both work). */
function specDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, "resources", "spec");
    if (existsSync(join(candidate, "cloudformation.json"))) return candidate;
    dir = dirname(dir);
  }
  throw new Error("resource specification not found (resources/spec/cloudformation.json; run node scripts/build-spec.mjs)");
}

/** The CloudFormation and SAM specification, read once per process. */
export function loadSpec(): Spec {
  if (cachedSpec) return cachedSpec;
  const dir = specDir();
  const cfn = JSON.parse(readFileSync(join(dir, "cloudformation.json"), "utf8")) as CloudFormationSpec;
  const samFile = join(dir, "sam.json");
  const sam = existsSync(samFile) ? (JSON.parse(readFileSync(samFile, "utf8")) as SamSpec) : undefined;
  cachedSpec = { cfn, sam };
  return cachedSpec;
}

export class InputError extends Error {}

/** A template file, or a project folder's template.yaml / .yml / .json. */
export function resolveTemplateFile(path: string, cwd: string): string {
  const full = resolve(cwd, path);
  if (!existsSync(full)) throw new InputError(`${path}: no such file or folder`);
  if (!statSync(full).isDirectory()) return full;
  const found = ["template.yaml", "template.yml", "template.json"].map((n) => join(full, n)).find((f) => existsSync(f));
  if (!found) throw new InputError(`${path}: no template.yaml, template.yml or template.json in this folder`);
  return found;
}

export function readTemplate(path: string, cwd: string): { file: string; shown: string; text: string } {
  const file = resolveTemplateFile(path, cwd);
  try {
    return { file, shown: relative(cwd, file) || file, text: readFileSync(file, "utf8") };
  } catch (error) {
    throw new InputError(`${path}: cannot read (${(error as Error).message})`);
  }
}

export function formatProblem(shown: string, p: Problem): string {
  return `${shown}:${p.line ?? 1}:${p.column ?? 1}: ${p.severity} ${p.code} ${p.message}`;
}

export interface FileValidation {
  file: string;
  readable: boolean;
  problems: Problem[];
}

/** Parse and validate one template text. `readable` is false when it is not a template at all. */
export function validateText(text: string, shown: string, spec: Spec): FileValidation {
  const { parsed, problems } = parseTemplate(text, shown);
  if (!parsed) return { file: shown, readable: false, problems };
  return { file: shown, readable: true, problems: [...problems, ...validateTemplate(parsed, spec)].sort((a, b) => (a.line ?? 0) - (b.line ?? 0)) };
}

export const validate: Command = {
  name: "validate",
  summary: "Validate templates against the CloudFormation resource spec and the SAM schema",
  usage: "flowform validate FILE|FOLDER… [--json]",
  help: "Options:\n  --json   print { file, readable, problems }[] as JSON\n\nExit codes: 0 no errors (warnings allowed), 1 errors found, 2 a file cannot be read or is not a template.",
  run(args: string[], io: CommandIO): number {
    const json = args.includes("--json");
    const paths = args.filter((a) => a !== "--json");
    const unknown = paths.find((p) => p.startsWith("--"));
    if (unknown || paths.length === 0) {
      io.err(`flowform validate: ${unknown ? `unknown option ${unknown}` : "give a template file or project folder"}\nUsage: ${validate.usage}\n`);
      return 2;
    }
    const spec = loadSpec();
    const results: FileValidation[] = [];
    let unreadable = false;
    for (const path of paths) {
      try {
        const { shown, text } = readTemplate(path, io.cwd);
        results.push(validateText(text, shown, spec));
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        unreadable = true;
        results.push({ file: path, readable: false, problems: [] });
        if (!json) io.err(`${error.message}\n`);
      }
    }
    if (json) io.out(JSON.stringify(results, null, 2) + "\n");
    else {
      for (const r of results) {
        for (const p of r.problems) io.out(formatProblem(r.file, p) + "\n");
        if (r.readable) {
          const errors = r.problems.filter((p) => p.severity === "error").length;
          const warnings = r.problems.filter((p) => p.severity === "warning").length;
          io.out(`${r.file}: ${errors === 0 && warnings === 0 ? "valid" : `${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}`}\n`);
        } else if (r.problems.length > 0) {
          io.err(`${r.file}: not a readable template\n`);
        }
      }
    }
    if (unreadable || results.some((r) => !r.readable)) return 2;
    return results.some((r) => r.problems.some((p) => p.severity === "error")) ? 1 : 0;
  },
};
