#!/usr/bin/env node
/**
 * `npm test`: every check, one after another (the machine has two cores), then ONE summary line.
 *   typecheck (tsc)          counts as one test
 *   lint (eslint, with the import-direction rules)   counts as one test
 *   unit + integration (Vitest, JSON reporter)       each test counted
 *   end-to-end (Playwright on the web host, JSON reporter)   each test counted; skipped ones too
 * The last line is `N passed, M failed` (plus `, K skipped` when any were skipped).
 * Exit code 1 when anything failed. A runner that crashes without a report counts as 1 failure.
 * Flags: --no-e2e, --only=typecheck,lint,vitest,e2e,
 *        --vitest=main/project,cli (only these Vitest paths), --e2e=test/e2e/shell.spec.ts (only these specs)
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const argv = process.argv.slice(2);
const only = argv.find((a) => a.startsWith("--only="))?.slice(7).split(",");
const skipE2e = argv.includes("--no-e2e");
const listFlag = (name) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3).split(",").filter(Boolean) ?? [];
const vitestPaths = listFlag("vitest");
const e2ePaths = listFlag("e2e");
const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), "flowform-test-"));
const bin = (name) => path.join(root, "node_modules", ".bin", name);

const results = [];

function run(label, command, args, env = {}) {
  console.log(`\n━━ ${label}: ${[path.basename(command), ...args].join(" ")}`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  return { status: result.status ?? 1, ms: Date.now() - started };
}

function record(label, passed, failed, skipped, ms, note = "") {
  results.push({ label, passed, failed, skipped });
  console.log(`━━ ${label}: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""} (${(ms / 1000).toFixed(1)} s)${note}`);
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

const wanted = (name) => !only || only.includes(name);

if (wanted("typecheck")) {
  const r = run("typecheck", bin("tsc"), ["-p", "tsconfig.json", "--noEmit"]);
  record("typecheck", r.status === 0 ? 1 : 0, r.status === 0 ? 0 : 1, 0, r.ms);
}

if (wanted("lint")) {
  const r = run("lint", bin("eslint"), [".", "--max-warnings=0"]);
  record("lint", r.status === 0 ? 1 : 0, r.status === 0 ? 0 : 1, 0, r.ms);
}

if (wanted("vitest")) {
  const file = path.join(reportDir, "vitest.json");
  const r = run("vitest", bin("vitest"), ["run", ...vitestPaths, "--reporter=json", "--reporter=default", `--outputFile.json=${file}`]);
  const report = readJson(file);
  if (!report) record("vitest", 0, 1, 0, r.ms, " — no report (the runner crashed)");
  else {
    const failed = report.numFailedTests + (report.numFailedTestSuites > 0 && report.numFailedTests === 0 ? report.numFailedTestSuites : 0);
    record("vitest", report.numPassedTests, failed, (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0), r.ms);
    if (r.status !== 0 && failed === 0) record("vitest (runner)", 0, 1, 0, 0, " — exited non-zero");
  }
}

if (wanted("e2e") && !skipE2e) {
  const file = path.join(reportDir, "playwright.json");
  const r = run("e2e", bin("playwright"), ["test", ...e2ePaths, "--reporter=list,json"], { PLAYWRIGHT_JSON_OUTPUT_NAME: file });
  const report = readJson(file);
  if (!report?.stats) record("e2e", 0, 1, 0, r.ms, " — no report (the runner crashed)");
  else {
    const s = report.stats;
    const failed = s.unexpected + (report.errors?.length ?? 0);
    record("e2e", s.expected + s.flaky, failed, s.skipped, r.ms);
    for (const reason of skippedReasons(report)) console.log(`   skipped: ${reason}`);
    if (r.status !== 0 && failed === 0) record("e2e (runner)", 0, 1, 0, 0, " — exited non-zero");
  }
}

/** Titles and reasons of skipped Playwright tests, so a skip is never silent. */
function skippedReasons(report) {
  const out = [];
  const visit = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        if (t.status === "skipped") {
          const reason = t.annotations?.find((a) => a.type === "skip")?.description;
          out.push(`${spec.title}${reason ? ` — ${reason}` : ""}`);
        }
      }
    }
    for (const child of suite.suites ?? []) visit(child);
  };
  for (const suite of report.suites ?? []) visit(suite);
  return out;
}

fs.rmSync(reportDir, { recursive: true, force: true });
const total = results.reduce((t, r) => ({ passed: t.passed + r.passed, failed: t.failed + r.failed, skipped: t.skipped + r.skipped }), { passed: 0, failed: 0, skipped: 0 });
console.log("");
console.log(`${total.passed} passed, ${total.failed} failed${total.skipped > 0 ? `, ${total.skipped} skipped` : ""}`);
process.exitCode = total.failed > 0 ? 1 : 0;
