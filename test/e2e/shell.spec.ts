/**
 * The app shell end to end, on the web host: regions, project files (new, save, reopen),
 * recovery after a crash, the token guard, and the Electron launch where its binary exists.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { _electron as electron } from "@playwright/test";
import { test, expect, electronBinary, hasElectron, ROOT } from "./fixtures";

const ORDERS_TEMPLATE = `AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
# Orders arrive on this queue.
Resources:
  OrdersQueue:
    Type: AWS::SQS::Queue
`;

test("shows the palette, canvas, inspector, bottom panel with its tabs, and status bar", async ({ app }) => {
  await expect(app.getByRole("complementary", { name: "Palette" })).toBeVisible();
  await expect(app.getByRole("main", { name: "Canvas" })).toBeVisible();
  await expect(app.getByRole("complementary", { name: "Inspector" })).toBeVisible();
  const tabs = app.getByRole("tablist", { name: "Bottom panel tabs" });
  for (const name of ["Template", "Problems", "Cost", "Deploy"]) {
    await expect(tabs.getByRole("tab", { name: new RegExp(`^${name}`) })).toBeVisible();
  }
  await expect(app.getByRole("contentinfo", { name: "Status bar" })).toBeVisible();
  await expect(app).toHaveTitle("Untitled — Flowform");
});

test("follows the system's light or dark setting", async ({ app }) => {
  await app.emulateMedia({ colorScheme: "dark" });
  await expect(app.locator("html")).toHaveAttribute("data-theme", "dark");
  await app.emulateMedia({ colorScheme: "light" });
  await expect(app.locator("html")).toHaveAttribute("data-theme", "light");
});

test("hides and shows regions from the View commands, and switches the theme", async ({ app }) => {
  await app.getByRole("button", { name: "Inspector" }).click();
  await expect(app.getByRole("complementary", { name: "Inspector" })).toHaveCount(0);
  await app.getByRole("button", { name: "Inspector" }).click();
  await expect(app.getByRole("complementary", { name: "Inspector" })).toBeVisible();
  const before = await app.locator("html").getAttribute("data-theme");
  const theme = app.getByRole("button", { name: /^Theme/ });
  await expect(theme).toHaveText("Theme: system");
  await theme.click();
  await expect(app.locator("html")).toHaveAttribute("data-theme", before === "dark" ? "light" : "dark");
  await theme.click();
  await expect(theme).toHaveText("Theme: system");
  await expect(app.locator("html")).toHaveAttribute("data-theme", before!);
});

test("creates a project, saves it, reopens it and shows the same template", async ({ app, host }) => {
  const source = app.getByRole("textbox", { name: "Template source" });
  await source.fill(ORDERS_TEMPLATE);
  await expect(app).toHaveTitle("● Untitled — Flowform");

  // Save on a never-saved project asks where (the web host's in-page path prompt).
  await app.getByRole("button", { name: "Save", exact: true }).click();
  const prompt = app.getByRole("dialog", { name: "Save project as" });
  const dir = path.join(host.workDir, "orders");
  await prompt.getByRole("textbox", { name: "Path" }).fill(dir);
  await prompt.getByRole("button", { name: "Save" }).click();
  await expect(app).toHaveTitle("orders — Flowform");
  expect(await fs.readFile(path.join(dir, "template.yaml"), "utf8")).toBe(ORDERS_TEMPLATE);
  expect(JSON.parse(await fs.readFile(path.join(dir, "flowform.json"), "utf8"))).toMatchObject({ version: 1 });

  // Start over, then reopen it from File › Open.
  await app.getByRole("button", { name: "New", exact: true }).click();
  await expect(app).toHaveTitle("Untitled — Flowform");
  await expect(source).not.toHaveValue(ORDERS_TEMPLATE);
  await app.getByRole("button", { name: "Open…" }).click();
  const open = app.getByRole("dialog", { name: "Open project" });
  await expect(open.getByRole("button", { name: new RegExp(`^orders — `) })).toBeVisible();
  await open.getByRole("textbox", { name: "Path" }).fill(dir);
  await open.getByRole("button", { name: "Open" }).click();
  await expect(app).toHaveTitle("orders — Flowform");
  await expect(source).toHaveValue(ORDERS_TEMPLATE);
  await expect(app.getByRole("contentinfo", { name: "Status bar" })).toContainText(`${dir}/template.yaml`);
});

test("asks before throwing away unsaved edits", async ({ app }) => {
  await app.getByRole("textbox", { name: "Template source" }).fill(ORDERS_TEMPLATE);
  await expect(app).toHaveTitle("● Untitled — Flowform");
  await app.getByRole("button", { name: "New", exact: true }).click();
  const question = app.getByRole("dialog", { name: "Unsaved changes" });
  await question.getByRole("button", { name: "Cancel" }).click();
  await expect(app.getByRole("textbox", { name: "Template source" })).toHaveValue(ORDERS_TEMPLATE);
  await app.getByRole("button", { name: "New", exact: true }).click();
  await question.getByRole("button", { name: "Don't save" }).click();
  await expect(app).toHaveTitle("Untitled — Flowform");
});

test("offers unsaved edits back after the host is killed, and restores them", async ({ page, host, openApp }) => {
  const dir = await host.makeProject({ "template.yaml": ORDERS_TEMPLATE }, "shop");
  await openApp({ project: dir });
  await expect(page).toHaveTitle("shop — Flowform");
  const edited = ORDERS_TEMPLATE + "  PaymentsQueue:\n    Type: AWS::SQS::Queue\n";
  await page.getByRole("textbox", { name: "Template source" }).fill(edited);
  await expect(page).toHaveTitle("● shop — Flowform");
  await expect(page.getByTestId("recovery-status")).toHaveText("Unsaved edits kept for recovery");

  await host.kill();
  await host.restart();
  await openApp();
  const offer = page.getByRole("region", { name: "Recovered changes" });
  await expect(offer).toContainText("Unsaved changes to shop");
  await offer.getByRole("button", { name: "Restore" }).click();
  await expect(page).toHaveTitle("● shop — Flowform");
  await expect(page.getByRole("textbox", { name: "Template source" })).toHaveValue(edited);
  // The file on disk was never touched by the autosave.
  expect(await fs.readFile(path.join(dir, "template.yaml"), "utf8")).toBe(ORDERS_TEMPLATE);

  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page).toHaveTitle("shop — Flowform");
  expect(await fs.readFile(path.join(dir, "template.yaml"), "utf8")).toBe(edited);
});

test("refuses to save a template that does not parse, and says why", async ({ host, page, openApp }) => {
  const dir = await host.makeProject({ "template.yaml": ORDERS_TEMPLATE }, "broken");
  await openApp({ project: dir });
  await page.getByRole("textbox", { name: "Template source" }).fill("Resources:\n  Queue: [unclosed\n");
  await expect(page).toHaveTitle("● broken — Flowform");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  const status = page.getByRole("contentinfo", { name: "Status bar" }).getByRole("status");
  await expect(status).toContainText("Not saved: the template does not parse");
  expect(await fs.readFile(path.join(dir, "template.yaml"), "utf8")).toBe(ORDERS_TEMPLATE);
});

test("reloads the template when another program changes it, and saves with Ctrl+S", async ({ host, page, openApp }) => {
  const dir = await host.makeProject({ "template.yaml": ORDERS_TEMPLATE }, "watched");
  await openApp({ project: dir });
  const source = page.getByRole("textbox", { name: "Template source" });
  await expect(source).toHaveValue(ORDERS_TEMPLATE);
  const outside = ORDERS_TEMPLATE + "# edited in another editor\n";
  await fs.writeFile(path.join(dir, "template.yaml"), outside);
  await expect(source).toHaveValue(outside);
  await expect(page).toHaveTitle("watched — Flowform");

  await source.fill(outside + "# and here\n");
  await expect(page).toHaveTitle("● watched — Flowform");
  await page.keyboard.press("Control+s");
  await expect(page).toHaveTitle("watched — Flowform");
  expect(await fs.readFile(path.join(dir, "template.yaml"), "utf8")).toBe(outside + "# and here\n");
});

test("a page opened without the token cannot use the API", async ({ page, host }) => {
  await page.goto(host.origin + "/");
  await expect(page.getByRole("contentinfo", { name: "Status bar" }).getByRole("status")).toContainText("no access token");
});

test("launches the Electron app with the same shell", async () => {
  test.skip(
    !hasElectron,
    "Electron binary not installed (ELECTRON_SKIP_BINARY_DOWNLOAD=1 / no network for its download): the same shell is tested on the web host above",
  );
  const app = await electron.launch({
    executablePath: electronBinary()!,
    args: [ROOT, "--no-sandbox"],
    env: { ...process.env, FLOWFORM_DATA_DIR: await fs.mkdtemp(path.join(os.tmpdir(), "flowform-electron-")) },
  });
  try {
    const window = await app.firstWindow();
    await window.locator("html[data-flowform-ready='true']").waitFor({ state: "attached" });
    await expect(window.getByRole("main", { name: "Canvas" })).toBeVisible();
    await expect(window).toHaveTitle("Untitled — Flowform");
    const exposed = await window.evaluate(() => Object.keys((window as unknown as { flowform: object }).flowform).sort());
    expect(exposed).toContain("project");
    expect(await window.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe("undefined");
  } finally {
    await app.close();
  }
});
