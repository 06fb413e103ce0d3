/**
 * Architecture checks end to end: drawing S3 → function with write access back to the same bucket
 * shows the runaway-loop error (with the cost of one trip) in the problems panel and on the node,
 * and the quick fix limits the trigger to incoming/ in the template text.
 */
import { test, expect } from "./fixtures";

type Page = import("@playwright/test").Page;

const node = (page: Page, name: string) => page.getByRole("group", { name, exact: true });

async function dragCard(page: Page, card: string, x: number, y: number) {
  await page.getByRole("button", { name: `Add ${card}` }).dragTo(page.locator(".react-flow__pane"), { targetPosition: { x, y } });
}

/** A handle's box once the canvas has stopped moving (it pans to keep an edited node in view). */
async function settledBox(locator: import("@playwright/test").Locator) {
  let last = await locator.boundingBox();
  for (;;) {
    await locator.page().waitForTimeout(100);
    const now = await locator.boundingBox();
    if (now && last && now.x === last.x && now.y === last.y) return now;
    last = now;
  }
}

async function wire(page: Page, from: string, to: string) {
  const source = node(page, from).locator(".react-flow__handle.source");
  const target = node(page, to).locator(".react-flow__handle.target");
  const a = await settledBox(source);
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  // Pressing on a node selects it, and the canvas may pan to it: measure the target afterwards.
  let b = await settledBox(target);
  await page.mouse.move(b.x + b.width / 2 + 60, b.y + b.height / 2 + 20, { steps: 8 });
  b = await settledBox(target);
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 4 });
  await page.mouse.up();
}

test("warns about a drawn S3 → function → same bucket loop and fixes it with the quick fix", async ({ app: page }) => {
  // Top-left, clear of the "Start designing" card shown on an empty canvas.
  await dragCard(page, "S3 bucket", 70, 60);
  await expect(node(page, "S3 bucket Bucket1")).toBeVisible();
  await dragCard(page, "Function", 420, 260);
  await expect(node(page, "Function Function1")).toBeVisible();

  await wire(page, "S3 bucket Bucket1", "Function Function1");
  await expect(page.getByRole("group", { name: /^trigger wire from Bucket1 to Function1/ })).toHaveCount(1);
  // The bucket needs a name of its own before the function's policy can name it (a !Ref would be
  // a circular dependency bucket → function → role → bucket; Flowform refuses it and says so).
  await node(page, "S3 bucket Bucket1").click();
  const bucketName = page.getByRole("textbox", { name: "Bucket name" });
  await bucketName.fill("flowform-uploads-example");
  await bucketName.press("Enter");
  await expect(page.getByRole("textbox", { name: "Template source" })).toHaveValue(/BucketName: flowform-uploads-example/);
  // The second wire through the inspector's Connect row (the keyboard path): Function1 → Bucket1.
  await page.getByRole("combobox", { name: "Direction" }).selectOption({ label: "→ Bucket1" });
  await page.getByRole("combobox", { name: "Connect with" }).selectOption("Function1");
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await expect(page.getByRole("group", { name: /^access wire from Function1 to Bucket1/ })).toHaveCount(1);

  await page.getByRole("tab", { name: /^Problems/ }).click();
  const problems = page.getByRole("list", { name: "Problems" });
  const loop = problems.getByRole("listitem").filter({ hasText: "Runaway loop" });
  await expect(loop).toHaveCount(1);
  await expect(loop.getByLabel("error")).toBeVisible();
  await expect(loop).toContainText("S3 bucket Bucket1 triggers function Function1");
  await expect(loop).toContainText("One trip costs up to $");
  await expect(loop).toContainText("docs.aws.amazon.com/lambda/latest/dg/with-s3.html");
  // The function's node carries the error badge too.
  await expect(node(page, "Function Function1").getByLabel(/^\d+ errors?$/)).toBeVisible();
  await page.screenshot({ path: "test-results/checks-loop.png" });

  await loop.getByRole("button", { name: "Trigger Function1 only for uploads under incoming/ (write results elsewhere)" }).click();

  const yaml = page.getByRole("textbox", { name: "Template source" });
  await page.getByRole("tab", { name: /^Template/ }).click();
  await expect(yaml).toHaveValue(/Filter:\s+S3Key:\s+Rules:\s+- Name: prefix\s+Value: incoming\//);
  await page.getByRole("tab", { name: /^Problems/ }).click();
  // The error is gone; a note remains that the function must write outside incoming/.
  await expect(loop).toHaveCount(1);
  await expect(loop.getByLabel("info")).toBeVisible();
  await expect(loop).toContainText("The trigger is limited to a key prefix");
  await expect(node(page, "Function Function1").getByLabel(/^\d+ errors?$/)).toHaveCount(0);
  await page.screenshot({ path: "test-results/checks-fixed.png" });
});
