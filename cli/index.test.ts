/** `flowform --help` / `--version` and the subcommand registry, through the real bin script. */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { COMMANDS, runCli } from "./index";

const root = path.resolve(__dirname, "..");
const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), cwd: root }, out, err };
}

describe("flowform CLI", () => {
  it("prints the version from package.json", async () => {
    const { io, out } = capture();
    expect(await runCli(["--version"], io)).toBe(0);
    expect(out.join("")).toBe(`${pkg.version}\n`);
  });

  it("lists every registered subcommand in --help", async () => {
    const { io, out } = capture();
    expect(await runCli(["--help"], io)).toBe(0);
    const help = out.join("");
    expect(help).toMatch(/^Flowform \d+\.\d+\.\d+/);
    for (const command of COMMANDS) expect(help).toContain(`  ${command.name}`);
  });

  it("exits 2 with a hint on an unknown command", async () => {
    const { io, err } = capture();
    expect(await runCli(["frobnicate"], io)).toBe(2);
    expect(err.join("")).toMatch(/unknown command "frobnicate".*--help/);
  });

  it("works as the installed bin (bin/flowform.mjs)", () => {
    // Build the CLI the way `npm ci`'s prepare step does, then run the bin like npx would.
    execFileSync(process.execPath, [path.join(root, "scripts", "build.mjs"), "--cli-only"], { cwd: root, stdio: "ignore" });
    const result = spawnSync(process.execPath, [path.join(root, "bin", "flowform.mjs"), "--version"], { cwd: root, encoding: "utf8" });
    expect(result.stderr).toBe("");
    expect(result.stdout.trim()).toBe(pkg.version);
    expect(result.status).toBe(0);
  });
});
