#!/usr/bin/env node
// The `flowform` command. Runs the bundled CLI in dist/cli (built by `npm ci`'s prepare step or
// `npm run build`); builds it first when it is missing, e.g. in a fresh checkout.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const cli = new URL("../dist/cli/index.mjs", import.meta.url);
if (!existsSync(fileURLToPath(cli))) {
  const build = spawnSync(process.execPath, [fileURLToPath(new URL("../scripts/build.mjs", import.meta.url)), "--node-only"], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (build.status !== 0) {
    console.error("flowform: could not build the CLI (see above).");
    process.exit(1);
  }
}
const { runCli } = await import(cli.href);
process.exitCode = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  cwd: process.cwd(),
});
