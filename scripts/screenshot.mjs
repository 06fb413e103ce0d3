#!/usr/bin/env node
/**
 * `npm run screenshot`: the README's screenshot, taken from the running app. Builds if needed,
 * starts the web host on a temporary data dir, opens a real template from the shared corpus
 * (serverless-patterns/apigw-sqs-lambda-ddb, an HTTP API → SQS → Lambda → DynamoDB pattern) as a
 * project, and saves docs/screenshot.png (1440×900) and docs/screenshot-dark.png.
 *   node scripts/screenshot.mjs [--template <path>] [--out docs/screenshot.png]
 */
import { chromium } from "@playwright/test";
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : fallback;
};
const template = path.resolve(option("--template", path.join(root, "..", "shared", "corpus", "serverless-patterns", "apigw-sqs-lambda-ddb", "template.yaml")));
const out = path.resolve(root, option("--out", "docs/screenshot.png"));

const build = spawnSync("flock", ["/tmp/flowform-build.lock", process.execPath, "scripts/build.mjs", "--if-stale"], { cwd: root, stdio: "inherit" });
if (build.status !== 0) process.exit(1);

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "flowform-screenshot-"));
const projectDir = path.join(scratch, "orders-pipeline");
fs.mkdirSync(projectDir, { recursive: true });
fs.copyFileSync(template, path.join(projectDir, "template.yaml"));

const host = spawn(process.execPath, ["dist/main/webhost.mjs", "--port", "0", "--project", projectDir], {
  cwd: root,
  env: { ...process.env, FLOWFORM_DATA_DIR: path.join(scratch, "data") },
  stdio: ["ignore", "pipe", "inherit"],
});
const url = await new Promise((resolve, reject) => {
  let buffer = "";
  host.stdout.on("data", (chunk) => {
    buffer += chunk.toString();
    const match = /FLOWFORM_URL=(\S+)/.exec(buffer);
    if (match) resolve(match[1]);
  });
  host.once("exit", (code) => reject(new Error(`web host exited with ${code}`)));
});

const browser = await chromium.launch({
  executablePath: process.env.FLOWFORM_CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  for (const scheme of ["light", "dark"]) {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, colorScheme: scheme, deviceScaleFactor: 1 });
    await page.goto(url);
    await page.locator("html[data-flowform-ready='true']").waitFor({ state: "attached" });
    // Let the diagram finish its automatic layout (nodes appear once ELK has placed them).
    await page.locator(".react-flow__node").first().waitFor({ state: "visible", timeout: 15_000 }).catch(() => {});
    await page.waitForLoadState("networkidle");
    // The automatic layout finishes in a worker after the first paint.
    await page.locator(".react-flow__pane").waitFor({ state: "visible" });
    await page.locator(".ff-canvas[data-layout='done']").waitFor({ state: "attached", timeout: 15_000 }).catch(() => {});
    await page.waitForTimeout(1500);
    // The whole diagram fitted into the window would be drawn at about 0.4× (six columns of
    // resources: roles, log groups and secrets take columns of their own), too small to read in a
    // README. So the palette is hidden (View › Palette) and the view is zoomed to the heart of the
    // pattern — queue → consumer function → its role → table and dead-letter queue — with
    // Shift+2 (zoom to selection), as a person would; the API and its authorizer sit to the left.
    await page.getByRole("button", { name: "Palette", exact: true }).click();
    await page.waitForTimeout(300);
    const node = (id) => page.locator(`.react-flow__node[data-id="${id}"]`);
    const frame = ["BufferingQueue", "SqsHandlerFunction", "EventTable", "DeadLetterQueue"];
    await node(frame[0]).click();
    for (const id of frame.slice(1)) await node(id).click({ modifiers: ["Shift"] });
    await node(frame[0]).focus();
    await page.keyboard.press("Shift+Digit2");
    await page.waitForTimeout(300);
    // Then select the queue's consumer alone (Escape clears the group) so the inspector and the
    // template view show it.
    await page.keyboard.press("Escape");
    await node("SqsHandlerFunction").click();
    await page.mouse.move(5, 5);
    await page.waitForTimeout(800);
    const file = scheme === "light" ? out : out.replace(/\.png$/, "-dark.png");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    await page.screenshot({ path: file });
    console.log(`screenshot: ${path.relative(root, file)}`);
    await page.close();
  }
} finally {
  await browser.close();
  host.kill("SIGTERM");
  fs.rmSync(scratch, { recursive: true, force: true });
}
