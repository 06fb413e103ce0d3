/**
 * Editing on the canvas end to end: undo / redo across every place an edit comes from, the
 * clipboard, keyboard-only viewing, how wires look, and the question asked before unsaved edits
 * are thrown away by closing the tab.
 */
import { test, expect } from "./fixtures";

type Page = import("@playwright/test").Page;
const node = (page: Page, name: string) => page.getByRole("group", { name, exact: true });
const transform = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`).evaluate((el) => (el as HTMLElement).style.transform);

/** Three resources and one wire of each kind: trigger (queue → worker), access (worker → table), destination (queue → DLQ). */
const WIRED = [
  "AWSTemplateFormatVersion: '2010-09-09'",
  "Transform: AWS::Serverless-2016-10-31",
  "Resources:",
  "  Jobs:",
  "    Type: AWS::SQS::Queue",
  "    Properties:",
  "      VisibilityTimeout: 180",
  "      RedrivePolicy:",
  "        deadLetterTargetArn: !GetAtt JobsDlq.Arn",
  "        maxReceiveCount: 5",
  "  JobsDlq:",
  "    Type: AWS::SQS::Queue",
  "  Orders:",
  "    Type: AWS::DynamoDB::Table",
  "    Properties:",
  "      BillingMode: PAY_PER_REQUEST",
  "      AttributeDefinitions:",
  "        - AttributeName: pk",
  "          AttributeType: S",
  "      KeySchema:",
  "        - AttributeName: pk",
  "          KeyType: HASH",
  "  Worker:",
  "    Type: AWS::Serverless::Function",
  "    Properties:",
  "      Runtime: nodejs22.x",
  "      Handler: index.handler",
  "      MemorySize: 256",
  "      Timeout: 30",
  "      Policies:",
  "        - DynamoDBCrudPolicy:",
  "            TableName: !Ref Orders",
  "      Environment:",
  "        Variables:",
  "          ORDERS_TABLE: !Ref Orders",
  "      Events:",
  "        Work:",
  "          Type: SQS",
  "          Properties:",
  "            Queue: !GetAtt Jobs.Arn",
  "",
].join("\n");

test("undo and redo cover an inspector edit, a template-view edit and a move", async ({ host, openApp }) => {
  const dir = await host.makeProject({ "template.yaml": WIRED });
  const page = await openApp({ project: dir });
  const yaml = page.getByRole("textbox", { name: "Template source" });
  await expect(node(page, "Function Worker")).toBeVisible();
  const undo = page.getByRole("button", { name: "Undo" });
  const redo = page.getByRole("button", { name: "Redo" });

  // Inspector.
  await node(page, "Function Worker").click();
  const memory = page.getByRole("complementary", { name: "Inspector" }).getByRole("spinbutton", { name: "Memory (MB)" });
  await memory.fill("1024");
  await memory.press("Enter");
  await expect(yaml).toHaveValue(/MemorySize: 1024\n/);
  await undo.click();
  await expect(yaml).toHaveValue(WIRED);
  await redo.click();
  await expect(yaml).toHaveValue(/MemorySize: 1024\n/);
  const afterInspector = await yaml.inputValue();

  // Template view: the edit lands after the pause, as one step.
  await yaml.fill(afterInspector.replace("VisibilityTimeout: 180", "VisibilityTimeout: 240"));
  await expect(undo).toBeEnabled();
  await expect(page.getByText("Editing…")).toHaveCount(0);
  await undo.click();
  await expect(yaml).toHaveValue(afterInspector);
  await redo.click();
  await expect(yaml).toHaveValue(/VisibilityTimeout: 240\n/);

  // A move on the canvas, undone and redone from the keyboard.
  const before = await transform(page, "Orders");
  const box = (await node(page, "DynamoDB table Orders").boundingBox())!;
  await page.mouse.move(box.x + 60, box.y + 20);
  await page.mouse.down();
  await page.mouse.move(box.x + 160, box.y + 120, { steps: 8 });
  await page.mouse.up();
  await expect.poll(() => transform(page, "Orders")).not.toBe(before);
  const moved = await transform(page, "Orders");
  await node(page, "DynamoDB table Orders").focus();
  await page.keyboard.press("Control+z");
  await expect.poll(() => transform(page, "Orders")).toBe(before);
  await page.keyboard.press("Control+Shift+z");
  await expect.poll(() => transform(page, "Orders")).toBe(moved);
  // The text was not touched by the move.
  await expect(yaml).toHaveValue(/VisibilityTimeout: 240\n/);
});

test("copies and pastes a selection as new resources with their properties; Escape clears the selection", async ({ host, openApp }) => {
  const dir = await host.makeProject({ "template.yaml": WIRED });
  const page = await openApp({ project: dir });
  const yaml = page.getByRole("textbox", { name: "Template source" });
  await node(page, "DynamoDB table Orders").click();
  await node(page, "SQS queue JobsDlq").click({ modifiers: ["Shift"] });
  await expect(page.getByRole("heading", { name: "2 resources selected" })).toBeVisible();
  await page.keyboard.press("Control+c");
  await page.keyboard.press("Control+v");
  await expect(node(page, "DynamoDB table OrdersCopy")).toBeVisible();
  await expect(node(page, "SQS queue JobsDlqCopy")).toBeVisible();
  // The copies keep the originals' properties and are what is selected now.
  await expect(yaml).toHaveValue(/\n {2}OrdersCopy:\n {4}Type: AWS::DynamoDB::Table\n {4}Properties:\n {6}BillingMode: PAY_PER_REQUEST/);
  await expect(page.getByRole("heading", { name: "2 resources selected" })).toBeVisible();
  await expect(page.locator('.react-flow__node[data-id="OrdersCopy"]')).toHaveClass(/selected/);
  await expect(page.locator('.react-flow__node[data-id="Orders"]')).not.toHaveClass(/selected/);

  await page.keyboard.press("Escape");
  await expect(page.locator(".react-flow__node.selected")).toHaveCount(0);
  // One paste is one undo step.
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(yaml).toHaveValue(WIRED);
});

test("draws wires by kind — trigger solid, access dashed, destination dotted — each with its label", async ({ host, openApp }) => {
  const dir = await host.makeProject({ "template.yaml": WIRED });
  const page = await openApp({ project: dir });
  const dash = (name: RegExp) =>
    page.getByRole("group", { name }).locator("path.react-flow__edge-path").evaluate((el) => getComputedStyle(el).strokeDasharray);
  await expect(page.getByRole("group", { name: /^trigger wire from Jobs to Worker: batch 10/ })).toHaveCount(1);
  expect(await dash(/^trigger wire from Jobs to Worker/)).toBe("none");
  expect(await dash(/^access wire from Worker to Orders/)).toMatch(/^7(px)?,? 5(px)?$/);
  expect(await dash(/^destination wire from Jobs to JobsDlq/)).toMatch(/^2(px)?,? 4(px)?$/);
  await expect(page.locator(".ff-wire-label", { hasText: "batch 10" })).toBeVisible();
  await expect(page.locator(".ff-wire-label", { hasText: "read-write" })).toBeVisible();
  await expect(page.locator(".ff-wire-label", { hasText: "dead-letter after 5" })).toBeVisible();
});

test("zooms from the keyboard: Shift+2 frames the selection, Shift+1 the whole diagram", async ({ host, openApp }) => {
  const dir = await host.makeProject({ "template.yaml": WIRED });
  const page = await openApp({ project: dir });
  await expect(page.getByRole("button", { name: "Tidy layout" })).toBeEnabled();
  const zoom = () => page.locator(".react-flow__viewport").evaluate((el) => new DOMMatrix(getComputedStyle(el).transform).a);
  await page.getByRole("button", { name: "Zoom Out" }).click();
  await page.getByRole("button", { name: "Zoom Out" }).click();
  const zoomedOut = await zoom();
  await node(page, "DynamoDB table Orders").focus();
  await page.keyboard.press("Shift+Digit2");
  await expect.poll(zoom).toBeGreaterThan(zoomedOut);
  // One 220-pixel node framed: it fills much of the view, up to the 1.1× cap.
  expect(await zoom()).toBeLessThanOrEqual(1.1);
  const table = (await node(page, "DynamoDB table Orders").boundingBox())!;
  const canvas = (await page.locator(".react-flow").boundingBox())!;
  expect(table.x).toBeGreaterThan(canvas.x);
  expect(table.x + table.width).toBeLessThan(canvas.x + canvas.width);
  const framed = await zoom();
  await page.keyboard.press("Shift+Digit1");
  await expect.poll(zoom).toBeLessThan(framed);
  for (const name of ["Function Worker", "SQS queue Jobs", "SQS queue JobsDlq", "DynamoDB table Orders"]) await expect(node(page, name)).toBeInViewport();
});

test("closing the tab with unsaved edits asks before discarding them", async ({ app: page }) => {
  await page.getByRole("button", { name: "Add SQS queue" }).click();
  await expect(node(page, "SQS queue Queue1")).toBeVisible();
  await expect(page).toHaveTitle(/^● /);
  // The fixture accepts every beforeunload question (so tests can close dirty pages); this listens only.
  const asked = new Promise<string>((resolve) => page.once("dialog", (dialog) => resolve(dialog.type())));
  await page.close({ runBeforeUnload: true });
  // The browser's "Leave site? Changes you made may not be saved" question (Electron shows it as a native dialog).
  expect(await asked).toBe("beforeunload");
  await expect.poll(() => page.isClosed()).toBe(true);
});

test("a saved project closes without a question", async ({ host, openApp }) => {
  const dir = await host.makeProject({ "template.yaml": WIRED });
  const page = await openApp({ project: dir });
  await node(page, "SQS queue Jobs").click();
  await expect(page).not.toHaveTitle(/^● /);
  let asked = false;
  page.on("dialog", () => {
    asked = true;
  });
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => page.isClosed()).toBe(true);
  expect(asked).toBe(false);
});
