/**
 * What every wire writes is valid SAM/CloudFormation: connecting in the fixture application adds
 * no validation problem (core/validate against the bundled resource spec and SAM schema), and
 * neither do the starters or a resource added from each card.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { validateTemplate } from "../validate";
import type { Spec } from "../spec";
import { parseTemplate } from "../template/parse";
import { applyOperation } from "../template/operations";
import { paletteCards } from "../catalog";
import { STARTERS } from "../starters";
import { APP } from "./fixture.test-support";

const readSpec = (name: string) => JSON.parse(readFileSync(new URL(`../../resources/spec/${name}`, import.meta.url), "utf8"));
const spec: Spec = { cfn: readSpec("cloudformation.json"), sam: readSpec("sam.json") };

const errors = (text: string) =>
  validateTemplate(parseTemplate(text, "template.yaml").parsed!, spec)
    .filter((p) => p.severity === "error")
    .map((p) => `${p.code} ${p.resource ?? ""} ${p.message}`);

describe("what wires and cards write validates", () => {
  const baseline = errors(APP);

  it("starts from a fixture that validates", () => {
    expect(baseline).toEqual([]);
  });

  it.each([
    ["Api", "Worker", {}],
    ["RestApi", "Worker", {}],
    ["Uploads", "Worker", { prefix: "in/" }],
    ["Jobs", "Worker", {}],
    ["Orders", "Worker", {}],
    ["Clicks", "Worker", {}],
    ["Notices", "Worker", {}],
    ["Notices", "Jobs", {}],
    ["Nightly", "Worker", {}],
    ["Nightly", "Flow", {}],
    ["Bus", "Worker", {}],
    ["RestApi", "Flow", {}],
    ["Worker", "Orders", {}],
    ["Worker", "Uploads", { level: "read" }],
    ["Worker", "Jobs", { level: "read-write" }],
    ["Worker", "Notices", {}],
    ["Worker", "Bus", {}],
    ["Worker", "Flow", {}],
    ["Worker", "Helper", {}],
    ["Worker", "Clicks", { level: "read" }],
    ["Flow", "Worker", {}],
    ["Worker", "Jobs", { as: "on-failure" }],
    ["Worker", "JobsDlq", { as: "dlq" }],
    ["Jobs", "JobsDlq", {}],
  ] as [string, string, Record<string, unknown>][])("%s → %s %j adds no validation error", (from, to, settings) => {
    const r = applyOperation(APP, { op: "connect", from, to, settings });
    if ("refused" in r) throw new Error(r.reason);
    expect(errors(r.text)).toEqual([]);
  });

  it.each(paletteCards().map((c) => [c.kind]))("a new %s validates", (kind) => {
    const r = applyOperation(APP, { op: "addResource", kind });
    if ("refused" in r) throw new Error(r.reason);
    expect(errors(r.text)).toEqual([]);
  });

  it.each(STARTERS.filter((s) => s.id !== "blank").map((s) => [s.id, s.template]))("the %s starter validates", (_id, template) => {
    expect(errors(template)).toEqual([]);
  });
});
