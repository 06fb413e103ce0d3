/**
 * How the canvas feels, measured the way a person does it, in headless Chromium:
 * - interaction frame times (median and p95 of the gaps between animation frames while the
 *   gesture runs, plus the gesture's wall time) for select, drag of one node, drag of a
 *   selection, pan and zoom — Flowform's canvas (the real app in the web host, opened on a
 *   generated design with saved positions) against a bare @xyflow/react page with the same nodes
 *   and edges, and their ratio;
 * - startup: time to an interactive canvas in the web host, against an empty Vite + React page;
 * Prints tables and writes JSON to --out. Not a test: no pass/fail, only figures.
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
}

async function gesture(page: Page, action: () => Promise<void>): Promise<GestureResult> {
  await page.evaluate(() => {
    (window as any).__bench.frames = [];
    (window as any).__bench.recording = true;
  });
  const t0 = performance.now();
  await action();
  // Let the last update paint before stopping the recorder.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const wallMs = performance.now() - t0;
  const frames: number[] = await page.evaluate(() => {
    (window as any).__bench.recording = false;
    return (window as any).__bench.frames;
  });
  const gaps = frames.slice(1).map((t, i) => t - frames[i]);
  const s = summarize(gaps.length ? gaps : [NaN]);
  return { frameMedian: s.median, frameP95: percentile([...gaps].sort((a, b) => a - b), 95), frames: frames.length, wallMs };
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
    const flowResults = await runScenarios(flow.page);
    await flow.close();
    const bare = await openBare(browser, server.url, size);
    const bareResults = await runScenarios(bare.page);
    await bare.close();
    canvasRows.push({ size: flow.design.resources, renderedFlowform: flow.rendered, renderedBare: bare.rendered, edges: bare.edges, flowform: flowResults, bare: bareResults });
    console.log(`canvas ${flow.design.resources} nodes measured`);
  }
  const host = await startWebHost();
  const startFlowform = await startup(browser, host.url, "html[data-flowform-ready] .react-flow__pane");
  host.child.kill();
  const startEmpty = await startup(browser, `${server.url}/empty/index.html`, "html[data-bench-ready]");

  console.log("\nCanvas interactions (frame gap median / p95 ms; Flowform vs bare @xyflow/react, same nodes and edges)");
  const head = ["nodes", "gesture", "Flowform med", "p95", "wall", "bare med", "p95", "wall", "p95 ratio", "wall ratio"];
  const body: string[][] = [];
  for (const row of canvasRows) {
    for (const s of SCENARIOS) {
      const f = row.flowform[s] as GestureResult;
      const b = row.bare[s] as GestureResult;
      body.push([String(row.size), s, ms(f.frameMedian), ms(f.frameP95), ms(f.wallMs), ms(b.frameMedian), ms(b.frameP95), ms(b.wallMs), ratio(f.frameP95, b.frameP95), ratio(f.wallMs, b.wallMs)]);
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
