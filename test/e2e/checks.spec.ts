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
  // The function's node carries the error badge too, and so does each wire round the loop.
  await expect(node(page, "Function Function1").getByLabel(/^\d+ errors?$/)).toBeVisible();
  const trigger = page.getByRole("group", { name: /^trigger wire from Bucket1 to Function1/ });
  const access = page.getByRole("group", { name: /^access wire from Function1 to Bucket1/ });
  await expect(trigger.getByRole("img", { name: "1 error" })).toBeVisible();
  await expect(access.getByRole("img", { name: "1 error" })).toBeVisible();
  // The trigger also has no on-failure destination: a warning on that wire only.
  await expect(trigger.getByRole("img", { name: "1 warning" })).toBeVisible();
  await expect(access.getByRole("img", { name: /warning/ })).toHaveCount(0);
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
  await expect(trigger.getByRole("img", { name: "1 error" })).toHaveCount(0);
  await expect(access.getByRole("img", { name: "1 error" })).toHaveCount(0);
  await expect(trigger.getByRole("img", { name: "1 warning" })).toBeVisible();
  await page.screenshot({ path: "test-results/checks-fixed.png" });
});

const API_FUNCTION = `AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  Orders:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: python3.12
      Events:
        List:
          Type: HttpApi
          Properties:
            Path: /orders
            Method: get
`;

test("a concurrency budget set in the Problems panel is saved, flags the API's function, and its quick fix reserves a share", async ({ host, openApp }) => {
  const dir = await host.makeProject({ "template.yaml": API_FUNCTION, "flowform.json": JSON.stringify({ version: 1 }) });
  const page = await openApp({ project: dir });
  await page.getByRole("tab", { name: /^Problems/ }).click();
  const settings = page.getByRole("form", { name: "Check settings" });
  const budget = settings.getByRole("textbox", { name: "Concurrency budget" });
  const problems = page.getByRole("list", { name: "Problems" });
  const rule = problems.getByRole("listitem").filter({ hasText: "has no reserved concurrency" });
  // No budget: the rule stays quiet.
  await expect(budget).toHaveValue("");
  await expect(rule).toHaveCount(0);

  await budget.fill("ten");
  await budget.press("Enter");
  await expect(settings.getByRole("alert")).toContainText("Enter a whole number of concurrent executions");
  await budget.fill("200");
  await budget.press("Enter");
  await expect(settings.getByRole("alert")).toHaveCount(0);
  await expect(rule).toHaveCount(1);
  await expect(rule).toContainText("Function Orders has no reserved concurrency but is invoked by the HTTP API SAM creates (ServerlessHttpApi), which can scale without limit; your concurrency budget is 200.");
  await expect(rule).toContainText("docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html");
  // Badged on the function and on the wire from the API that can scale without limit.
  await expect(node(page, "Function Orders").getByLabel(/^\d+ warnings?$/)).toBeVisible();
  await expect(page.getByRole("group", { name: /^trigger wire from ServerlessHttpApi to Orders/ }).getByRole("img", { name: /warning/ })).toBeVisible();
  await page.screenshot({ path: "test-results/checks-budget.png" });

  // Saved with the project, in flowform.json.
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect.poll(async () => JSON.parse((await host.call("files.read", { path: "flowform.json" })).value.text).preferences).toEqual({ concurrencyBudget: 200 });

  await rule.getByRole("button", { name: "Reserve 200 concurrent executions" }).click();
  await page.getByRole("tab", { name: /^Template/ }).click();
  await expect(page.getByRole("textbox", { name: "Template source" })).toHaveValue(/ReservedConcurrentExecutions: 200/);
  await page.getByRole("tab", { name: /^Problems/ }).click();
  await expect(rule).toHaveCount(0);

  // Undo takes back the fix, then the budget itself (the field follows).
  const undo = page.getByRole("toolbar", { name: "Edit" }).getByRole("button", { name: "Undo" });
  await undo.click();
  await expect(rule).toHaveCount(1);
  await undo.click();
  await expect(budget).toHaveValue("");
  await expect(rule).toHaveCount(0);
  await page.getByRole("toolbar", { name: "Edit" }).getByRole("button", { name: "Redo" }).click();
  await expect(budget).toHaveValue("200");
  await expect(rule).toHaveCount(1);
});
