/**
 * End-to-end tests drive the web host (main/webhost) in Debian's Chromium; see
 * test/e2e/fixtures.ts for the fixture every spec uses. The build runs once before the specs
 * (test/e2e/fixtures.setup.ts, guarded by a lock so parallel runs share it).
 */
import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./test/e2e/fixtures.browser";

// Several people run specs in one working tree at once; Playwright empties its output folder at
// start, so each run gets its own (workers inherit the variable from the runner process).
process.env.FLOWFORM_E2E_RUN ??= `${Date.now().toString(36)}-${process.pid}`;

export default defineConfig({
  testDir: "test/e2e",
  testMatch: "**/*.spec.ts",
  globalSetup: "./test/e2e/fixtures.setup.ts",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // The machine has two cores shared with the build and the host processes.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  reporter: [["list"]],
  outputDir: `test-results/run-${process.env.FLOWFORM_E2E_RUN}`,
  use: {
    browserName: "chromium",
    viewport: { width: 1280, height: 800 },
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
});
