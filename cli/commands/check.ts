/**
 * `flowform check PATH… [--json] [--region R] [--budget N]`
 *
 * Runs the architecture checks (core/checks) on a template file or a project folder
 * (template.yaml/.yml/.json, with flowform.json's `preferences` and `usage.region` when present).
 * Prints one line per problem as `file:line: severity code message`, with the why and quick fix
 * indented below; `--json` prints them as JSON instead. Exit code 1 when any problem is an error
 * (or a template cannot be read), 0 otherwise, 2 for a usage error.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { checkTemplate, CHECK_RULES } from "../../core/checks";
import { parseSettings } from "../../core/project/settings";
import type { Problem } from "../../core/model/types";
import type { Command, CommandIO } from "../command";
import { loadPriceTable } from "./cost";

const HELP = `Options:
  --json        print the problems as JSON (an array of { file, problems })
  --region R    price table for the cost of a loop trip (default: flowform.json usage.region, else us-east-1)
  --budget N    concurrency budget (overrides flowform.json preferences.concurrencyBudget)
  --why         print why each problem matters, with its AWS source

Rules:
${CHECK_RULES.map((r) => `  ${r.id.padEnd(34)} ${r.title}`).join("\n")}`;

class UsageError extends Error {}

interface Target {
  template: string;
  preferences: Record<string, unknown>;
  region?: string;
}

function resolveTarget(path: string, cwd: string): Target {
  const full = resolve(cwd, path);
  if (!existsSync(full)) throw new UsageError(`no such file or folder: ${path}`);
  let template = full;
  let folder: string | undefined;
  if (statSync(full).isDirectory()) {
    folder = full;
    const found = ["template.yaml", "template.yml", "template.json"].map((n) => join(full, n)).find((f) => existsSync(f));
    if (!found) throw new UsageError(`no template.yaml, template.yml or template.json in ${path}`);
    template = found;
  } else {
    folder = resolve(full, "..");
  }
  const settingsFile = join(folder, "flowform.json");
  if (!existsSync(settingsFile)) return { template, preferences: {} };
  const parsed = parseSettings(readFileSync(settingsFile, "utf8"));
  if ("error" in parsed) throw new UsageError(parsed.error);
  return { template, preferences: parsed.settings.preferences, region: parsed.settings.usage.region };
}

function formatProblem(file: string, p: Problem, why: boolean): string {
  const where = `${file}:${p.line ?? 1}${p.column ? `:${p.column}` : ""}`;
  const lines = [`${where}: ${p.severity} ${p.code} ${p.message}`];
  if (why && p.why) lines.push(`    why: ${p.why}`);
  if (p.fix) lines.push(`    quick fix: ${p.fix.title}`);
  return lines.join("\n");
}

export const check: Command = {
  name: "check",
  summary: "Architecture checks: runaway loops, lost events, timeouts, open APIs, broad IAM, secrets in env",
  usage: "flowform check PATH… [--json] [--region R] [--budget N] [--why]",
  help: HELP,
  run(args: string[], io: CommandIO): number {
    const paths: string[] = [];
    let json = false;
    let why = false;
    let region: string | undefined;
    let budget: number | undefined;
    try {
      for (let i = 0; i < args.length; i++) {
        const a = args[i];
        if (a === "--json") json = true;
        else if (a === "--why") why = true;
        else if (a === "--region") region = args[++i];
        else if (a === "--budget") {
          budget = Number(args[++i]);
          if (!(budget > 0)) throw new UsageError("--budget needs a positive number");
        } else if (a.startsWith("--")) throw new UsageError(`unknown option ${a}`);
        else paths.push(a);
      }
      if (paths.length === 0) throw new UsageError("give a template file or a project folder");
      const results: { file: string; problems: Problem[] }[] = [];
      let failed = false;
      for (const path of paths) {
        const target = resolveTarget(path, io.cwd);
        const file = relative(io.cwd, target.template) || target.template;
        const preferences = budget !== undefined ? { ...target.preferences, concurrencyBudget: budget } : target.preferences;
        const prices = loadPriceTable(region ?? target.region ?? "us-east-1");
        const { problems, readProblems, model } = checkTemplate(readFileSync(target.template, "utf8"), { file, preferences, prices });
        // Parse errors matter here (the checks cannot run); other validation is `flowform validate`'s job.
        const shown = [...(model ? [] : readProblems.filter((p) => p.severity === "error")), ...problems];
        if (!model || shown.some((p) => p.severity === "error")) failed = true;
        results.push({ file, problems: shown });
      }
      if (json) {
        io.out(JSON.stringify(results, null, 2) + "\n");
      } else {
        for (const { file, problems } of results) {
          for (const p of problems) io.out(formatProblem(file, p, why) + "\n");
          const count = (s: string) => problems.filter((p) => p.severity === s).length;
          io.out(`${file}: ${count("error")} error(s), ${count("warning")} warning(s), ${count("info")} note(s)\n`);
        }
      }
      return failed ? 1 : 0;
    } catch (error) {
      if (error instanceof UsageError || (error instanceof Error && /no price table/.test(error.message))) {
        io.err(`flowform check: ${error.message}\n`);
        return 2;
      }
      throw error;
    }
  },
};
