/** Test helper: runs the real CLI entry (cli/index.ts) in a child process, as `flowform …` would. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const tsx = join(repo, "node_modules/.bin/tsx");

export const corpus = join(repo, "../shared/corpus");

/** A temporary folder with the runner and the given files; returns a function that runs `flowform ARGS` there. */
export function cliIn(files: Record<string, string>): { dir: string; flowform: (...args: string[]) => { code: number | null; stdout: string; stderr: string } } {
  const dir = mkdtempSync(join(tmpdir(), "flowform-cli-"));
  writeFileSync(
    join(dir, "run.mts"),
    `import { runCli } from ${JSON.stringify(join(repo, "cli/index.ts"))};\nprocess.exitCode = await runCli(process.argv.slice(2), { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t), cwd: process.cwd() });\n`,
  );
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return {
    dir,
    flowform: (...args: string[]) => {
      const result = spawnSync(tsx, [join(dir, "run.mts"), ...args], { cwd: dir, encoding: "utf8", timeout: 60_000 });
      return { code: result.status, stdout: result.stdout, stderr: result.stderr };
    },
  };
}
