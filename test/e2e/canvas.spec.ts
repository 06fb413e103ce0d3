/**
 * The main screen end to end on the web host: a corpus template opens as a diagram; the canvas,
 * inspector, template view and problems panel stay in step.
 */
import { test, expect, readCorpus } from "./fixtures";

const node = (page: import("@playwright/test").Page, name: string) => page.getByRole("group", { name, exact: true });

test("opens a corpus template and shows its resources and wires", async ({ host, openApp }) => {
  const dir = await host.makeProject({ "template.yaml": await readCorpus("serverless-patterns/apigw-lambda-dynamodb/template.yaml") });
  const page = await openApp({ project: dir });
  await expect(node(page, "Function LambdaFunction")).toBeVisible();
  await expect(node(page, "DynamoDB table DynamoDBTable")).toBeVisible();
  // SAM's implicit REST API, created for the Api event without a RestApiId.
  await expect(node(page, "REST API ServerlessRestApi")).toBeVisible();
  await expect(page.getByRole("group", { name: /^trigger wire from ServerlessRestApi to LambdaFunction/ })).toHaveCount(1);
  await expect(page.getByRole("group", { name: /^access wire from LambdaFunction to DynamoDBTable/ })).toHaveCount(1);
  await page.screenshot({ path: "test-results/canvas-corpus.png" });
});

async function dragCard(page: import("@playwright/test").Page, card: string, x: number, y: number) {
  const pane = page.locator(".react-flow__pane");
  await page.getByRole("button", { name: `Add ${card}` }).dragTo(pane, { targetPosition: { x, y } });
}

async function wire(page: import("@playwright/test").Page, from: string, to: string) {
  const source = node(page, from).locator(".react-flow__handle.source");
  const target = node(page, to).locator(".react-flow__handle.target");
  const a = (await source.boundingBox())!;
  const b = (await target.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 5 });
  await page.mouse.up();
}

test("builds HTTP API → function → table by drag and drop and shows the event, policy and env var", async ({ app: page }) => {
  await dragCard(page, "HTTP API", 120, 150);
  await expect(node(page, "HTTP API HttpApi1")).toBeVisible();
  await dragCard(page, "Function", 380, 150);
  await expect(node(page, "Function Function1")).toBeVisible();
  await dragCard(page, "DynamoDB table", 640, 150);
  await expect(node(page, "DynamoDB table Table1")).toBeVisible();
  await wire(page, "HTTP API HttpApi1", "Function Function1");
  await expect(page.getByRole("group", { name: /^trigger wire from HttpApi1 to Function1/ })).toHaveCount(1);
  await wire(page, "Function Function1", "DynamoDB table Table1");
  await expect(page.getByRole("group", { name: /^access wire from Function1 to Table1/ })).toHaveCount(1);
  const yaml = page.getByRole("textbox", { name: "Template source" });
  await expect(yaml).toHaveValue(/Type: HttpApi/);
  await expect(yaml).toHaveValue(/ApiId: !Ref HttpApi1/);
  await expect(yaml).toHaveValue(/DynamoDB(Crud|Read|Write)Policy:\s+TableName: !Ref Table1/);
  await expect(yaml).toHaveValue(/Environment:\s+Variables:\s+\w+: !Ref Table1/);
  await page.screenshot({ path: "test-results/canvas-built.png" });
});

test("refuses a wire between a bucket and a queue and shows the reason where it was dropped", async ({ app: page }) => {
  await dragCard(page, "S3 bucket", 120, 120);
  await dragCard(page, "SQS queue", 480, 120);
  await expect(node(page, "SQS queue Queue1")).toBeVisible();
  const yaml = page.getByRole("textbox", { name: "Template source" });
  const before = await yaml.inputValue();
  // While the wire hovers the queue, its handle already shows the pair is refused.
  const source = node(page, "S3 bucket Bucket1").locator(".react-flow__handle.source");
  const target = node(page, "SQS queue Queue1").locator(".react-flow__handle.target");
  const a = (await source.boundingBox())!;
  const b = (await target.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 5 });
  await expect(target).toHaveClass(/connectingto/);
  await expect(target).not.toHaveClass(/\bvalid\b/);
  await page.mouse.up();
  const alert = page.getByRole("alert").filter({ hasText: /queue/i });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText(/S3|bucket/i);
  // Near the pointer: within a hand's width of the queue's input handle.
  const handle = (await node(page, "SQS queue Queue1").locator(".react-flow__handle.target").boundingBox())!;
  const box = (await alert.boundingBox())!;
  expect(Math.abs(box.x - handle.x)).toBeLessThan(120);
  expect(Math.abs(box.y - handle.y)).toBeLessThan(120);
  await expect(page.getByRole("group", { name: /wire from Bucket1 to Queue1/ })).toHaveCount(0);
  await expect(yaml).toHaveValue(before);
});

test("renames a resource with F2 and updates every reference; undo and redo round-trip the bytes", async ({ host, openApp }) => {
  const original = await readCorpus("serverless-patterns/apigw-lambda-dynamodb/template.yaml");
  const dir = await host.makeProject({ "template.yaml": original });
  const page = await openApp({ project: dir });
  const table = node(page, "DynamoDB table DynamoDBTable");
  await table.click();
  await page.keyboard.press("F2");
  const field = page.getByRole("textbox", { name: "New logical ID for DynamoDBTable" });
  await field.fill("WeatherTable");
  await field.press("Enter");
  await expect(node(page, "DynamoDB table WeatherTable")).toBeVisible();
  const yaml = page.getByRole("textbox", { name: "Template source" });
  await expect(yaml).toHaveValue(/TableName: !Ref WeatherTable/);
  expect(await yaml.inputValue()).not.toContain("DynamoDBTable");
  await expect(page.getByRole("group", { name: /^access wire from LambdaFunction to WeatherTable/ })).toHaveCount(1);
  const renamed = await yaml.inputValue();

  await node(page, "DynamoDB table WeatherTable").focus();
  await page.keyboard.press("Control+z");
  await expect(yaml).toHaveValue(original);
  await expect(node(page, "DynamoDB table DynamoDBTable")).toBeVisible();
  await page.keyboard.press("Control+Shift+z");
  await expect(yaml).toHaveValue(renamed);
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(yaml).toHaveValue(original);
  await page.getByRole("button", { name: "Redo" }).click();
  await expect(yaml).toHaveValue(renamed);
});

test("editing the YAML updates the canvas; a broken edit shows its line and keeps the diagram", async ({ app: page }) => {
  const yaml = page.getByRole("textbox", { name: "Template source" });
  const start = await yaml.inputValue();
  const withQueue = start.replace("Resources: {}", "Resources:\n  Jobs:\n    Type: AWS::SQS::Queue\n  Worker:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs22.x\n      Handler: index.handler\n      Events:\n        Work:\n          Type: SQS\n          Properties:\n            Queue: !GetAtt Jobs.Arn\n");
  await yaml.fill(withQueue);
  await expect(node(page, "SQS queue Jobs")).toBeVisible();
  await expect(node(page, "Function Worker")).toBeVisible();
  await expect(page.getByRole("group", { name: /^trigger wire from Jobs to Worker/ })).toHaveCount(1);

  const broken = withQueue + "  Oops: [unclosed\n";
  await yaml.fill(broken);
  const error = page.getByRole("alert").filter({ hasText: /Line \d+/ });
  await expect(error).toBeVisible();
  await expect(page.getByText("The template has an error; the diagram shows its last valid state.")).toBeVisible();
  await expect(node(page, "SQS queue Jobs")).toBeVisible();
  await expect(node(page, "Function Worker")).toBeVisible();
  // Nothing typed is lost.
  await expect(yaml).toHaveValue(broken);

  await yaml.fill(withQueue);
  await expect(error).toHaveCount(0);

  // Leaving the tab right after typing keeps what was typed.
  await yaml.fill(withQueue + "  Uploads:\n    Type: AWS::S3::Bucket\n");
  await page.getByRole("tab", { name: /^Problems/ }).click();
  await expect(node(page, "S3 bucket Uploads")).toBeVisible();
});

test("saves positions and the view in flowform.json and reopens the same diagram", async ({ host, openApp }) => {
  const dir = await host.makeProject({ "template.yaml": await readCorpus("serverless-patterns/apigw-lambda-dynamodb/template.yaml") });
  const page = await openApp({ project: dir });
  const fn = node(page, "Function LambdaFunction");
  await expect(page.getByRole("button", { name: "Tidy layout" })).toBeEnabled();
  const box = (await fn.boundingBox())!;
  await page.mouse.move(box.x + 60, box.y + 20);
  await page.mouse.down();
  await page.mouse.move(box.x + 100, box.y + 140, { steps: 8 });
  await page.mouse.up();
  await expect(page).toHaveTitle(/^● /);
  const positions = async () =>
    page.evaluate(() => Object.fromEntries([...document.querySelectorAll(".react-flow__node")].map((n) => [n.getAttribute("data-id"), (n as HTMLElement).style.transform])));
  const before = await positions();
  await page.getByRole("button", { name: "Zoom In" }).click();
  const viewport = () => page.locator(".react-flow__viewport").evaluate((el) => (el as HTMLElement).style.transform);
  await expect.poll(viewport).toMatch(/scale\(/);
  const view = await viewport();
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page).not.toHaveTitle(/^● /);
  const saved = JSON.parse(await (await import("node:fs/promises")).readFile(`${dir}/flowform.json`, "utf8"));
  expect(Object.keys(saved.layout.nodes).sort()).toEqual(["DynamoDBTable", "LambdaFunction", "ServerlessRestApi"]);

  const again = await openApp({ project: dir });
  await expect(node(again, "Function LambdaFunction")).toBeVisible();
  expect(await positions()).toEqual(before);
  await expect.poll(viewport).toBe(view);
  expect(saved.layout.viewport).toMatchObject({ zoom: expect.any(Number) });
});

test("exports the template as SAM JSON and plain CloudFormation, and the diagram as SVG and PNG", async ({ host, openApp }) => {
  const dir = await host.makeProject({ "template.yaml": await readCorpus("serverless-patterns/apigw-lambda-dynamodb/template.yaml") }, "weather");
  const page = await openApp({ project: dir });
  await expect(node(page, "Function LambdaFunction")).toBeVisible();
  const fsp = await import("node:fs/promises");

  await page.getByRole("button", { name: "Export…" }).click();
  const dialog = page.getByRole("dialog", { name: "Export" });
  await dialog.getByRole("radio", { name: "SAM template (JSON)" }).check();
  const [json] = await Promise.all([page.waitForEvent("download"), dialog.getByRole("button", { name: "Export file" }).click()]);
  expect(json.suggestedFilename()).toBe("weather.json");
  const template = JSON.parse(await fsp.readFile((await json.path())!, "utf8"));
  expect(Object.keys(template.Resources).sort()).toEqual(["DynamoDBTable", "LambdaFunction"]);
  expect(template.Resources.LambdaFunction.Properties.Policies.DynamoDBCrudPolicy.TableName).toEqual({ Ref: "DynamoDBTable" });

  await page.getByRole("button", { name: "Export…" }).click();
  await dialog.getByRole("radio", { name: "Diagram (SVG)" }).check();
  const [svg] = await Promise.all([page.waitForEvent("download"), dialog.getByRole("button", { name: "Export file" }).click()]);
  expect(svg.suggestedFilename()).toBe("weather-diagram.svg");
  const drawing = await fsp.readFile((await svg.path())!, "utf8");
  expect(drawing).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  for (const id of ["LambdaFunction", "DynamoDBTable", "ServerlessRestApi", "POST /", "read-write"]) expect(drawing).toContain(id);

  await page.getByRole("button", { name: "Export…" }).click();
  await dialog.getByRole("radio", { name: "CloudFormation template (JSON)" }).check();
  const [cfn] = await Promise.all([page.waitForEvent("download"), dialog.getByRole("button", { name: "Export file" }).click()]);
  expect(cfn.suggestedFilename()).toBe("weather.cfn.json");
  const plain = JSON.parse(await fsp.readFile((await cfn.path())!, "utf8"));
  expect(plain.Transform).toBeUndefined();
  expect(plain.Resources.LambdaFunction.Type).toBe("AWS::Lambda::Function");
  expect(plain.Resources.DynamoDBTable.Type).toBe("AWS::DynamoDB::Table");

  await page.getByRole("button", { name: "Export…" }).click();
  await dialog.getByRole("radio", { name: "Diagram (PNG)" }).check();
  const [png] = await Promise.all([page.waitForEvent("download"), dialog.getByRole("button", { name: "Export file" }).click()]);
  expect(png.suggestedFilename()).toBe("weather-diagram.png");
  const bytes = await fsp.readFile((await png.path())!);
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  // Drawn at twice the SVG's size: wider than the three nodes side by side.
  expect(bytes.readUInt32BE(16)).toBeGreaterThan(2 * 3 * 220);
});

test("works from the keyboard: Tab between nodes, Enter to inspect, arrows to move, Ctrl+D, Delete", async ({ app: page }) => {
  await page.getByRole("button", { name: "Queue worker with dead-letter queue" }).click();
  await expect(page.getByRole("button", { name: "Tidy layout" })).toBeEnabled();
  const nodes = page.locator(".react-flow__node");
  const count = await nodes.count();
  expect(count).toBeGreaterThanOrEqual(3);
  await nodes.first().focus();
  const firstName = await page.evaluate(() => document.activeElement?.getAttribute("aria-label"));
  await page.keyboard.press("Tab");
  const secondName = await page.evaluate(() => document.activeElement?.getAttribute("aria-label"));
  expect(secondName).toBeTruthy();
  expect(secondName).not.toBe(firstName);
  const id = secondName!.split(" ").pop()!;

  // Focus selects; Enter moves the keyboard into the inspector.
  await page.keyboard.press("Enter");
  await expect(page.getByRole("complementary", { name: "Inspector" }).getByRole("heading", { name: id })).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Logical ID" })).toBeFocused();

  // Arrows move the focused node; the move is a layout change of the project.
  const focused = page.getByRole("group", { name: secondName!, exact: true });
  await focused.focus();
  const before = await focused.evaluate((el) => (el as HTMLElement).style.transform);
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await expect.poll(() => focused.evaluate((el) => (el as HTMLElement).style.transform)).not.toBe(before);

  // Duplicate, then delete the copy.
  await page.keyboard.press("Control+d");
  const copy = page.locator(`.react-flow__node[data-id="${id}Copy"]`);
  await expect(copy).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Template source" })).toHaveValue(new RegExp(`\\n  ${id}Copy:\\n`));
  await copy.focus();
  await page.keyboard.press("Delete");
  await expect(copy).toHaveCount(0);
  await expect(nodes).toHaveCount(count);
});

test("clicking a problem selects its resource in the canvas and the inspector", async ({ app: page }) => {
  await page.getByRole("button", { name: "Scheduled job" }).click();
  await expect(page.getByRole("button", { name: "Tidy layout" })).toBeEnabled();
  await page.getByRole("tab", { name: /^Problems/ }).click();
  const list = page.getByRole("list", { name: "Problems" });
  const item = list.getByRole("listitem").filter({ has: page.locator(".ff-problem__where", { hasText: /\w/ }) }).first();
  const where = (await item.locator(".ff-problem__where").textContent())!.trim();
  const resource = where.split(" · ")[0];
  await item.getByRole("button").first().click();
  await expect(page.getByRole("complementary", { name: "Inspector" }).getByRole("heading", { name: resource })).toBeVisible();
  await expect(page.locator(`.react-flow__node[data-id="${resource}"]`)).toHaveClass(/selected/);
});

test("selects several resources with a Shift-drag box and moves them together", async ({ app: page }) => {
  // The first card goes beside the starters offered on the empty canvas.
  await dragCard(page, "S3 bucket", 130, 60);
  await dragCard(page, "SQS queue", 130, 200);
  await dragCard(page, "SNS topic", 550, 300);
  const pane = (await page.locator(".react-flow__pane").boundingBox())!;
  await page.keyboard.down("Shift");
  await page.mouse.move(pane.x + 6, pane.y + 12);
  await page.mouse.down();
  await page.mouse.move(pane.x + 300, pane.y + 280, { steps: 10 });
  await page.mouse.up();
  await page.keyboard.up("Shift");
  await expect(page.getByRole("complementary", { name: "Inspector" }).getByRole("heading", { name: "2 resources selected" })).toBeVisible();

  const position = (id: string) => page.locator(`.react-flow__node[data-id="${id}"]`).evaluate((el) => (el as HTMLElement).style.transform);
  const [bucket, queue, topic] = [await position("Bucket1"), await position("Queue1"), await position("Topic1")];
  const box = (await node(page, "S3 bucket Bucket1").boundingBox())!;
  await page.mouse.move(box.x + 80, box.y + 20);
  await page.mouse.down();
  await page.mouse.move(box.x + 200, box.y + 60, { steps: 8 });
  await page.mouse.up();
  await expect.poll(() => position("Bucket1")).not.toBe(bucket);
  await expect.poll(() => position("Queue1")).not.toBe(queue);
  expect(await position("Topic1")).toBe(topic);
  // Shift-click adds the third.
  await node(page, "SNS topic Topic1").click({ modifiers: ["Shift"] });
  await expect(page.getByRole("heading", { name: "3 resources selected" })).toBeVisible();
});

test("a problem leads to its field, and its quick fix is an undoable edit", async ({ host, openApp }) => {
  const template = [
    "AWSTemplateFormatVersion: '2010-09-09'",
    "Transform: AWS::Serverless-2016-10-31",
    "Resources:",
    "  Jobs:",
    "    Type: AWS::SQS::Queue",
    "    Properties:",
    "      VisibilityTimeout: 20",
    "  Worker:",
    "    Type: AWS::Serverless::Function",
    "    Properties:",
    "      Runtime: nodejs22.x",
    "      Handler: index.handler",
    "      Timeout: 30",
    "      Events:",
    "        Work:",
    "          Type: SQS",
    "          Properties:",
    "            Queue: !GetAtt Jobs.Arn",
    "",
  ].join("\n");
  const dir = await host.makeProject({ "template.yaml": template });
  const page = await openApp({ project: dir });
  await page.getByRole("tab", { name: /^Problems/ }).click();
  const problem = page.getByRole("list", { name: "Problems" }).getByRole("listitem").filter({ hasText: /has a visibility timeout of/ });
  await expect(problem).toHaveCount(1);
  await problem.getByRole("button").first().click();
  await expect(page.getByRole("spinbutton", { name: "Visibility timeout (s)" })).toBeFocused();
  await expect(page.locator('.react-flow__node[data-id="Jobs"]')).toHaveClass(/selected/);

  const fix = problem.getByRole("button").nth(1);
  await fix.click();
  const yaml = page.getByRole("textbox", { name: "Template source" });
  await page.getByRole("tab", { name: "Template" }).click();
  await expect(yaml).not.toHaveValue(/VisibilityTimeout: 20\n/);
  await expect(yaml).toHaveValue(/VisibilityTimeout: \d{3}\n/);
  await page.getByRole("tab", { name: /^Problems/ }).click();
  await expect(page.getByRole("list", { name: "Problems" }).getByRole("listitem").filter({ hasText: /has a visibility timeout of/ })).toHaveCount(0);
  await page.getByRole("button", { name: "Undo" }).click();
  await page.getByRole("tab", { name: "Template" }).click();
  await expect(yaml).toHaveValue(template);
});
