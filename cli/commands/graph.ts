/**
 * `flowform graph FILE|FOLDER [--json]`
 *
 * The diagram Flowform draws for a template: resources with their catalog kinds, and connections
 * (trigger / access / destination / reference) with what each one wrote into the template.
 * Exit 0 when the template was read (parse warnings allowed), 1 when it was read with errors
 * (e.g. duplicate keys), 2 when it cannot be read.
 */
import { importTemplate } from "../../core/model/import";
import type { Command, CommandIO } from "../command";
import { InputError, formatProblem, readTemplate } from "./validate";

export const graph: Command = {
  name: "graph",
  summary: "Print the resources and connections Flowform reads from a template",
  usage: "flowform graph FILE|FOLDER [--json]",
  help: "Options:\n  --json   print { file, resources, connections, problems } as JSON",
  run(args: string[], io: CommandIO): number {
    const json = args.includes("--json");
    const paths = args.filter((a) => a !== "--json");
    if (paths.length !== 1 || paths[0].startsWith("-")) {
      io.err(`flowform graph: ${paths[0]?.startsWith("-") ? `unknown option ${paths[0]}` : "give one template file or project folder"}\nUsage: ${graph.usage}\n`);
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
    const { model, problems } = importTemplate(source.text, source.shown);
    for (const p of problems) if (p.severity !== "info") io.err(formatProblem(source.shown, p) + "\n");
    if (!model) {
      io.err(`${source.shown}: not a readable template\n`);
      return 2;
    }
    const resources = model.resources.map((r) => ({ id: r.id, type: r.type, kind: r.kind, line: r.line }));
    const connections = model.connections.map((c) => ({
      id: c.id,
      kind: c.kind,
      from: c.from,
      to: c.to,
      rule: c.rule,
      label: c.label,
      summary: c.summary,
      why: c.why,
      wrote: c.writes,
    }));
    if (json) {
      io.out(JSON.stringify({ file: source.shown, isSam: model.isSam, resources, connections, problems }, null, 2) + "\n");
    } else {
      io.out(`${source.shown}: ${resources.length} resources, ${connections.length} connections\n`);
      for (const r of resources) io.out(`  ${r.id}  ${r.kind}  ${r.type}  (line ${r.line})\n`);
      for (const c of connections) {
        io.out(`  ${c.from} -> ${c.to}  ${c.kind}${c.label ? ` "${c.label}"` : ""}: ${c.summary}\n`);
        for (const w of c.wrote) io.out(`      wrote ${w.resource}.${w.path.join(".")}: ${w.description}\n`);
      }
    }
    return problems.some((p) => p.severity === "error") ? 1 : 0;
  },
};
