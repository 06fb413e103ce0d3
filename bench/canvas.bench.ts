/**
 * How the canvas feels, measured the way a person does it, in headless Chromium:
 * - interaction frame times (median and p95 of the gaps between animation frames while the
 *   gesture runs), the gesture's wall time and the renderer main thread's CPU time during it
 *   (from a Chromium trace: the thread time of its top-level tasks) for select, drag of one node,
 *   drag of a selection, pan and zoom — Flowform's canvas (the real app in the web host, opened
 *   on a generated design with saved positions) against a bare @xyflow/react page with the same
 *   nodes and edges, and their ratio. Both pages stay open and take turns, round after round
 *   (BENCH_ROUNDS, default 3), and each figure is the median over the rounds: on a shared machine
 *   the load changes from minute to minute, and measuring one page entirely before the other
 *   made the ratio depend on when each ran. CPU time is what the page itself spent, so it moves
 *   much less with the machine's load than wall time does;
 * - startup: time to an interactive canvas in the web host, against an empty Vite + React page;
 * Prints tables and writes JSON to --out. Not a test: no pass/fail, only figures.
 *   BENCH_SIZES=50,200 BENCH_ROUNDS=5 npx tsx bench/canvas.bench.ts --out /tmp/canvas.json
 *   BENCH_RENDERER=/tmp/other-build …   measure another renderer build (A/B)
 */
import { chromium, type Browser, type Page } from "@playwright/test";
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build as viteBuild } from "vite";
import react from "@vitejs/plugin-react";
import { importTemplate } from "../core";
import { generateDesign } from "./generate";
import { ms, percentile, ratio, summarize } from "./measure";
import { printTable } from "./table";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outArg = process.argv.indexOf("--out");
const outFile = outArg > 0 ? process.argv[outArg + 1] : null;
const sizes = (process.env.BENCH_SIZES ?? "50,200,500,1000").split(",").map(Number);
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const VIEWPORT = { width: 1440, height: 900 };
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));

// ── pages under test ────────────────────────────────────────────────────────────────────────────
async function buildBaselinePages(): Promise<string> {
  const out = path.join(root, "dist", "bench");
  for (const name of ["bare", "empty"]) {
    await viteBuild({
      root: path.join(root, "bench", "pages", name),
      base: "./",
      logLevel: "warn",
      plugins: [react()],
      build: { outDir: path.join(out, name), emptyOutDir: true },
    });
  }
  return out;
}

function serveStatic(dir: string): Promise<{ url: string; close(): void }> {
  const types: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml" };
  const server = http.createServer((req, res) => {
    const file = path.join(dir, decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname));
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": types[path.extname(file)] ?? "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => {
    const { port } = server.address() as { port: number };
    resolve({ url: `http://127.0.0.1:${port}`, close: () => server.close() });
  }));
}

async function startWebHost(project?: string): Promise<{ url: string; child: ChildProcess }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "flowform-bench-data-"));
  const args = [path.join(root, "dist", "main", "webhost.mjs"), "--port", "0"];
  if (project) args.push("--project", project);
  // BENCH_RENDERER=DIR serves another renderer build (an A/B comparison of two versions).
  if (process.env.BENCH_RENDERER) args.push("--renderer", path.resolve(process.env.BENCH_RENDERER));
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, FLOWFORM_DATA_DIR: dataDir }, stdio: ["ignore", "pipe", "pipe"] });
  const url = await new Promise<string>((resolve, reject) => {
    let buffer = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      const match = /FLOWFORM_URL=(\S+)/.exec(buffer);
      if (match) resolve(match[1]);
    });
    child.once("exit", (code) => reject(new Error(`web host exited (${code})`)));
  });
  return { url, child };
}

// ── measuring in the page ───────────────────────────────────────────────────────────────────────
const FRAME_RECORDER = `
  window.__bench = { frames: [], recording: false };
  const loop = (t) => { if (window.__bench.recording) window.__bench.frames.push(t); requestAnimationFrame(loop); };
  requestAnimationFrame(loop);
`;

interface GestureResult {
  frameMedian: number;
  frameP95: number;
  frames: number;
  wallMs: number;
  /** Renderer main-thread CPU time during the gesture (ms). */
  cpuMs: number;
}

/**
 * Main-thread CPU of the page while `action` runs: Chromium's trace gives every top-level task
 * its thread time (`tdur`, CPU time, not wall time), so a busy neighbour on the machine does not
 * inflate it the way it inflates wall time. Only the "toplevel" category is recorded (cheap).
 */
async function tracedCpu(page: Page, action: () => Promise<void>): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  type TraceEvent = { name: string; ph: string; pid: number; tid: number; tdur?: number; args?: { name?: string } };
  const events: TraceEvent[] = [];
  cdp.on("Tracing.dataCollected", (e) => events.push(...(e.value as unknown as TraceEvent[])));
  await cdp.send("Tracing.start", { traceConfig: { includedCategories: ["toplevel", "__metadata"] } } as never);
  try {
    await action();
  } finally {
    const complete = new Promise((resolve) => cdp.once("Tracing.tracingComplete", resolve));
    await cdp.send("Tracing.end");
    await complete;
    await cdp.detach();
  }
  const main = new Set(events.filter((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain").map((e) => `${e.pid}:${e.tid}`));
  let micros = 0;
  for (const e of events) {
    if (e.ph === "X" && e.name === "ThreadControllerImpl::RunTask" && e.tdur && main.has(`${e.pid}:${e.tid}`)) micros += e.tdur;
  }
  return micros / 1000;
}

async function gesture(page: Page, action: () => Promise<void>): Promise<GestureResult> {
  await page.evaluate(() => {
    (window as any).__bench.frames = [];
    (window as any).__bench.recording = true;
  });
  let wallMs = 0;
  const cpuMs = await tracedCpu(page, async () => {
    const t0 = performance.now();
    await action();
    // Let the last update paint before stopping the recorder.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    wallMs = performance.now() - t0;
  });
  const frames: number[] = await page.evaluate(() => {
    (window as any).__bench.recording = false;
    return (window as any).__bench.frames;
  });
  const gaps = frames.slice(1).map((t, i) => t - frames[i]);
  const s = summarize(gaps.length ? gaps : [NaN]);
  return { frameMedian: s.median, frameP95: percentile([...gaps].sort((a, b) => a - b), 95), frames: frames.length, wallMs, cpuMs };
}

/** Per gesture, the median of each figure over the rounds. */
function medianOfRounds(rounds: Record<Scenario, GestureResult>[]): Record<Scenario, GestureResult & { rounds: number }> {
  const out = {} as Record<Scenario, GestureResult & { rounds: number }>;
  for (const s of SCENARIOS) {
    const of = (k: keyof GestureResult) => summarize(rounds.map((r) => r[s][k] as number)).median;
    out[s] = { frameMedian: of("frameMedian"), frameP95: of("frameP95"), frames: of("frames"), wallMs: of("wallMs"), cpuMs: of("cpuMs"), rounds: rounds.length };
    const selected = rounds.map((r) => (r[s] as { selectedNodes?: number }).selectedNodes).filter((n): n is number => n !== undefined);
    if (selected.length) (out[s] as { selectedNodes?: number }).selectedNodes = summarize(selected).median;
  }
  return out;
}

async function box(page: Page, selector: string) {
  const b = await page.locator(selector).first().boundingBox();
  if (!b) throw new Error(`no ${selector}`);
  return b;
}

/** A point on the empty pane inside the canvas (no node, no edge, no control under it). */
async function emptyPanePoint(page: Page, canvasSelector: string): Promise<{ x: number; y: number }> {
  const found = await page.evaluate((sel) => {
    const host = document.querySelector(sel)!.getBoundingClientRect();
    for (let fy = 0.08; fy < 0.92; fy += 0.04) {
      for (let fx = 0.08; fx < 0.92; fx += 0.04) {
        const x = host.left + host.width * fx;
        const y = host.top + host.height * fy;
        const el = document.elementFromPoint(x, y);
        if (el && el.classList.contains("react-flow__pane")) return { x, y };
      }
    }
    return null;
  }, canvasSelector);
  if (!found) throw new Error("no empty pane point");
  return found;
}

async function nodeCentre(page: Page, index: number): Promise<{ x: number; y: number; id: string }> {
  const result = await page.evaluate((i) => {
    const flow = document.querySelector(".react-flow")!.getBoundingClientRect();
    const nodes = [...document.querySelectorAll<HTMLElement>(".react-flow__node")].filter((n) => {
      const r = n.getBoundingClientRect();
      return r.left > flow.left + 40 && r.right < flow.right - 40 && r.top > flow.top + 40 && r.bottom < flow.bottom - 120 && r.width > 8;
    });
    const n = nodes[Math.min(i, nodes.length - 1)];
    if (!n) return null;
    const r = n.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2, id: n.dataset.id ?? "" };
  }, index);
  if (!result) throw new Error("no visible node");
  return result;
}

async function drag(page: Page, from: { x: number; y: number }, dx: number, dy: number, steps = 20) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + dx, from.y + dy, { steps });
  await page.mouse.up();
}

type Scenario = "select" | "drag one" | "drag selection" | "pan" | "zoom";
const SCENARIOS: Scenario[] = ["select", "drag one", "drag selection", "pan", "zoom"];

async function runScenarios(page: Page): Promise<Record<Scenario, GestureResult>> {
  const canvas = ".react-flow";
  const results = {} as Record<Scenario, GestureResult>;
  results.select = await gesture(page, async () => {
    for (let i = 0; i < 5; i++) {
      const c = await nodeCentre(page, i * 3);
      await page.mouse.click(c.x, c.y);
    }
  });
  results["drag one"] = await gesture(page, async () => drag(page, await nodeCentre(page, 2), 160, 60, 30));
  // Box-select about a quarter of the view with Shift, then drag the selection by one of its nodes.
  const area = await box(page, canvas);
  const start = await emptyPanePoint(page, canvas);
  await page.keyboard.down("Shift");
  await drag(page, start, area.width * 0.4, area.height * 0.4, 10);
  await page.keyboard.up("Shift");
  const selectedCount = await page.locator(".react-flow__node.selected").count();
  const selected = selectedCount > 0 ? await page.locator(".react-flow__node.selected").first().boundingBox() : null;
  results["drag selection"] = await gesture(page, async () => {
    const from = selected ? { x: selected.x + selected.width / 2, y: selected.y + selected.height / 2 } : await nodeCentre(page, 0);
    await drag(page, from, 120, 80, 30);
  });
  (results["drag selection"] as any).selectedNodes = selectedCount;
  await page.mouse.click((await emptyPanePoint(page, canvas)).x, (await emptyPanePoint(page, canvas)).y);
  results.pan = await gesture(page, async () => drag(page, await emptyPanePoint(page, canvas), -300, -150, 30));
  // Pan back (not timed), so that round after round the view stays on the diagram.
  await drag(page, await emptyPanePoint(page, canvas), 300, 150, 5);
  results.zoom = await gesture(page, async () => {
    await page.mouse.move(area.x + area.width / 2, area.y + area.height / 2);
    for (let i = 0; i < 10; i++) await page.mouse.wheel(0, -120);
    for (let i = 0; i < 10; i++) await page.mouse.wheel(0, 120);
  });
  return results;
}

// ── the runs ────────────────────────────────────────────────────────────────────────────────────
async function openFlowform(browser: Browser, size: number) {
  const design = generateDesign(size);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `flowform-bench-${size}-`));
  fs.writeFileSync(path.join(dir, "template.yaml"), design.template);
  fs.writeFileSync(path.join(dir, "flowform.json"), design.settings);
  const host = await startWebHost(dir);
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.addInitScript(FRAME_RECORDER);
  const page = await context.newPage();
  await page.goto(host.url);
  await page.waitForSelector("html[data-flowform-ready]", { timeout: 120_000 });
  await page.waitForFunction((n) => document.querySelectorAll(".react-flow__node").length >= Math.min(n, 1), design.resources, { timeout: 120_000 });
  await page.waitForTimeout(500);
  const rendered = await page.locator(".react-flow__node").count();
  return { page, rendered, design, close: async () => { await context.close(); host.child.kill(); } };
}

async function openBare(browser: Browser, baseUrl: string, size: number) {
  const design = generateDesign(size);
  const { model } = importTemplate(design.template);
  const positions = JSON.parse(design.settings).layout.nodes as Record<string, { x: number; y: number }>;
  const ids = new Set(Object.keys(positions));
  const graph = {
    nodes: Object.entries(positions).map(([id, p]) => ({ id, x: p.x, y: p.y })),
    edges: (model?.connections ?? []).filter((c) => ids.has(c.from) && ids.has(c.to)).map((c) => ({ id: c.id, source: c.from, target: c.to })),
  };
  const context = await browser.newContext({ viewport: VIEWPORT });
  await context.addInitScript(`window.__BENCH_GRAPH__ = ${JSON.stringify(graph)};`);
  await context.addInitScript(FRAME_RECORDER);
  const page = await context.newPage();
  await page.goto(`${baseUrl}/bare/index.html`);
  await page.waitForSelector(".react-flow__node", { timeout: 60_000 });
  await page.waitForTimeout(500);
  const rendered = await page.locator(".react-flow__node").count();
  return { page, rendered, edges: graph.edges.length, close: () => context.close() };
}

async function startup(browser: Browser, url: string, ready: string, runs = 5): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    const t0 = performance.now();
    await page.goto(url);
    await page.waitForSelector(ready, { timeout: 60_000 });
    samples.push(performance.now() - t0);
    await context.close();
  }
  return summarize(samples).median;
}


const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS, headless: true });
const pages = await buildBaselinePages();
const server = await serveStatic(pages);
const canvasRows: any[] = [];
try {
  for (const size of sizes) {
    const flow = await openFlowform(browser, size);
    const bare = await openBare(browser, server.url, size);
    const flowRounds: Record<Scenario, GestureResult>[] = [];
    const bareRounds: Record<Scenario, GestureResult>[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Take turns, and swap who goes first each round.
      const order = round % 2 === 0 ? (["flowform", "bare"] as const) : (["bare", "flowform"] as const);
      for (const who of order) {
        const page = who === "flowform" ? flow.page : bare.page;
        await page.bringToFront();
        (who === "flowform" ? flowRounds : bareRounds).push(await runScenarios(page));
      }
    }
    await flow.close();
    await bare.close();
    canvasRows.push({ size: flow.design.resources, renderedFlowform: flow.rendered, renderedBare: bare.rendered, edges: bare.edges, rounds: ROUNDS, flowform: medianOfRounds(flowRounds), bare: medianOfRounds(bareRounds) });
    console.log(`canvas ${flow.design.resources} nodes measured (${ROUNDS} rounds)`);
  }
  const host = await startWebHost();
  const startFlowform = await startup(browser, host.url, "html[data-flowform-ready] .react-flow__pane");
  host.child.kill();
  const startEmpty = await startup(browser, `${server.url}/empty/index.html`, "html[data-bench-ready]");

  console.log(`\nCanvas interactions (frame gap median / p95, wall and main-thread CPU in ms; Flowform vs bare @xyflow/react, same nodes and edges; median of ${ROUNDS} rounds)`);
  const head = ["nodes", "gesture", "Flowform med", "p95", "wall", "cpu", "bare med", "p95", "wall", "cpu", "p95 ratio", "wall ratio", "cpu ratio"];
  const body: string[][] = [];
  for (const row of canvasRows) {
    for (const s of SCENARIOS) {
      const f = row.flowform[s] as GestureResult;
      const b = row.bare[s] as GestureResult;
      body.push([String(row.size), s, ms(f.frameMedian), ms(f.frameP95), ms(f.wallMs), ms(f.cpuMs), ms(b.frameMedian), ms(b.frameP95), ms(b.wallMs), ms(b.cpuMs), ratio(f.frameP95, b.frameP95), ratio(f.wallMs, b.wallMs), ratio(f.cpuMs, b.cpuMs)]);
    }
  }
  printTable(head, body);
  console.log("\nStartup (median of 5, cold context)");
  printTable(["page", "ms", "ratio"], [
    ["Flowform web host → interactive canvas", ms(startFlowform), ratio(startFlowform, startEmpty)],
    ["empty Vite + React page", ms(startEmpty), "1.0×"],
  ]);
  if (outFile) fs.writeFileSync(outFile, JSON.stringify({ canvas: canvasRows, startup: { flowformMs: startFlowform, emptyMs: startEmpty } }, null, 2));
} finally {
  server.close();
  await browser.close();
}
