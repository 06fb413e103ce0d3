/**
 * The e2e fixture. Every spec imports `test` and `expect` from here:
 *
 *   import { test, expect } from "./fixtures";
 *
 *   test("shows the palette", async ({ app }) => {          // `app`: a Page with Flowform loaded
 *     await expect(app.getByRole("complementary", { name: "Palette" })).toBeVisible();
 *   });
 *
 *   test("opens a corpus template", async ({ host, openApp }) => {
 *     const dir = await host.makeProject({ "template.yaml": await readCorpus("serverless-patterns/apigw-sqs-lambda-ddb/template.yaml") });
 *     const page = await openApp({ project: dir });         // opened with project.open, then the page loads it
 *   });
 *
 * What you get (each test gets its own, torn down after it):
 * - `host`: a web host process (dist/main/webhost.mjs) on a random port with its own temp app
 *   data dir (recent projects, recovery files) and a temp `workDir` for projects. `host.url`
 *   includes the token. `host.call(channel, input)` calls the API from the test (as the page
 *   would). `host.kill()` SIGKILLs it (a crash), `host.restart()` starts a new process on the
 *   same data dir (what a user sees after a crash). `host.makeProject(files)` writes a project
 *   folder under workDir.
 * - `openApp(options?)`: opens the URL with the token in `page` and waits until the shell is
 *   ready (`<html data-flowform-ready>`); `options.project` opens that folder/template first.
 * - `app`: `page` after `openApp()` with a new project.
 * - option `hostEnv`: extra environment for the host process, e.g.
 *   `test.use({ hostEnv: { FLOWFORM_AWS_ENDPOINT: "http://127.0.0.1:4566" } })` (a getter works
 *   too, for values known only in beforeAll: `test.use({ hostEnv: async ({}, use) => use({ … }) })`).
 * Regions by role and name: complementary "Palette", main "Canvas", complementary "Inspector",
 * region "Bottom panel" (tablist "Bottom panel tabs"), contentinfo "Status bar" (its role=status
 * holds the last message), toolbar buttons "New", "Open…", "Save", "Save As…".
 * The build runs once before all specs (fixtures.setup.ts). Chromium is /usr/bin/chromium.
 */
import { test as base, expect, type Page } from "@playwright/test";
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export { expect };

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
/** The shared real-world templates (read-only; never copy them into the repo). */
export const CORPUS = path.resolve(ROOT, "..", "shared", "corpus");

export function readCorpus(relative: string): Promise<string> {
  return fsp.readFile(path.join(CORPUS, relative), "utf8");
}

/** True where the Electron binary was downloaded (never in CI here: ELECTRON_SKIP_BINARY_DOWNLOAD). */
export function electronBinary(): string | null {
  try {
    const pathFile = path.join(ROOT, "node_modules", "electron", "path.txt");
    const executable = fs.readFileSync(pathFile, "utf8").trim();
    const full = path.join(ROOT, "node_modules", "electron", "dist", executable);
    return fs.existsSync(full) ? full : null;
  } catch {
    return null;
  }
}
export const hasElectron = electronBinary() !== null;

export interface WebHostProcess {
  /** Full URL with the token: what a person opens. */
  url: string;
  origin: string;
  port: number;
  token: string;
  /** App data dir of this host (recent.json, recovery/). Survives restart(). */
  dataDir: string;
  /** Scratch folder for projects in this test. */
  workDir: string;
  /** Call the API like the page does. Resolves with the envelope `{ ok, value | error }`. */
  call(channel: string, input?: unknown): Promise<{ ok: boolean; value?: any; error?: { code: string; message: string } }>;
  /** Write a project folder (relative file → content) under workDir; returns its absolute path. */
  makeProject(files: Record<string, string>, name?: string): Promise<string>;
  /** SIGKILL the host: no shutdown code runs (simulates a crash). */
  kill(): Promise<void>;
  /** Start a new host process on the same data dir (new port and token). */
  restart(): Promise<void>;
  /** Everything the host printed (for debugging a failure). */
  output(): string;
}

interface StartOptions {
  dataDir: string;
  workDir: string;
  project?: string;
  env?: Record<string, string>;
}

async function spawnHost(options: StartOptions): Promise<{ child: ChildProcess; url: string; log: string[] }> {
  const args = [path.join(ROOT, "dist", "main", "webhost.mjs"), "--port", "0"];
  if (options.project) args.push("--project", options.project);
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...options.env, FLOWFORM_DATA_DIR: options.dataDir, HOME: options.workDir },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const log: string[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    let buffer = "";
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      log.push(text);
      buffer += text;
      const match = /FLOWFORM_URL=(\S+)/.exec(buffer);
      if (match) resolve(match[1]);
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (chunk: Buffer) => log.push(chunk.toString()));
    child.once("exit", (code) => reject(new Error(`web host exited (${code}) before it was ready:\n${log.join("")}`)));
    child.once("error", reject);
  });
  return { child, url, log };
}

async function startHostProcess(options: StartOptions): Promise<WebHostProcess & { stop(): Promise<void> }> {
  let current = await spawnHost(options);
  const parse = () => {
    const u = new URL(current.url);
    return { origin: u.origin, port: Number(u.port), token: u.searchParams.get("token") ?? "" };
  };
  const stopChild = async (signal: NodeJS.Signals) => {
    const child = current.child;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill(signal);
    await exited;
  };
  const host: WebHostProcess & { stop(): Promise<void> } = {
    get url() {
      return current.url;
    },
    get origin() {
      return parse().origin;
    },
    get port() {
      return parse().port;
    },
    get token() {
      return parse().token;
    },
    dataDir: options.dataDir,
    workDir: options.workDir,
    async call(channel, input) {
      const { origin, token } = parse();
      const response = await fetch(`${origin}/api/${channel}`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-flowform-token": token },
        body: input === undefined ? "" : JSON.stringify(input),
      });
      return (await response.json()) as Awaited<ReturnType<WebHostProcess["call"]>>;
    },
    async makeProject(files, name = `project-${Math.random().toString(36).slice(2, 8)}`) {
      const dir = path.join(options.workDir, name);
      for (const [file, content] of Object.entries(files)) {
        await fsp.mkdir(path.dirname(path.join(dir, file)), { recursive: true });
        await fsp.writeFile(path.join(dir, file), content);
      }
      await fsp.mkdir(dir, { recursive: true });
      return dir;
    },
    async kill() {
      await stopChild("SIGKILL");
    },
    async restart() {
      await stopChild("SIGTERM");
      current = await spawnHost({ dataDir: options.dataDir, workDir: options.workDir, env: options.env });
    },
    output() {
      return current.log.join("");
    },
    async stop() {
      await stopChild("SIGTERM");
    },
  };
  return host;
}

const acceptingUnload = new WeakSet<Page>();

/** Open Flowform in `page` and wait until the shell has loaded its first project. */
export async function openApp(page: Page, host: WebHostProcess, options: { project?: string } = {}): Promise<Page> {
  if (options.project) {
    const answer = await host.call("project.open", { path: options.project });
    if (!answer.ok) throw new Error(`project.open ${options.project}: ${answer.error?.message}`);
  }
  // Leaving a page with unsaved edits asks first (beforeunload); a test that reopens the app means it.
  if (!acceptingUnload.has(page)) {
    acceptingUnload.add(page);
    page.on("dialog", (dialog) => {
      if (dialog.type() === "beforeunload") void dialog.accept();
    });
  }
  await page.goto(host.url);
  await page.locator("html[data-flowform-ready='true']").waitFor({ state: "attached" });
  return page;
}

export const test = base.extend<{
  hostEnv: Record<string, string>;
  host: WebHostProcess;
  openApp: (options?: { project?: string }) => Promise<Page>;
  app: Page;
}>({
  hostEnv: [{}, { option: true }],
  host: async ({ hostEnv }, use, testInfo) => {
    const base = await fsp.mkdtemp(path.join(os.tmpdir(), "flowform-e2e-"));
    const dataDir = path.join(base, "data");
    const workDir = path.join(base, "work");
    await fsp.mkdir(dataDir, { recursive: true });
    await fsp.mkdir(workDir, { recursive: true });
    const host = await startHostProcess({ dataDir, workDir, env: hostEnv });
    await use(host);
    await host.stop();
    if (testInfo.status !== testInfo.expectedStatus) {
      await testInfo.attach("web host output", { body: host.output(), contentType: "text/plain" });
    } else {
      await fsp.rm(base, { recursive: true, force: true });
    }
  },
  openApp: async ({ page, host }, use) => {
    await use((options) => openApp(page, host, options));
  },
  app: async ({ page, host }, use) => {
    await use(await openApp(page, host));
  },
});
