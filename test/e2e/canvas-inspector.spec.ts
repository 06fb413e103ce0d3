/**
 * The inspector and the palette end to end: a property form generated from the catalog card, a
 * wire's settings, starters and palette search.
 */
import { test, expect } from "./fixtures";

test("starts from a starter and edits a function's memory and a route's path in the inspector", async ({ app: page }) => {
  await page.getByRole("button", { name: "HTTP API + function + table" }).click();
  const fn = page.getByRole("group", { name: "Function ItemsFunction", exact: true });
  await expect(fn).toBeVisible();
  await expect(page.getByRole("group", { name: "HTTP API Api", exact: true })).toBeVisible();
  await expect(page.getByRole("group", { name: "DynamoDB table ItemsTable", exact: true })).toBeVisible();
  const yaml = page.getByRole("textbox", { name: "Template source" });

  await fn.click();
  const inspector = page.getByRole("complementary", { name: "Inspector" });
  await expect(inspector.getByRole("heading", { name: "ItemsFunction" })).toBeVisible();
  // Required marks and choices come from the catalog card.
  await expect(inspector.getByRole("combobox", { name: /^Runtime/ })).toHaveValue("nodejs22.x");
  const memory = inspector.getByRole("spinbutton", { name: "Memory (MB)" });
  await memory.fill("512");
  await memory.press("Enter");
  await expect(yaml).toHaveValue(/MemorySize: 512\n/);
  await memory.fill("64");
  await memory.press("Enter");
  await expect(inspector.getByRole("alert")).toHaveText("Memory (MB) must be at least 128.");
  await expect(yaml).toHaveValue(/MemorySize: 512\n/);

  // A wire: what it adds and why, and its settings.
  await page.locator(".ff-wire-label", { hasText: "GET /items" }).click();
  await expect(inspector.getByRole("heading", { name: "Api → ItemsFunction" })).toBeVisible();
  await expect(inspector.getByRole("region", { name: "What this wire adds" })).toContainText(/ListItems/);
  const routePath = inspector.getByRole("textbox", { name: "Path" });
  await routePath.fill("/things");
  await routePath.press("Enter");
  await expect(yaml).toHaveValue(/Path: \/things\n\s+Method: get/);
  await expect(page.locator(".ff-wire-label", { hasText: "GET /things" })).toBeVisible();
  // "Written in the template" leads to the text it wrote.
  await inspector.getByRole("button", { name: /ListItems/ }).first().click();
  await expect(yaml).toBeFocused();
  const selected = await yaml.evaluate((el: HTMLTextAreaElement) => el.value.slice(el.selectionStart, el.selectionEnd));
  expect(selected.trim()).toBe("ListItems:");
  // The comments of the starter are still there.
  await expect(yaml).toHaveValue(/# One function serves both routes; the handler switches on the route\./);
  // Delete removes the selected wire: its event goes from the template.
  await page.locator(".ff-wire-label", { hasText: "GET /things" }).click();
  await page.keyboard.press("Delete");
  await expect(page.locator(".ff-wire-label", { hasText: "GET /things" })).toHaveCount(0);
  await expect(yaml).not.toHaveValue(/ListItems:/);
  await expect(yaml).toHaveValue(/CreateItem:/);
});

test("filters the palette as you type and adds the first match with Enter", async ({ app: page }) => {
  const search = page.getByRole("searchbox", { name: "Search resources" });
  await search.fill("queue");
  await expect(page.getByRole("button", { name: "Add SQS queue" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Add Function" })).toHaveCount(0);
  await search.press("Enter");
  await expect(page.getByRole("group", { name: "SQS queue Queue1", exact: true })).toBeVisible();
  await search.fill("zzz-no-such-thing");
  await expect(page.getByText("No resource matches “zzz-no-such-thing”.")).toBeVisible();
  await search.fill("");
  await page.getByRole("button", { name: "Add S3 bucket" }).click();
  await expect(page.getByRole("group", { name: "S3 bucket Bucket1", exact: true })).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Template source" })).toHaveValue(/Bucket1:\n\s+Type: AWS::S3::Bucket/);
});

test("every control of the main screen has an accessible name", async ({ app: page }) => {
  await page.getByRole("button", { name: "SNS fan-out" }).click();
  await expect(page.getByRole("button", { name: "Tidy layout" })).toBeEnabled();
  const check = async (where: string) => {
    const controls = page.locator("button, input, select, textarea, a[href], [role='button'], .react-flow__node, .react-flow__edge");
    const count = await controls.count();
    expect(count).toBeGreaterThan(20);
    for (let i = 0; i < count; i++) {
      const control = controls.nth(i);
      if (!(await control.isVisible())) continue;
      await expect(control, `${where}: control #${i} ${await control.evaluate((el) => el.outerHTML.slice(0, 120))}`).toHaveAccessibleName(/\S/);
    }
  };
  await page.locator(".react-flow__node").first().click();
  await check("resource selected");
  await page.locator(".ff-wire-label").first().click();
  await check("wire selected");
});

test("a resource without a card gets its fields from the CloudFormation spec", async ({ host, openApp }) => {
  const template = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  # kept for audits\n  AuditLogs:\n    Type: AWS::Logs::LogGroup\n    Properties:\n      RetentionInDays: 7\n";
  const dir = await host.makeProject({ "template.yaml": template });
  const page = await openApp({ project: dir });
  await page.getByRole("group", { name: "Resource AuditLogs", exact: true }).click();
  const inspector = page.getByRole("complementary", { name: "Inspector" });
  const retention = inspector.getByRole("spinbutton", { name: "RetentionInDays" });
  await expect(retention).toHaveValue("7");
  await retention.fill("14");
  await retention.press("Enter");
  await expect(page.getByRole("textbox", { name: "Template source" })).toHaveValue(template.replace("RetentionInDays: 7", "RetentionInDays: 14"));
  await inspector.getByText(/^More properties/).click();
  await expect(inspector.getByRole("textbox", { name: "LogGroupName" })).toBeVisible();
});

test("wires from the inspector with the keyboard, choosing the kind of wire", async ({ app: page }) => {
  const search = page.getByRole("searchbox", { name: "Search resources" });
  await search.fill("function");
  await search.press("Enter");
  await search.fill("dynamodb");
  await search.press("Enter");
  await page.getByRole("group", { name: "Function Function1", exact: true }).focus();
  await page.keyboard.press("Enter");
  const inspector = page.getByRole("complementary", { name: "Inspector" });
  await inspector.getByRole("combobox", { name: "Connect with" }).selectOption("Table1");
  const kind = inspector.getByRole("combobox", { name: "Kind of wire" });
  await expect(kind.getByRole("option")).not.toHaveCount(0);
  await kind.selectOption({ label: (await kind.getByRole("option", { name: /^read / }).first().textContent())! });
  await inspector.getByRole("button", { name: "Connect", exact: true }).click();
  await expect(page.getByRole("group", { name: /^access wire from Function1 to Table1: read$/ })).toHaveCount(1);
  await expect(page.getByRole("textbox", { name: "Template source" })).toHaveValue(/DynamoDBReadPolicy:\s+TableName: !Ref Table1/);
});
