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

describe("worked pricing examples are reproduced to the cent", () => {
  for (const example of [...shared.cases, ...found.cases]) {
    it(`${example.id} costs $${example.expected_monthly_usd} within $${example.tolerance_usd ?? 0.01}`, () => {
      const result = priceWorkedExample(example, prices);
      expect(Math.abs(result.usd - example.expected_monthly_usd)).toBeLessThanOrEqual((example.tolerance_usd ?? 0.01) + 1e-9);
      expect(result.unused).toEqual([]);
    });
  }

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
