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
