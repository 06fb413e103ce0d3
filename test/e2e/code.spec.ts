/**
 * Function code end to end on the web host: open a function's handler in the code panel (Monaco,
 * loaded only then), edit, save with Ctrl+S (the file on disk changes), run a local test and see
 * the result; create starter code for a function without code; offer outside changes, and mark a
 * file deleted on disk (Save again / Close tab).
 */
import fs from "node:fs/promises";
import path from "node:path";
import { test, expect } from "./fixtures";
import type { Locator, Page } from "@playwright/test";

const TEMPLATE = `AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  Hello:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      CodeUri: src/Hello/
      Timeout: 3
      Environment:
        Variables:
          TABLE_NAME: !Ref Greetings
      Events:
        Get:
          Type: Api
          Properties:
            Path: /hello
            Method: get
  Greetings:
    Type: AWS::DynamoDB::Table
`;

const HANDLER = `const greeting = "hello from ";
export const handler = async (event) => {
  console.log("path", event.path);
  return { statusCode: 200, body: greeting + process.env.TABLE_NAME };
};
`;

// Page errors and crashes go into the report of a failing test.
test.beforeEach(async ({ page }, testInfo) => {
  page.on("pageerror", (e) => testInfo.annotations.push({ type: "pageerror", description: `${e.message}\n${e.stack ?? ""}` }));
  page.on("crash", () => testInfo.annotations.push({ type: "crash", description: "the page crashed" }));
  page.on("console", (m) => {
    if (m.type() === "error") testInfo.annotations.push({ type: "console.error", description: m.text() });
  });
});

/** The lines the code editor shows (Monaco draws only the lines in view). */
function codeLines(page: Page): Locator {
  return page.locator(".code-editor-host .view-lines");
}

/** The lines the Test pane's event editor (Monaco, JSON mode) shows. */
function eventLines(testPane: Locator): Locator {
  return testPane.locator(".code-test-event-editor .view-lines");
}

/** Type a new test event over the old one, as a person would (select all, type). */
async function replaceEvent(page: Page, testPane: Locator, text: string): Promise<void> {
  await eventLines(testPane).click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.insertText(text);
  // Monaco closes the brace it saw typed; drop what it added after the cursor.
  await page.keyboard.press("ControlOrMeta+Shift+End");
  await page.keyboard.press("Delete");
}

async function openCodeOf(page: Page, functionId: string): Promise<void> {
  await page.getByRole("tab", { name: /^Code/ }).click();
  await page.getByRole("combobox", { name: "Function" }).selectOption(functionId);
  await page.getByRole("button", { name: "Open code" }).click();
}

test("opens a function's handler, saves an edit to disk and runs a test", async ({ host, openApp }) => {
  const dir = await host.makeProject({ "template.yaml": TEMPLATE, "src/Hello/index.mjs": HANDLER });
  const page = await openApp({ project: dir });
  const monacoRequests: string[] = [];
  page.on("request", (r) => {
    if (/editor\.api-|CodeEditor-|ts\.worker/.test(r.url())) monacoRequests.push(r.url());
  });
  await expect(page.getByRole("main", { name: "Canvas" })).toBeVisible();
  // Monaco is not part of start-up.
  expect(monacoRequests).toEqual([]);

  await openCodeOf(page, "Hello");
  const tab = page.getByRole("tab", { name: "index.mjs (Hello)" });
  await expect(tab).toBeVisible();
  const editor = page.getByRole("code").or(page.locator(".monaco-editor")).first();
  await expect(editor).toBeVisible();
  await expect(codeLines(page)).toContainText("hello from");
  expect(monacoRequests.length).toBeGreaterThan(0);

  // Replace the first line (the greeting) by typing over it.
  await codeLines(page).click();
  await page.keyboard.press("ControlOrMeta+Home");
  await page.keyboard.press("Shift+End");
  await page.keyboard.insertText('const greeting = "bonjour de ";');
  await expect(page.getByRole("tab", { name: "index.mjs (Hello), unsaved" })).toBeVisible();

  await page.keyboard.press("ControlOrMeta+S");
  await expect(page.getByRole("tab", { name: "index.mjs (Hello)", exact: true })).toBeVisible();
  const onDisk = await fs.readFile(path.join(dir, "src/Hello/index.mjs"), "utf8");
  expect(onDisk).toBe(HANDLER.replace("hello from", "bonjour de"));

  // The Test pane starts from an API sample event; run it.
  const testPane = page.getByRole("region", { name: "Test Hello" });
  await expect(eventLines(testPane)).toContainText('"httpMethod": "GET"');
  await testPane.getByRole("button", { name: "Run test" }).click();
  await expect(testPane.getByText(/^Succeeded in/)).toBeVisible();
  await expect(testPane.getByLabel("Returned value")).toContainText('"body": "bonjour de <Greetings name>"');
  await expect(testPane.getByLabel("Logs")).toContainText("path /hello");
  await page.screenshot({ path: "test-results/code-panel.png" });
  await page.getByRole("region", { name: "Bottom panel" }).screenshot({ path: "test-results/code-panel-bottom.png" });
});

test("double-clicking a function node opens its handler", async ({ host, openApp }) => {
  const dir = await host.makeProject({ "template.yaml": TEMPLATE, "src/Hello/index.mjs": HANDLER });
  const page = await openApp({ project: dir });
  await page.getByRole("group", { name: "Function Hello", exact: true }).dblclick();
  await expect(page.getByRole("tab", { name: /^Code/ })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("tab", { name: "index.mjs (Hello)" })).toBeVisible();
  await expect(codeLines(page)).toContainText("hello from");

  // The editor follows the app's theme.
  const dark = (await page.locator("html").getAttribute("data-theme")) === "dark";
  await page.getByRole("button", { name: /^Theme:/ }).click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", dark ? "light" : "dark");
  await expect(page.locator(".code-editor-host .monaco-editor")).toHaveClass(dark ? /(^|\s)vs(\s|$)/ : /(^|\s)vs-dark(\s|$)/);
});

test("opens a function's code from the inspector's Edit code button", async ({ host, openApp }) => {
  const dir = await host.makeProject({ "template.yaml": TEMPLATE, "src/Hello/index.mjs": HANDLER });
  const page = await openApp({ project: dir });
  const inspector = page.getByRole("complementary", { name: "Inspector" });
  // Only functions have code.
  await page.getByRole("group", { name: "DynamoDB table Greetings", exact: true }).click();
  await expect(inspector.getByRole("heading", { name: "Greetings" })).toBeVisible();
  await expect(inspector.getByRole("button", { name: "Edit code" })).toHaveCount(0);

  await page.getByRole("group", { name: "Function Hello", exact: true }).click();
  await expect(inspector.getByRole("button", { name: "Edit code" })).toBeVisible();
  await inspector.screenshot({ path: "test-results/code-inspector-edit-code.png" });
  await inspector.getByRole("button", { name: "Edit code" }).click();
  await expect(page.getByRole("tab", { name: /^Code/ })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("tab", { name: "index.mjs (Hello)" })).toBeVisible();
  await expect(codeLines(page)).toContainText("hello from");
});

test("edits the test event as JSON, lists what is wrong, and saves and runs it once it parses", async ({ host, openApp }) => {
  const dir = await host.makeProject({ "template.yaml": TEMPLATE, "src/Hello/index.mjs": HANDLER });
  const page = await openApp({ project: dir });
  const jsonWorkers: string[] = [];
  page.on("request", (r) => {
    if (/json\.worker/.test(r.url())) jsonWorkers.push(r.url());
  });
  await openCodeOf(page, "Hello");
  const testPane = page.getByRole("region", { name: "Test Hello" });
  await expect(eventLines(testPane)).toContainText('"httpMethod": "GET"');
  // The event editor is Monaco in JSON mode: its language service runs in the JSON worker.
  await expect.poll(() => jsonWorkers.length).toBeGreaterThan(0);

  await page.emulateMedia({ colorScheme: "light" });
  await page.getByRole("region", { name: "Bottom panel" }).screenshot({ path: "test-results/code-tab-light.png" });
  await page.emulateMedia({ colorScheme: "dark" });
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await expect(testPane.locator(".monaco-editor").first()).toHaveClass(/(^|\s)vs-dark(\s|$)/);
  await page.getByRole("region", { name: "Bottom panel" }).screenshot({ path: "test-results/code-tab-dark.png" });
  await page.emulateMedia({ colorScheme: "light" });

  // A missing comma: the problem is listed under the editor, and the run is refused.
  await replaceEvent(page, testPane, '{ "path": "/typed" "httpMethod": "GET" }');
  const problems = testPane.getByRole("list", { name: "Test event problems" });
  await expect(problems).toContainText(/Line 1, column \d+: Expected comma/);
  await testPane.getByRole("button", { name: "Run test" }).click();
  await expect(testPane.getByRole("alert")).toContainText("The test event is not valid JSON");
  await expect(testPane.getByText(/^Succeeded in/)).toHaveCount(0);
  await page.getByRole("region", { name: "Bottom panel" }).screenshot({ path: "test-results/code-tab-invalid-event.png" });

  await replaceEvent(page, testPane, '{ "path": "/typed", "httpMethod": "GET" }');
  await expect(problems).toHaveCount(0);
  await testPane.getByRole("button", { name: "Run test" }).click();
  await expect(testPane.getByText(/^Succeeded in/)).toBeVisible();
  await expect(testPane.getByLabel("Logs")).toContainText("path /typed");
  await page.getByRole("region", { name: "Bottom panel" }).screenshot({ path: "test-results/code-tab-result.png" });

  // Saved per function in flowform.json: Ctrl/Cmd+S in the event editor saves the project with it.
  await replaceEvent(page, testPane, '{ "path": "/saved" }');
  await page.keyboard.press("ControlOrMeta+S");
  await expect
    .poll(async () => JSON.parse(await fs.readFile(path.join(dir, "flowform.json"), "utf8").catch(() => "{}")).testEvents?.Hello)
    .toEqual({ path: "/saved" });
});

test("keeps each function's test event when switching between their tabs", async ({ host, openApp }) => {
  const template = `${TEMPLATE}  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      CodeUri: src/Worker/
      Events:
        Jobs:
          Type: SQS
          Properties:
            Queue: !GetAtt Jobs.Arn
  Jobs:
    Type: AWS::SQS::Queue
`;
  const dir = await host.makeProject({ "template.yaml": template, "src/Hello/index.mjs": HANDLER, "src/Worker/index.mjs": "export const handler = async (event) => event.Records.length;\n" });
  const page = await openApp({ project: dir });
  await openCodeOf(page, "Hello");
  const hello = page.getByRole("region", { name: "Test Hello" });
  await expect(eventLines(hello)).toContainText('"httpMethod": "GET"');
  await replaceEvent(page, hello, '{ "path": "/half typed", ');

  await page.getByRole("group", { name: "Function Worker", exact: true }).dblclick();
  const worker = page.getByRole("region", { name: "Test Worker" });
  await expect(eventLines(worker)).toContainText('"messageId": "');
  await expect(eventLines(worker)).not.toContainText("half typed");

  await page.getByRole("tab", { name: "index.mjs (Hello)" }).click();
  await expect(eventLines(hello)).toContainText('{ "path": "/half typed",');
  await expect(hello.getByRole("list", { name: "Test event problems" })).toBeVisible();
});

test("creates starter code shaped by the wiring and runs it", async ({ host, openApp }) => {
  const template = `Transform: AWS::Serverless-2016-10-31
Resources:
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Timeout: 5
      Events:
        Jobs:
          Type: SQS
          Properties:
            Queue: !GetAtt JobsQueue.Arn
  JobsQueue:
    Type: AWS::SQS::Queue
`;
  const dir = await host.makeProject({ "template.yaml": template });
  const page = await openApp({ project: dir });
  await openCodeOf(page, "Worker");
  const form = page.getByRole("form", { name: "Create code for Worker" });
  await expect(form).toContainText("SQS messages");
  await form.getByRole("combobox", { name: "Runtime" }).selectOption("nodejs22.x");
  await form.getByRole("combobox", { name: "Language" }).selectOption("typescript");
  await form.getByRole("combobox", { name: "Architecture" }).selectOption("arm64");
  await page.getByRole("region", { name: "Bottom panel" }).screenshot({ path: "test-results/code-create-form.png" });
  await form.getByRole("button", { name: "Create code" }).click();

  await expect(page.getByRole("tab", { name: "index.ts (Worker)" })).toBeVisible();
  const source = await fs.readFile(path.join(dir, "src/Worker/index.ts"), "utf8");
  expect(source).toContain("batchItemFailures.push({ itemIdentifier: record.messageId })");
  await expect(codeLines(page)).toContainText("batchItemFailures");

  // The template now points at the code (an undoable edit; the project is unsaved until Save).
  await page.getByRole("tab", { name: /^Template/ }).click();
  const text = page.getByRole("textbox", { name: "Template source" });
  await expect(text).toHaveValue(/CodeUri: src\/Worker\//);
  await expect(text).toHaveValue(/Handler: index\.handler/);
  await expect(text).toHaveValue(/Runtime: nodejs22\.x/);
  await expect(text).toHaveValue(/- arm64/);

  await page.getByRole("tab", { name: /^Code/ }).click();
  const testPane = page.getByRole("region", { name: "Test Worker" });
  await expect(eventLines(testPane)).toContainText('"messageId": "');
  await testPane.getByRole("button", { name: "Run test" }).click();
  await expect(testPane.getByText(/^Succeeded in/)).toBeVisible();
  await expect(testPane.getByLabel("Returned value")).toContainText('"batchItemFailures": []');
  await page.screenshot({ path: "test-results/code-starter.png" });
});

test("offers a change made on disk by another program", async ({ host, openApp }) => {
  const dir = await host.makeProject({ "template.yaml": TEMPLATE, "src/Hello/index.mjs": HANDLER });
  const page = await openApp({ project: dir });
  await openCodeOf(page, "Hello");
  await expect(codeLines(page)).toContainText("hello from");
  await fs.writeFile(path.join(dir, "src/Hello/index.mjs"), HANDLER.replace("hello from", "changed outside"));
  const banner = page.getByRole("alert").filter({ hasText: "changed on disk" });
  await expect(banner).toBeVisible();
  await banner.getByRole("button", { name: "Reload from disk" }).click();
  await expect(banner).toBeHidden();
  await expect(codeLines(page)).toContainText("changed outside");
});

test("marks a tab whose file was deleted on disk and saves it again", async ({ host, openApp }) => {
  const dir = await host.makeProject({ "template.yaml": TEMPLATE, "src/Hello/index.mjs": HANDLER });
  const page = await openApp({ project: dir });
  await openCodeOf(page, "Hello");
  await expect(codeLines(page)).toContainText("hello from");

  // Another program removes the whole code folder.
  await fs.rm(path.join(dir, "src/Hello"), { recursive: true });
  await expect(page.getByRole("tab", { name: "index.mjs (Hello) (deleted)" })).toBeVisible();
  const banner = page.getByRole("alert").filter({ hasText: "was deleted or moved away on disk" });
  await expect(banner).toBeVisible();
  await expect(codeLines(page)).toContainText("hello from");
  await page.screenshot({ path: "test-results/code-deleted-on-disk.png" });

  await banner.getByRole("button", { name: "Save again" }).click();
  await expect(banner).toBeHidden();
  await expect(page.getByRole("tab", { name: "index.mjs (Hello)", exact: true })).toBeVisible();
  expect(await fs.readFile(path.join(dir, "src/Hello/index.mjs"), "utf8")).toBe(HANDLER);

  // Renamed away and back by another program: the mark comes and goes with the file.
  await fs.rename(path.join(dir, "src/Hello/index.mjs"), path.join(dir, "src/Hello/old.mjs"));
  await expect(page.getByRole("tab", { name: "index.mjs (Hello) (deleted)" })).toBeVisible();
  await fs.rename(path.join(dir, "src/Hello/old.mjs"), path.join(dir, "src/Hello/index.mjs"));
  await expect(page.getByRole("tab", { name: "index.mjs (Hello)", exact: true })).toBeVisible();
  await expect(banner).toBeHidden();

  // Close tab lets the file go.
  await fs.rm(path.join(dir, "src/Hello/index.mjs"));
  await banner.getByRole("button", { name: "Close tab" }).click();
  await expect(page.getByRole("tab", { name: /index\.mjs/ })).toHaveCount(0);
});

test("shows a thrown error with its stack", async ({ host, openApp }) => {
  const dir = await host.makeProject({
    "template.yaml": TEMPLATE,
    "src/Hello/index.mjs": `export const handler = async () => {\n  throw new RangeError("no greeting today");\n};\n`,
  });
  const page = await openApp({ project: dir });
  await openCodeOf(page, "Hello");
  const testPane = page.getByRole("region", { name: "Test Hello" });
  await testPane.getByRole("button", { name: "Run test" }).click();
  await expect(testPane.getByText(/^Failed after .*: RangeError/)).toBeVisible();
  await expect(testPane.getByLabel("Error")).toContainText("no greeting today");
  await expect(testPane.getByLabel("Error")).toContainText("index.mjs:2");
});

test("types the handler from its wiring and follows wire changes", async ({ host, openApp }) => {
  const template = (extraVar: string) => `Transform: AWS::Serverless-2016-10-31
Resources:
  Consumer:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      CodeUri: src/Consumer/
      Environment:
        Variables:
          TABLE_NAME: !Ref Orders${extraVar}
      Events:
        Jobs:
          Type: SQS
          Properties:
            Queue: !GetAtt Jobs.Arn
  Jobs:
    Type: AWS::SQS::Queue
  Orders:
    Type: AWS::DynamoDB::Table
`;
  const source = `import type { SQSEvent } from "aws-lambda";

export const handler = async (event: SQSEvent) => {
  const table: string = process.env.TABLE_NAME;
  const audit = process.env.AUDIT_TOPIC;
  return { count: event.Records.length, table, audit };
};
`;
  const dir = await host.makeProject({ "template.yaml": template(""), "src/Consumer/index.ts": source });
  const page = await openApp({ project: dir });
  await openCodeOf(page, "Consumer");
  // AUDIT_TOPIC is no variable of this function: the only error in the file.
  const errors = page.locator(".code-editor-host .squiggly-error");
  // The TypeScript worker starts on first use; on a busy machine that takes a while.
  await expect(errors).toHaveCount(1, { timeout: 45_000 });
  // Go to the problem (F8) to read its message.
  await codeLines(page).click();
  await page.keyboard.press("F8");
  await expect(page.locator(".code-editor-host .marker-widget")).toContainText("Property 'AUDIT_TOPIC' does not exist on type 'ConsumerEnvironment'");
  await page.keyboard.press("Escape");

  // Add the variable in the template: the declarations follow and the error goes away.
  await page.getByRole("tab", { name: /^Template/ }).click();
  await page.getByRole("textbox", { name: "Template source" }).fill(template("\n          AUDIT_TOPIC: audit"));
  await page.getByRole("tab", { name: /^Code/ }).click();
  await expect(codeLines(page)).toContainText("AUDIT_TOPIC");
  await expect(errors).toHaveCount(0, { timeout: 45_000 });
});

test("types process.env from a wire as soon as it is drawn", async ({ host, openApp }) => {
  const template = `Transform: AWS::Serverless-2016-10-31
Resources:
  Consumer:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      CodeUri: src/Consumer/
      Events:
        Jobs:
          Type: SQS
          Properties:
            Queue: !GetAtt Jobs.Arn
  Jobs:
    Type: AWS::SQS::Queue
  Audit:
    Type: AWS::DynamoDB::Table
`;
  const source = `export const handler = async (event: ConsumerEvent) => {
  const table: string = process.env.AUDIT_TABLE_NAME;
  return { count: event.Records.length, table };
};
`;
  const dir = await host.makeProject({ "template.yaml": template, "src/Consumer/index.ts": source });
  const page = await openApp({ project: dir });
  await openCodeOf(page, "Consumer");
  const errors = page.locator(".code-editor-host .monaco-editor .squiggly-error");
  // No wire to Audit yet: its variable is not the function's.
  await expect(errors).toHaveCount(1, { timeout: 45_000 });

  // Draw the access wire (the inspector's Connect row); the code tab stays open.
  await page.getByRole("group", { name: "Function Consumer", exact: true }).click();
  const inspector = page.getByRole("complementary", { name: "Inspector" });
  await inspector.getByRole("combobox", { name: "Connect with" }).selectOption("Audit");
  await inspector.getByRole("button", { name: "Connect", exact: true }).click();
  await expect(page.getByRole("tab", { name: "index.ts (Consumer)" })).toBeVisible();
  await expect(errors).toHaveCount(0, { timeout: 45_000 });

  // Hovering the variable shows what the wire says it holds.
  await codeLines(page).getByText("AUDIT_TABLE_NAME").hover();
  await expect(page.locator(".monaco-hover").first()).toContainText("The name of Audit", { timeout: 20_000 });
});

test("renaming a function offers to rename its code folder", async ({ host, openApp }) => {
  const dir = await host.makeProject({ "template.yaml": TEMPLATE, "src/Hello/index.mjs": HANDLER });
  const page = await openApp({ project: dir });
  await openCodeOf(page, "Hello");
  await expect(page.getByRole("tab", { name: "index.mjs (Hello)" })).toBeVisible();

  await page.getByRole("group", { name: "Function Hello", exact: true }).click();
  await page.getByRole("textbox", { name: "Logical ID" }).fill("Greeter");
  await page.getByRole("button", { name: "Rename", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Rename the code folder?" });
  await expect(dialog).toContainText("src/Hello/");
  await dialog.getByRole("button", { name: "Rename folder" }).click();

  await expect(page.getByRole("tab", { name: "index.mjs (Greeter)" })).toBeVisible();
  expect(await fs.readFile(path.join(dir, "src/Greeter/index.mjs"), "utf8")).toBe(HANDLER);
  await expect(fs.stat(path.join(dir, "src/Hello"))).rejects.toThrow();
  await page.getByRole("tab", { name: /^Template/ }).click();
  await expect(page.getByRole("textbox", { name: "Template source" })).toHaveValue(/CodeUri: src\/Greeter\//);

  // Changes made by another program are still noticed in the renamed folder.
  await page.getByRole("tab", { name: /^Code/ }).click();
  await fs.writeFile(path.join(dir, "src/Greeter/index.mjs"), HANDLER.replace("hello from", "edited elsewhere"));
  const banner = page.getByRole("alert").filter({ hasText: "changed on disk" });
  await expect(banner).toBeVisible();
  await banner.getByRole("button", { name: "Reload from disk" }).click();
  await expect(codeLines(page)).toContainText("edited elsewhere");

  // Undo puts CodeUri back, and offers to put the folder back with it.
  await page.getByRole("button", { name: "Undo", exact: true }).click();
  const back = page.getByRole("dialog", { name: "Move the code folder back?" });
  await back.getByRole("button", { name: "Rename folder" }).click();
  await expect(page.getByRole("tab", { name: "index.mjs (Greeter)" })).toHaveAttribute("title", "src/Hello/index.mjs");
  expect(await fs.readFile(path.join(dir, "src/Hello/index.mjs"), "utf8")).toContain("edited elsewhere");
  await page.getByRole("button", { name: "Undo", exact: true }).click();
  await expect(page.getByRole("tab", { name: "index.mjs (Hello)" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Test Hello" })).toBeVisible();
});

test("creates a Python starter and runs it with python3", async ({ host, openApp }) => {
  const python = await host.call("invoke.runtimes");
  test.skip(!python.value?.python, "python3 is not installed here");
  const template = `Transform: AWS::Serverless-2016-10-31
Resources:
  Uploads:
    Type: AWS::S3::Bucket
  Thumbnailer:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Created:
          Type: S3
          Properties:
            Bucket: !Ref Uploads
            Events: s3:ObjectCreated:*
`;
  const dir = await host.makeProject({ "template.yaml": template });
  const page = await openApp({ project: dir });
  await openCodeOf(page, "Thumbnailer");
  const form = page.getByRole("form", { name: "Create code for Thumbnailer" });
  await form.getByRole("combobox", { name: "Runtime" }).selectOption("python3.13");
  await expect(form.getByRole("combobox", { name: "Language" })).toHaveCount(0);
  await form.getByRole("button", { name: "Create code" }).click();
  await expect(page.getByRole("tab", { name: "app.py (Thumbnailer)" })).toBeVisible();
  expect(await fs.readFile(path.join(dir, "src/Thumbnailer/app.py"), "utf8")).toContain('urllib.parse.unquote_plus(record["s3"]["object"]["key"])');

  const testPane = page.getByRole("region", { name: "Test Thumbnailer" });
  await expect(eventLines(testPane)).toContainText('"eventSource": "aws:s3"');
  await testPane.getByRole("button", { name: "Run test" }).click();
  await expect(testPane.getByText(/^Succeeded in .* Python 3/)).toBeVisible();
  await expect(testPane.getByLabel("Logs")).toContainText("uploads/example.json");
  await page.getByRole("region", { name: "Bottom panel" }).screenshot({ path: "test-results/code-python.png" });
});

test("stops a test run that would otherwise wait for a long timeout", async ({ host, openApp }) => {
  const dir = await host.makeProject({
    "template.yaml": TEMPLATE.replace("Timeout: 3", "Timeout: 900"),
    "src/Hello/index.mjs": `export const handler = () => new Promise(() => setInterval(() => console.log("still waiting"), 200));\n`,
  });
  const page = await openApp({ project: dir });
  await openCodeOf(page, "Hello");
  const testPane = page.getByRole("region", { name: "Test Hello" });
  await testPane.getByRole("button", { name: "Run test" }).click();
  await expect(testPane.getByRole("button", { name: "Running…" })).toBeDisabled();
  await testPane.getByRole("button", { name: "Stop" }).click();
  await expect(testPane.getByText(/^Stopped/)).toBeVisible();
  await expect(testPane.getByRole("button", { name: "Run test" })).toBeEnabled();
});
