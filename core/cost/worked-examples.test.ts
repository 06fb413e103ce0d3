import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { PriceTable } from "./prices";
import { priceWorkedExample, type WorkedExample } from "./worked-examples";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../..");
const prices = JSON.parse(readFileSync(resolve(repo, "resources/pricing/us-east-1.json"), "utf8")) as PriceTable;
const shared = JSON.parse(readFileSync(resolve(repo, "../shared/reference/pricing-examples.json"), "utf8")) as { cases: WorkedExample[] };
const found = JSON.parse(readFileSync(resolve(here, "aws-examples.json"), "utf8")) as { cases: WorkedExample[] };
const pages = JSON.parse(readFileSync(resolve(here, "worked-example-pages.json"), "utf8")) as { examples: Record<string, { page_prices: WorkedExample["page_prices"] }> };

/** A shared example with the unit prices its own page states, where those differ from today's. */
const asOnItsPage = (example: WorkedExample): WorkedExample => ({ ...example, page_prices: pages.examples[example.id]?.page_prices });

describe("worked pricing examples are reproduced to the cent", () => {
  for (const example of [...shared.cases.map(asOnItsPage), ...found.cases]) {
    it(`${example.id} costs exactly $${example.expected_monthly_usd.toFixed(2)}`, () => {
      const result = priceWorkedExample(example, prices);
      expect(result.usd).toBe(example.expected_monthly_usd);
      expect(result.unused).toEqual([]);
    });
  }

  it("owes Lambda example 1's last cent to the page's rounded GB-s price, not to rounding", () => {
    const example = shared.cases.find((c) => c.id === "lambda-legacy-ex1-512mb-3m-1s")!;
    const onPage = priceWorkedExample(asOnItsPage(example), prices);
    const today = priceWorkedExample(example, prices);
    expect(onPage.usd).toBe(18.74);
    expect(today.usd).toBe(18.73);
    // Rounding each line (as the page prints them) or only the total gives the same cents.
    const perLine = (r: typeof onPage) => Object.values(r.byMeter).reduce((sum, usd) => sum + Math.round(usd * 100) / 100, 0);
    expect(Math.round(perLine(onPage) * 100) / 100).toBe(18.74);
    expect(Math.round(perLine(today) * 100) / 100).toBe(18.73);
  });

  it("keeps the example's page prices out of the table it was given", () => {
    const example = shared.cases.find((c) => c.id === "lambda-legacy-ex1-512mb-3m-1s")!;
    priceWorkedExample(asOnItsPage(example), prices);
    expect(prices.lambda.durationX86.tiers[0].usd).toBe(0.0000166667);
  });

  it("charges Cognito Plus for every active user, with no free tier", () => {
    const plus = priceWorkedExample({ id: "p", service: "cognito", inputs: { feature_plan: "plus", monthly_active_users: 5_000 }, free_tier_applied: true, expected_monthly_usd: 0 }, prices);
    const essentials = priceWorkedExample({ id: "e", service: "cognito", inputs: { feature_plan: "essentials", monthly_active_users: 5_000 }, free_tier_applied: true, expected_monthly_usd: 0 }, prices);
    expect(plus.usd).toBe(100);
    expect(essentials.usd).toBe(0);
  });

  it("reads every shared example's inputs (none ignored)", () => {
    expect(shared.cases.length).toBeGreaterThanOrEqual(5);
  });

  it("splits the Lambda example into compute and requests as the page does", () => {
    const example = shared.cases.find((c) => c.id === "lambda-legacy-ex1-512mb-3m-1s")!;
    const result = priceWorkedExample(example, prices);
    expect(result.quantities.lambdaDurationX86).toBe(1_500_000);
    expect(result.byMeter.lambdaRequests).toBeCloseTo(0.4, 10);
    expect(result.byMeter.lambdaDurationX86).toBeCloseTo(1_100_000 * 0.0000166667, 8);
  });

  it("prices the S3 FAQ storage across the 50 TB tier boundary", () => {
    const example = shared.cases.find((c) => c.service === "s3")!;
    const result = priceWorkedExample(example, prices);
    expect(result.quantities.s3Storage).toBeCloseTo(52_900, 6);
    expect(result.byMeter.s3Storage).toBeCloseTo(51_200 * 0.023 + 1_700 * 0.022, 6);
  });

  it("rounds a half cent up the way AWS shows it (DynamoDB $0.475 → $0.48)", () => {
    const example = shared.cases.find((c) => c.service === "dynamodb")!;
    const result = priceWorkedExample(example, prices);
    expect(result.unrounded).toBeCloseTo(0.475, 10);
    expect(result.usd).toBe(0.48);
  });

  it("gives the Step Functions Express duration tiers exactly as the pricing page", () => {
    const example = found.cases.find((c) => c.id === "stepfunctions-express-100m-10s-64mb")!;
    const result = priceWorkedExample(example, prices);
    expect(result.quantities.sfnExpressDuration).toBeCloseTo(17_361.11, 2);
    expect(result.byMeter.sfnExpressDuration).toBeCloseTo(382.97, 2);
  });
});
