/**
 * The app shell end to end, on the web host: regions, project files (new, save, reopen),
 * recovery after a crash, and the Electron launch where its binary exists.
 */
import { test, expect } from "./fixtures";

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
