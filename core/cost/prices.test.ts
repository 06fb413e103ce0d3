import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { chargeMeters, formatUsd, METERS, type MeterId } from "./meters";
import { chargeFor, PRICED_REGIONS, seenFor, type Price, type PriceTable } from "./prices";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const tables = Object.fromEntries(PRICED_REGIONS.map((r) => [r, JSON.parse(readFileSync(resolve(repo, `resources/pricing/${r}.json`), "utf8")) as PriceTable]));
const us = tables["us-east-1"];

/** Every object in a table that carries a figure (a price or a free allowance). */
function figures(table: PriceTable): [string, Record<string, unknown>][] {
  const out: [string, Record<string, unknown>][] = [];
  for (const [service, group] of Object.entries(table)) {
    if (!group || typeof group !== "object" || service === "sources") continue;
    for (const [name, value] of Object.entries(group as Record<string, unknown>)) {
      if (!value || typeof value !== "object") continue;
      if ("tiers" in value || "amount" in value) out.push([`${service}.${name}`, value as Record<string, unknown>]);
      // One level of nesting: prices by size (the REST API cache).
      else for (const [key, inner] of Object.entries(value)) if (inner && typeof inner === "object" && "tiers" in inner) out.push([`${service}.${name}.${key}`, inner as Record<string, unknown>]);
    }
  }
  return out;
}

describe("price tables", () => {
  it.each(PRICED_REGIONS)("%s cites a known source, a read date and how it was seen for every figure", (region) => {
    const table = tables[region];
    expect(table.region).toBe(region);
    const list = figures(table);
    expect(list.length).toBeGreaterThan(40);
    for (const [name, figure] of list) {
      expect(table.sources[figure.source as string], `${name} source`).toBeDefined();
      expect(figure.read, name).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(["store", "3p", "recall", "derived"], name).toContain(figure.seen);
      if ("amount" in figure) expect(["always-free", "12-month"], name).toContain(figure.kind);
      for (const tier of (figure.tiers as Price["tiers"] | undefined) ?? []) if (tier.seen) expect(["store", "3p", "recall", "derived"], name).toContain(tier.seen);
    }
  });

  it.each(PRICED_REGIONS)("%s says in the note of every recalled or derived figure that it was not seen", (region) => {
    for (const [name, figure] of figures(tables[region])) {
      if (figure.seen === "recall") expect(figure.note, name).toMatch(/[Rr]ecalled/);
      if (figure.seen === "derived") expect(figure.note, name).toMatch(/[Nn]ot seen/);
    }
  });

  it("carries each region's own Lambda provisioned-concurrency and ephemeral-storage prices (AWS's calculator price map)", () => {
    expect(tables["eu-west-1"].lambda.provisionedConcurrencyX86.tiers[0].usd).toBe(0.000004646);
    expect(tables["eu-central-1"].lambda.provisionedDurationX86.tiers[0].usd).toBe(0.0000117011);
    expect(tables["ap-southeast-2"].lambda.ephemeralStorage.tiers[0].usd).toBe(0.000000037);
    for (const region of PRICED_REGIONS) {
      expect(tables[region].lambda.durationX86.tiers[0].usd, region).toBe(0.0000166667);
      expect(tables[region].lambda.durationArm.tiers[0].usd, region).toBe(0.0000133334);
      expect(tables[region].lambda.requests.tiers[0].usd, region).toBe(0.2);
    }
  });

  it("has the same figures in every region, so every meter prices everywhere", () => {
    const names = figures(us).map(([n]) => n).sort();
    for (const region of PRICED_REGIONS) expect(figures(tables[region]).map(([n]) => n).sort()).toEqual(names);
    for (const region of PRICED_REGIONS) for (const def of Object.values(METERS)) expect(def.price(tables[region]).tiers.length).toBeGreaterThan(0);
  });

  it("keeps tier bounds increasing and ends every ladder open", () => {
    for (const region of PRICED_REGIONS) {
      for (const [name, figure] of figures(tables[region])) {
        if (!("tiers" in figure)) continue;
        const tiers = (figure as unknown as Price).tiers;
        expect(tiers[tiers.length - 1].upTo, name).toBeNull();
        for (let i = 1; i < tiers.length - 1; i++) expect(tiers[i].upTo!, name).toBeGreaterThan(tiers[i - 1].upTo!);
      }
    }
  });
});

describe("charging", () => {
  it("walks graduated tiers: 400M REST calls are 333M at $3.50 and 67M at $2.80", () => {
    expect(chargeFor(us.apiGateway.rest, 400e6)).toBeCloseTo(333 * 3.5 + 67 * 2.8, 6);
  });

  it("deducts a free allowance from the bottom of the ladder", () => {
    expect(chargeFor(us.lambda.requests, 3e6, 1e6)).toBeCloseTo(0.4, 10);
    expect(chargeFor(us.lambda.requests, 5e5, 1e6)).toBe(0);
  });

  it("shares Lambda's 400,000 free GB-s between x86 and arm64", () => {
    const totals = new Map<MeterId, number>([
      ["lambdaDurationX86", 300_000],
      ["lambdaDurationArm", 300_000],
    ]);
    const charges = chargeMeters(totals, us, { alwaysFree: true, twelveMonth: false });
    expect(charges.get("lambdaDurationX86")!.freeApplied).toBe(300_000);
    expect(charges.get("lambdaDurationArm")!.freeApplied).toBe(100_000);
    expect(charges.get("lambdaDurationArm")!.usd).toBeCloseTo(200_000 * 0.0000133334, 8);
  });

  it("applies 12-month allowances only when asked", () => {
    const totals = new Map<MeterId, number>([["httpRequests", 1_500_000]]);
    expect(chargeMeters(totals, us, { alwaysFree: true, twelveMonth: false }).get("httpRequests")!.usd).toBeCloseTo(1.5, 10);
    expect(chargeMeters(totals, us, { alwaysFree: true, twelveMonth: true }).get("httpRequests")!.usd).toBeCloseTo(0.5, 10);
  });

  it("is only as firm as the weakest tier a quantity reaches", () => {
    const arm = us.lambda.durationArm;
    expect(seenFor(arm, 1e6)).toBe("3p");
    expect(seenFor(arm, 1e10)).toBe("3p");
    expect(seenFor(arm, 2e10)).toBe("recall");
  });

  it("writes prices without float noise", () => {
    expect(formatUsd(0.2)).toBe("0.20");
    expect(formatUsd(0.625)).toBe("0.625");
    expect(formatUsd(0.0000166667)).toBe("0.0000166667");
    expect(formatUsd(0.0000000309)).toBe("0.0000000309");
    expect(formatUsd(0)).toBe("0");
  });
});
