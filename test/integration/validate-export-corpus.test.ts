/**
 * Validation and the local SAM transform on every real template in ../shared/corpus.
 * Rates are printed (they go in the report) and held to floors measured when this was written,
 * so a regression fails the test.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { parseTemplate } from "../../core/template/parse";
import { toCloudFormation, toYaml } from "../../core/transform";
import { validateTemplate } from "../../core/validate";
import type { Spec } from "../../core/spec";
import { compareOne, translatorCases } from "./sam-translator-compare";

const root = join(import.meta.dirname, "../..");
const corpus = join(root, "../shared/corpus");
const spec: Spec = {
  cfn: JSON.parse(readFileSync(join(root, "resources/spec/cloudformation.json"), "utf8")),
  sam: JSON.parse(readFileSync(join(root, "resources/spec/sam.json"), "utf8")),
};

function templates(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return templates(full);
    return /\.(ya?ml|json|template)$/i.test(name) ? [full] : [];
  });
}

/** Whether a file has an error of its own (parse or validation). */
function hasError(file: string): boolean {
  const { parsed, problems } = parseTemplate(readFileSync(file, "utf8"), file);
  if (problems.some((p) => p.severity === "error")) return true;
  return parsed !== null && validateTemplate(parsed, spec).some((p) => p.severity === "error");
}

describe("validation on the corpus", () => {
  it("validates every corpus template without throwing, and every problem is located", () => {
    const files = ["cfn-lint", "cfn-templates", "serverless-patterns", "sam-translator/input"].flatMap((d) => templates(join(corpus, d)));
    let validated = 0;
    for (const file of files) {
      const { parsed } = parseTemplate(readFileSync(file, "utf8"), file);
      if (!parsed) continue;
      const found = validateTemplate(parsed, spec);
      for (const p of found) {
        expect(p.line, `${relative(corpus, file)}: ${p.message}`).toBeGreaterThan(0);
        expect(p.message.length).toBeGreaterThan(10);
      }
      validated++;
    }
    console.log(`validated ${validated} of ${files.length} corpus files (the rest do not parse)`);
    expect(validated).toBeGreaterThan(1700);
  });

  it("finds no error in most of cfn-lint's good fixtures and at least one in most of its bad ones", () => {
    const good = templates(join(corpus, "cfn-lint/good"));
    const bad = templates(join(corpus, "cfn-lint/bad"));
    const goodClean = good.filter((f) => !hasError(f)).length;
    const badFlagged = bad.filter((f) => hasError(f)).length;
    console.log(`cfn-lint good: ${goodClean}/${good.length} without errors; bad: ${badFlagged}/${bad.length} with at least one`);
    expect(goodClean).toBeGreaterThanOrEqual(86);
    expect(badFlagged).toBeGreaterThanOrEqual(71);
  });
});

describe("local SAM transform against SAM's expected outputs", () => {
  it("transforms every translator input without throwing", () => {
    const inputs = readdirSync(join(corpus, "sam-translator/input"));
    for (const name of inputs) {
      const { parsed } = parseTemplate(readFileSync(join(corpus, "sam-translator/input", name), "utf8"), name);
      if (parsed) expect(() => toCloudFormation(parsed), name).not.toThrow();
    }
  });

  it("writes CloudFormation YAML that reads back as the same template, for every corpus template", () => {
    // `!GetAtt A.B` reads back in list form; both are the same GetAtt.
    const norm = (x: unknown) =>
      JSON.parse(JSON.stringify(x, (_k, v) => (v && typeof v === "object" && !Array.isArray(v) && typeof v["Fn::GetAtt"] === "string" && Object.keys(v).length === 1 ? { "Fn::GetAtt": v["Fn::GetAtt"].split(/\.(.*)/s).slice(0, 2) } : v)));
    const files = ["sam-translator/input", "serverless-patterns", "cfn-templates", "cfn-lint/good"].flatMap((d) => templates(join(corpus, d)));
    let checked = 0;
    for (const file of files) {
      const { parsed } = parseTemplate(readFileSync(file, "utf8"), file);
      if (!parsed) continue;
      const { template } = toCloudFormation(parsed);
      const again = parseTemplate(toYaml(template), "export.yaml");
      expect(again.problems.filter((p) => p.severity === "error"), relative(corpus, file)).toEqual([]);
      expect(norm(again.parsed!.value), relative(corpus, file)).toEqual(norm(template));
      checked++;
    }
    expect(checked).toBeGreaterThan(1600);
  });

  it("matches SAM's output for the inputs whose features it covers", () => {
    const results = translatorCases().map(compareOne);
    const attempted = results.filter((r) => r.attempted);
    const matched = attempted.filter((r) => r.matched);
    console.log(`sam-translator: ${results.length} inputs, ${attempted.length} attempted (${Math.round((100 * attempted.length) / results.length)}%), ${matched.length} match (${Math.round((100 * matched.length) / attempted.length)}%)`);
    expect(attempted.length).toBeGreaterThanOrEqual(522);
    expect(matched.length / attempted.length).toBeGreaterThanOrEqual(0.92);
  });
});
