/**
 * Playwright global setup: build dist/ once. Several engineers (and runners) may start e2e runs
 * at the same time on one tree, so the build holds /tmp/flowform-build.lock (flock) and is
 * skipped when dist/ is newer than every source file (scripts/build.mjs --if-stale).
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

export default function globalSetup(): void {
  if (process.env.FLOWFORM_SKIP_BUILD === "1") return;
  execFileSync("flock", ["/tmp/flowform-build.lock", process.execPath, "scripts/build.mjs", "--if-stale"], {
    cwd: root,
    stdio: "inherit",
  });
}
