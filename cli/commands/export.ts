/**
 * `flowform export PATH --format sam|cfn [--json] [-o OUT]`
 *
 * Writes the template as SAM (the document as it is, or as JSON) or as plain CloudFormation (the
 * SAM resources transformed locally by core/transform, written as YAML with short-form
 * intrinsics, or JSON). Output goes to stdout or OUT. Exit 0 on a complete export, 1 when parts
 * could not be transformed (they are listed on stderr and kept as written), 2 when the input
 * cannot be read or the options are wrong.
 */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { exportTemplate } from "../../core/transform";
import type { Command, CommandIO } from "../command";
import { InputError, formatProblem, readTemplate } from "./validate";

export const exportCommand: Command = {
  name: "export",
  summary: "Export a template as SAM or plain CloudFormation (YAML or JSON)",
  usage: "flowform export PATH --format sam|cfn [--json] [-o OUT]",
  help: "Options:\n  --format sam|cfn   sam: the template as written; cfn: SAM transformed locally into plain CloudFormation\n  --json             write JSON instead of YAML\n  -o, --output OUT   write to OUT instead of stdout",
  run(args: string[], io: CommandIO): number {
    let format: string | undefined;
    let json = false;
    let out: string | undefined;
    const paths: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === "--format") format = args[++i];
      else if (a.startsWith("--format=")) format = a.slice("--format=".length);
      else if (a === "--json") json = true;
      else if (a === "-o" || a === "--output") out = args[++i];
      else if (a.startsWith("-")) {
        io.err(`flowform export: unknown option ${a}\nUsage: ${exportCommand.usage}\n`);
        return 2;
      } else paths.push(a);
    }
    if (paths.length !== 1 || (format !== "sam" && format !== "cfn") || (out !== undefined && out.length === 0)) {
      io.err(`flowform export: ${paths.length !== 1 ? "give one template file or project folder" : "--format must be sam or cfn"}\nUsage: ${exportCommand.usage}\n`);
      return 2;
    }
    let source: { shown: string; text: string };
    try {
      source = readTemplate(paths[0], io.cwd);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      io.err(`${error.message}\n`);
      return 2;
    }
    const result = exportTemplate(source.text, { format, as: json ? "json" : "yaml", file: source.shown });
    if (result.text === null) {
      for (const p of result.problems) io.err(formatProblem(source.shown, p) + "\n");
      io.err(`${source.shown}: not a readable template\n`);
      return 2;
    }
    if (out) writeFileSync(resolve(io.cwd, out), result.text);
    else io.out(result.text);
    for (const u of result.unsupported) io.err(`${source.shown}: not transformed: ${u}\n`);
    if (result.unsupported.length > 0) {
      io.err(`${source.shown}: ${result.unsupported.length} part(s) still need the SAM transform (AWS::Serverless-2016-10-31) to deploy\n`);
      return 1;
    }
    return 0;
  },
};
