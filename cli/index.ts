/**
 * `flowform` command line. Subcommands live in `cli/commands/<name>.ts`, each exporting a
 * `Command`; register yours with one line in `COMMANDS` below.
 *
 *   // cli/commands/validate.ts
 *   export const validate: Command = { name: "validate", summary: "…", usage: "flowform validate <template>", run: async (args, io) => 0 };
 *
 * `run` returns the exit code. Write output with `io.out` / `io.err` (tests capture them).
 */
import pkg from "../package.json";
import type { Command, CommandIO } from "./command";
import { check } from "./commands/check";
import { cost } from "./commands/cost";
import { deploy } from "./commands/deploy";
import { exportCommand } from "./commands/export";
import { graph } from "./commands/graph";
import { validate } from "./commands/validate";

export type { Command, CommandIO } from "./command";

/** Registered subcommands. Add yours here (alphabetical). */
export const COMMANDS: Command[] = [check, cost, deploy, exportCommand, graph, validate];

export function helpText(): string {
  const width = Math.max("--version".length, ...COMMANDS.map((c) => c.name.length));
  const lines = [
    `Flowform ${pkg.version} — design, cost and deploy serverless applications on AWS.`,
    "",
    "Usage: flowform <command> [options]",
    "",
    "Commands:",
    ...(COMMANDS.length > 0
      ? COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`)
      : ["  (none registered yet)"]),
    "",
    "Options:",
    `  ${"--help".padEnd(width)}  Show this help (or a command's: flowform <command> --help)`,
    `  ${"--version".padEnd(width)}  Print the version`,
    "",
    "The desktop app starts with `npm start` (Electron, or the local web host when Electron is not installed).",
  ];
  return lines.join("\n") + "\n";
}

/** Run the CLI with `argv` (without node and script). Returns the exit code. */
export async function runCli(argv: string[], io: CommandIO): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === "--help" || first === "-h" || first === "help") {
    if (first === "help" && rest[0]) return runCli([rest[0], "--help"], io);
    io.out(helpText());
    return first === undefined ? 1 : 0;
  }
  if (first === "--version" || first === "-v") {
    io.out(`${pkg.version}\n`);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === first);
  if (!command) {
    io.err(`flowform: unknown command "${first}". Run "flowform --help" for the list.\n`);
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    io.out(`${command.summary}\n\nUsage: ${command.usage}\n${command.help ? `\n${command.help}\n` : ""}`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    io.err(`flowform ${command.name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
