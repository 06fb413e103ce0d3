/**
 * Cost end to end on the web host: traffic typed in at an entry point flows to the function and
 * the table; the Cost tab's total and the nodes' monthly badges follow; the region and free-tier
 * choices and the budget alarm act on the estimate and the template.
 */
import { test, expect, readCorpus } from "./fixtures";

const node = (page: import("@playwright/test").Page, name: string) => page.getByRole("group", { name, exact: true });

test("typing traffic at the API changes the total and the node badges", async ({ host, openApp }) => {
  const dir = await host.makeProject({ "template.yaml": await readCorpus("serverless-patterns/apigw-lambda-dynamodb/template.yaml") });
  const page = await openApp({ project: dir });
  await page.getByRole("tab", { name: /^Cost/ }).click();
  const total = page.getByTestId("cost-total");
  await expect(total).toHaveText("$0.00");
  const functionBadge = page.getByLabel(/^Monthly cost of LambdaFunction:/);
  await expect(functionBadge).toHaveAttribute("aria-label", "Monthly cost of LambdaFunction: $0.00");

  await node(page, "REST API ServerlessRestApi").click();
  const requests = page.getByRole("textbox", { name: "Requests per month" });
  await requests.fill("20000000");
  await requests.press("Enter");

  // 20M REST requests at $3.50/M, plus the function and table the requests flow into.
  await expect(total).not.toHaveText("$0.00");
  const withTraffic = await total.textContent();
  expect(Number(withTraffic!.replace(/[$,]/g, ""))).toBeGreaterThan(70);
  await expect(functionBadge).not.toHaveAttribute("aria-label", "Monthly cost of LambdaFunction: $0.00");
  await expect(page.getByLabel(/^Monthly cost of DynamoDBTable:/)).not.toHaveAttribute("aria-label", "Monthly cost of DynamoDBTable: $0.00");
  await expect(page.getByRole("table", { name: "Cost by resource and dimension" })).toContainText("REST API requests");
  await expect(page.getByRole("list", { name: "Assumptions" })).toContainText("LambdaFunction: 100 ms per invocation");
  await expect(page.getByRole("img", { name: /^Cost vs traffic chart/ })).toBeVisible();

  // A longer function raises the function's cost and the total.
  await node(page, "Function LambdaFunction").click();
  const duration = page.getByRole("textbox", { name: "Average duration (ms)" });
  await duration.fill("800");
  await duration.press("Enter");
  await expect(total).not.toHaveText(withTraffic!);
  await page.screenshot({ path: "test-results/cost-panel.png" });
  await page.setViewportSize({ width: 1400, height: 1200 });
  await page.getByRole("tabpanel", { name: "Cost" }).screenshot({ path: "test-results/cost-panel-tab.png" });

  // Without free tier the total cannot be lower; in Frankfurt REST requests cost more.
  const before = Number((await total.textContent())!.replace(/[$,]/g, ""));
  await page.getByRole("checkbox", { name: "Free tier", exact: true }).uncheck();
  await expect(total).not.toHaveText(`$${before.toFixed(2)}`);
  const noFree = Number((await total.textContent())!.replace(/[$,]/g, ""));
  expect(noFree).toBeGreaterThan(before);
  await page.getByRole("combobox", { name: "Region" }).selectOption("eu-central-1");
  await expect(total).not.toHaveText(`$${noFree.toFixed(2)}`);
  expect(Number((await total.textContent())!.replace(/[$,]/g, ""))).toBeGreaterThan(noFree);
});

test("adds a budget alarm with the threshold and e-mail to the template", async ({ app }) => {
  await app.getByRole("tab", { name: /^Cost/ }).click();
  await app.getByRole("textbox", { name: "Monthly threshold (USD)" }).fill("25");
  await app.getByRole("textbox", { name: "Alarm e-mail" }).fill("ops@example.com");
  await app.getByRole("button", { name: "Add budget alarm" }).click();
  await expect(app.getByRole("status").filter({ hasText: "Added MonthlyCostBudget" })).toBeVisible();
  await app.getByRole("button", { name: "Add budget alarm" }).scrollIntoViewIfNeeded();
  await app.getByRole("tabpanel", { name: "Cost" }).screenshot({ path: "test-results/cost-budget.png" });
  await app.getByRole("tab", { name: /^Template/ }).click();
  const template = app.getByRole("textbox", { name: "Template source" });
  await expect(template).toHaveValue(/MonthlyCostBudget:\n\s+Type: AWS::Budgets::Budget/);
  await expect(template).toHaveValue(/Amount: 25\n/);
  await expect(template).toHaveValue(/Address: ops@example\.com/);
});

const poolAndApi = `Transform: AWS::Serverless-2016-10-31
Resources:
  Users:
    Type: AWS::Cognito::UserPool
    Properties:
      UserPoolTier: PLUS
  Orders:
    Type: AWS::Serverless::SimpleTable
  GetOrders:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      InlineCode: "exports.handler = async () => ({ statusCode: 200 })"
      Policies:
        - DynamoDBReadPolicy: { TableName: !Ref Orders }
      Events:
        Get:
          Type: HttpApi
          Properties: { Path: /orders, Method: GET }
`;

test("prices a user pool's active users, takes reads per call on a table wire, and shows the chart's numbers", async ({ host, openApp }) => {
  const dir = await host.makeProject({ "template.yaml": poolAndApi });
  const page = await openApp({ project: dir });
  await page.getByRole("tab", { name: /^Cost/ }).click();
  const total = page.getByTestId("cost-total");
  await expect(total).toHaveText("$0.00");

  // Plus has no free tier: 5,000 active users at $0.020 each.
  await node(page, "Cognito user pool Users").click();
  const users = page.getByRole("textbox", { name: "Monthly active users" });
  await users.fill("5000");
  await users.press("Enter");
  await expect(total).toHaveText("$100.00");
  await expect(page.getByLabel("Monthly cost of Users: $100.00")).toBeVisible();
  await expect(page.getByRole("table", { name: "Cost by resource and dimension" })).toContainText("User pool MAUs (Plus)");

  // Traffic at the API; then three reads per invocation on the function's table wire triple the table's reads.
  await node(page, "HTTP API ServerlessHttpApi").click();
  const requests = page.getByRole("textbox", { name: "Requests per month" });
  await requests.fill("10000000");
  await requests.press("Enter");
  // 10M invocations × 1 eventually consistent read (½ RRU) × $0.125 per million RRU = $0.625.
  const tableRow = page.getByTestId("cost-row-Orders");
  await expect(tableRow).toHaveText("$0.63");
  // The wire's label is what a pointer can click (the drawn path sits under the nodes' layer).
  await page.locator(".ff-wire-label", { hasText: /^read$/ }).click();
  const reads = page.getByRole("textbox", { name: "Reads per invocation" });
  await reads.fill("3");
  await reads.press("Enter");
  await expect(tableRow).toHaveText("$1.88");

  // The chart: both axes labelled, the break-even named, and its numbers readable as a table.
  const chart = page.getByRole("img", { name: /^Cost vs traffic chart/ });
  await expect(chart).toContainText("monthly cost (USD)");
  await expect(chart).toContainText("entry requests / month");
  await page.getByText("Chart data").click();
  const data = page.getByRole("table", { name: "Cost vs traffic data" });
  await expect(data.getByRole("row")).toHaveCount(20);
  await expect(data.getByRole("row", { name: /^1B / })).toBeVisible();
  await page.setViewportSize({ width: 1400, height: 1300 });
  await page.getByRole("tabpanel", { name: "Cost" }).screenshot({ path: "test-results/cost-panel-pool-chart.png" });
  await page.screenshot({ path: "test-results/cost-inspector-wire.png" });
});
