#!/usr/bin/env node
/**
 * `npm run bench`: builds the app if stale, runs every benchmark one after another (the machine
 * has two cores; parallel runs would measure each other), prints their tables and writes
 * bench/results.json with the figures and the machine they ran on. Benchmarks are not tests:
 * nothing here passes or fails on a time.
 *   BENCH_SIZES=50,200 npm run bench     fewer sizes (default 50,200,500,1000)
 *   BENCH_ONLY=bundles,canvas npm run bench
 *                                        only these suites; the others keep their figures in
 *                                        results.json. `ranOn` records when each suite last ran
 *                                        and the load average then; `machine` is this run's.
 */
import { spawnSync, execSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const tsx = path.join(root, "node_modules", ".bin", "tsx");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "flowform-bench-"));
const resultsFile = path.join(root, "bench", "results.json");
const loadAverageAtStart = os.loadavg().map((n) => n.toFixed(2)).join(" ");

const build = spawnSync(process.execPath, [path.join(root, "scripts", "build.mjs"), "--if-stale"], { cwd: root, stdio: "inherit" });
if (build.status !== 0) process.exit(build.status ?? 1);

const suites = [
  { name: "core", file: "bench/core.bench.ts" },
  { name: "canvas", file: "bench/canvas.bench.ts" },
];
// Benchmarks other features added (each prints its own figures).
for (const file of fs.readdirSync(path.join(root, "bench")).sort()) {
  if (/\.bench\.(mjs|ts)$/.test(file) && !suites.some((s) => s.file.endsWith(file))) suites.push({ name: file.replace(/\.bench\.(mjs|ts)$/, ""), file: `bench/${file}` });
}

const only = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(",").map((s) => s.trim())) : null;
const unknown = only ? [...only].filter((name) => !suites.some((s) => s.name === name)) : [];
if (unknown.length) {
  console.error(`BENCH_ONLY names no benchmark: ${unknown.join(", ")} (there are ${suites.map((s) => s.name).join(", ")})`);
  process.exit(2);
}
const previous = only && fs.existsSync(resultsFile) ? JSON.parse(fs.readFileSync(resultsFile, "utf8")) : null;
const results = previous?.results ?? {};
// Results from before suites recorded their own run carry the whole run's date.
const ranOn = previous?.ranOn ?? Object.fromEntries(Object.keys(results).map((name) => [name, { date: previous.machine?.date, loadAverageAtStart: previous.machine?.loadAverageAtStart }]));
for (const suite of suites) {
  if (only && !only.has(suite.name)) continue;
  const out = path.join(tmp, `${suite.name}.json`);
  console.log(`\n══ ${suite.name} (${suite.file})`);
  const started = { date: new Date().toISOString(), loadAverageAtStart: os.loadavg().map((n) => n.toFixed(2)).join(" ") };
  const command = suite.file.endsWith(".ts") ? tsx : process.execPath;
  const r = spawnSync(command, [suite.file, "--out", out], { cwd: root, stdio: "inherit", env: process.env });
  results[suite.name] = fs.existsSync(out) ? JSON.parse(fs.readFileSync(out, "utf8")) : { error: `exited ${r.status}` };
  ranOn[suite.name] = started;
}

const chromium = (() => {
  try {
    return execSync("/usr/bin/chromium --version", { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return "not found";
  }
})();
const machine = {
  date: new Date().toISOString(),
  cpus: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "unknown"}`,
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  chromium,
  loadAverageAtStart,
};
fs.writeFileSync(resultsFile, JSON.stringify({ machine, ranOn, results }, null, 2) + "\n");
console.log(`\nMachine: ${machine.cpus}, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.chromium}`);
console.log("Wrote bench/results.json");
