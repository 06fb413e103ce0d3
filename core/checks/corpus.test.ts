/**
 * The checks on every SAM and CloudFormation template of the shared corpus (../shared/corpus):
 * they never throw, every problem is located and cites its AWS source, no rule fires on most
 * templates, and every quick fix offered applies cleanly through the template engine and removes
 * (or lowers) the problem it fixes.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { Problem } from "../model/types";
import { applyOperation } from "../template/operations";
import { CHECK_RULES, checkTemplate } from "./index";

const corpus = resolve(dirname(fileURLToPath(import.meta.url)), "../../../shared/corpus");
const present = existsSync(join(corpus, "MANIFEST.tsv"));

function corpusTemplates(): { path: string; text: string }[] {
  const rows = readFileSync(join(corpus, "MANIFEST.tsv"), "utf8").trim().split("\n").slice(1).map((l) => l.split("\t"));
  return rows.filter((r) => r[1] === "sam" || r[1] === "cfn").map((r) => ({ path: r[0], text: readFileSync(join(corpus, r[0]), "utf8") }));
}

describe.skipIf(!present)("checks on the template corpus", () => {
  const templates = present ? corpusTemplates() : [];
  const results = templates.map((t) => ({ ...t, ...checkTemplate(t.text, { file: t.path }) }));

  it("reads the corpus and reports located, sourced problems", () => {
    expect(templates.length).toBeGreaterThan(1300);
    for (const r of results) {
      for (const p of r.problems) {
        expect(p.source).toBe("check");
        expect(p.code).toMatch(/^check\/[a-z-]+$/);
        expect(p.file).toBe(r.path);
        expect(typeof p.line).toBe("number");
        expect(p.why).toMatch(/https:\/\/(docs\.aws\.amazon\.com|aws\.amazon\.com)\//);
        expect(p.message.length).toBeGreaterThan(20);
      }
    }
  });

  it("has no rule that fires on more than a fifth of the templates, and prints the count per rule", () => {
    const table: string[] = [];
    for (const rule of CHECK_RULES) {
      const hits = results.filter((r) => r.problems.some((p) => p.code === `check/${rule.id}`));
      const all = results.flatMap((r) => r.problems.filter((p) => p.code === `check/${rule.id}`));
      const by = (s: string) => all.filter((p) => p.severity === s).length;
      table.push(`${rule.id.padEnd(36)} ${String(hits.length).padStart(4)} templates  ${by("error")} errors  ${by("warning")} warnings  ${by("info")} notes`);
      expect(hits.length / templates.length).toBeLessThan(0.2);
    }
    console.log(`checks on ${templates.length} corpus templates:\n${table.join("\n")}`);
  });

  it("finds runaway loops in only a handful of real templates", () => {
    const loops = results.filter((r) => r.problems.some((p) => p.code === "check/runaway-loop"));
    expect(loops.length).toBeGreaterThan(0);
    expect(loops.length).toBeLessThan(20);
  });

  it("applies every quick fix it offers on the corpus, and the problem goes away or gets milder", () => {
    const rank = { info: 0, warning: 1, error: 2 } as const;
    let applied = 0;
    for (const r of results) {
      for (const p of r.problems.filter((x) => x.fix)) {
        const result = applyOperation(r.text, p.fix!.operation, r.path);
        expect("refused" in result ? `${r.path}: ${p.code} refused: ${(result as { reason: string }).reason}` : "ok").toBe("ok");
        if ("refused" in result) continue;
        const after = checkTemplate(result.text, { file: r.path, rules: [p.code.slice("check/".length)] }).problems;
        const same = after.filter((q: Problem) => q.resource === p.resource && q.message === p.message);
        expect(same.filter((q) => rank[q.severity] >= rank[p.severity]), `${r.path}: ${p.message}`).toEqual([]);
        applied++;
      }
    }
    expect(applied).toBeGreaterThan(100);
  }, 300_000);

  it("names only wires that exist on the canvas, and badges a wire for most trigger-related findings", () => {
    let named = 0;
    for (const r of results) {
      const ids = new Set(r.model?.connections.map((c) => c.id));
      for (const p of r.problems) {
        for (const id of p.connections ?? []) expect(ids.has(id), `${r.path}: ${p.code} names ${id}`).toBe(true);
        if (p.connections?.length) named++;
      }
    }
    const triggerRules = ["runaway-loop", "async-without-failure-destination", "stream-without-failure-handling", "sqs-visibility-timeout", "api-without-authorizer"];
    const triggerFindings = results.flatMap((r) => r.problems).filter((p) => triggerRules.includes(p.code.slice("check/".length)));
    const withWire = triggerFindings.filter((p) => p.connections?.length).length;
    console.log(`wires named: ${named} problems name a wire; ${withWire} of ${triggerFindings.length} trigger-related findings`);
    expect(withWire / triggerFindings.length).toBeGreaterThan(0.8);
  });

  it("with a concurrency budget of 1,000 (Lambda's default account quota) flags functions behind unbounded sources, and each quick fix clears it", () => {
    const budgeted = templates.map((t) => ({ ...t, ...checkTemplate(t.text, { file: t.path, rules: ["reserved-concurrency-budget"], preferences: { concurrencyBudget: 1000 } }) }));
    const hits = budgeted.filter((r) => r.problems.length > 0);
    const all = budgeted.flatMap((r) => r.problems);
    console.log(`reserved-concurrency-budget at a budget of 1,000: ${hits.length} templates, ${all.filter((p) => p.severity === "warning").length} warnings`);
    expect(hits.length).toBeGreaterThan(0);
    for (const r of hits) {
      const p = r.problems.find((x) => x.fix)!;
      if (!p) continue;
      const result = applyOperation(r.text, p.fix!.operation, r.path);
      expect("refused" in result, `${r.path}: ${p.message}`).toBe(false);
      if ("refused" in result) continue;
      const after = checkTemplate(result.text, { file: r.path, rules: ["reserved-concurrency-budget"], preferences: { concurrencyBudget: 1000 } }).problems;
      expect(after.some((q) => q.resource === p.resource && q.message === p.message), `${r.path}: ${p.message}`).toBe(false);
    }
  }, 300_000);
});
