import { describe, expect, it } from "vitest";
import { importTemplate } from "./import";
import type { ImportResult } from "./types";
import { corpusAvailable, corpusTemplates, parseQuirks } from "../template/corpus.test-support";

const results = new Map<string, ImportResult>();
function imported(path: string, text: string): ImportResult {
  let r = results.get(path);
  if (!r) {
    r = importTemplate(text, path);
    results.set(path, r);
  }
  return r;
}

describe.runIf(corpusAvailable)("importing the real-world corpus", () => {
  it("imports every corpus template without throwing", () => {
    const files = corpusTemplates();
    expect(files.length).toBeGreaterThan(1700);
    for (const f of files) expect(() => imported(f.path, f.text), f.path).not.toThrow();
    const ok = files.filter((f) => imported(f.path, f.text).model).length;
    const perKind: Record<string, number> = {};
    for (const f of files) for (const c of imported(f.path, f.text).model?.connections ?? []) perKind[`${c.kind}/${c.rule}`] = (perKind[`${c.kind}/${c.rule}`] ?? 0) + 1;
    console.log(`[corpus] imported ${ok}/${files.length} templates (${((ok / files.length) * 100).toFixed(2)}%)`);
    console.log(`[corpus] connections derived per kind/rule: ${JSON.stringify(perKind)}`);
  });

  it("gives every template that cannot be read at least one located problem", () => {
    for (const f of corpusTemplates()) {
      const r = imported(f.path, f.text);
      if (r.model) continue;
      expect(r.problems.length, f.path).toBeGreaterThan(0);
      for (const p of r.problems) {
        expect(p.line, `${f.path}: ${p.message}`).toBeGreaterThanOrEqual(1);
        expect(p.column, `${f.path}: ${p.message}`).toBeGreaterThanOrEqual(1);
        expect(p.file).toBe(f.path);
      }
    }
  });

  it("opens every well-formed sam and cfn template, failing only on files PARSE_QUIRKS lists as broken", () => {
    const broken = new Set(parseQuirks().filter((q) => /^(yaml-error|json-invalid)/.test(q.reason)).map((q) => q.path));
    for (const f of corpusTemplates()) {
      const r = imported(f.path, f.text);
      const emptyOrScalar = r.problems.some((p) => p.code === "template/not-a-mapping");
      if (!r.model) expect(broken.has(f.path) || emptyOrScalar, `${f.path} failed: ${r.problems.map((p) => p.message).join("; ")}`).toBe(true);
      else expect(broken.has(f.path), `${f.path} is listed as broken but imported`).toBe(false);
    }
  });

  it("reports duplicate keys at the line PARSE_QUIRKS names, and still opens the template", () => {
    const dupes = parseQuirks().filter((q) => /duplicate-key/.test(q.reason));
    expect(dupes.length).toBeGreaterThan(5);
    const byPath = new Map(corpusTemplates().map((f) => [f.path, f]));
    for (const q of dupes) {
      const f = byPath.get(q.path)!;
      const line = Number(/\[line (\d+):/.exec(q.reason)![1]);
      const r = imported(f.path, f.text);
      expect(r.model, q.path).not.toBeNull();
      const lines = r.problems.filter((p) => p.code === "yaml/duplicate-key").map((p) => p.line);
      expect(lines, q.path).toContain(line);
    }
  });

  it("reports YAML and JSON syntax errors at the line PARSE_QUIRKS names", () => {
    const errors = parseQuirks().filter((q) => /^(yaml-error|json-invalid)/.test(q.reason));
    const byPath = new Map(corpusTemplates().map((f) => [f.path, f]));
    for (const q of errors) {
      const f = byPath.get(q.path)!;
      const r = imported(f.path, f.text);
      const lineMatch = /\[line (\d+):/.exec(q.reason);
      const posMatch = /at position (\d+)/.exec(q.reason);
      const line = lineMatch ? Number(lineMatch[1]) : f.text.slice(0, Number(posMatch![1])).split("\n").length;
      const reported = r.problems.filter((p) => p.severity === "error").map((p) => p.line!);
      // The quirk names where the first tool noticed; the problem is there or at most 2 lines before.
      expect(reported.some((l) => l <= line && l >= line - 2), `${q.path}: expected a problem near line ${line}, got ${reported.join(",")}`).toBe(true);
    }
  });

  it("classifies every resource of a first-class type with its card's kind", () => {
    let resources = 0;
    for (const f of corpusTemplates()) {
      for (const r of imported(f.path, f.text).model?.resources ?? []) {
        resources++;
        if (r.type === "AWS::Serverless::Function" || r.type === "AWS::Lambda::Function") expect(r.kind).toBe("function");
        if (r.type === "AWS::SQS::Queue") expect(r.kind).toBe("queue");
        if (r.type === "AWS::Serverless::SimpleTable" || r.type === "AWS::DynamoDB::Table") expect(r.kind).toBe("table");
      }
    }
    expect(resources).toBeGreaterThan(5000);
  });

  it("never derives a wire to or from a resource that is not in the model", () => {
    for (const f of corpusTemplates()) {
      const model = imported(f.path, f.text).model;
      if (!model) continue;
      const ids = new Set(model.resources.map((r) => r.id));
      for (const c of model.connections) {
        expect(ids.has(c.from) && ids.has(c.to), `${f.path}: ${c.id}`).toBe(true);
        expect(c.summary.length, c.id).toBeGreaterThan(0);
        expect(c.why.length, c.id).toBeGreaterThan(0);
      }
      expect(new Set(model.connections.map((c) => c.id)).size, f.path).toBe(model.connections.length);
    }
  });
});
