/**
 * Import + validate + export of a generated 500-resource SAM template (bench/generate.ts), and
 * the incremental path the editor uses (revalidate one resource from a context built once).
 * Prints median / p95 in ms over N runs. Not a test: nothing passes or fails on a time.
 *   tsx bench/import-validate-export.bench.ts [--size 500] [--runs 15] [--out results.json]
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { importTemplate } from "../core/model/import";
import type { Spec } from "../core/spec";
import { parseTemplate } from "../core/template/parse";
import { exportTemplate, toCloudFormation } from "../core/transform";
import { createValidationContext, validateResource, validateTemplate } from "../core/validate";
import { generateDesign } from "./generate";
import { fresh, ms, time, type Timing } from "./measure";
import { printTable } from "./table";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const size = Number(arg("--size", "500"));
const runs = Number(arg("--runs", "15"));
const out = arg("--out", "");

const root = join(import.meta.dirname, "..");
const loadStart = performance.now();
const spec: Spec = {
  cfn: JSON.parse(readFileSync(join(root, "resources/spec/cloudformation.json"), "utf8")),
  sam: JSON.parse(readFileSync(join(root, "resources/spec/sam.json"), "utf8")),
};
const specLoadMs = performance.now() - loadStart;

const design = generateDesign(size);
const text = design.template;
const { model } = importTemplate(text);
if (!model) throw new Error("the generated template does not import");
const { parsed } = parseTemplate(text);
const problems = validateTemplate(parsed!, spec);
const cfn = toCloudFormation(parsed!);

const opts = { runs, budgetMs: 60_000 };
const results: Record<string, Timing> = {
  import: await time(() => importTemplate(fresh(text)), opts),
  "parse + validate": await time(() => validateTemplate(parseTemplate(fresh(text)).parsed!, spec), opts),
  "export sam yaml": await time(() => exportTemplate(fresh(text), { format: "sam", as: "yaml" }), opts),
  "export cfn yaml": await time(() => exportTemplate(fresh(text), { format: "cfn", as: "yaml" }), opts),
  "export cfn json": await time(() => exportTemplate(fresh(text), { format: "cfn", as: "json" }), opts),
  "import + validate + export cfn": await time(() => {
    const variant = fresh(text);
    const imported = importTemplate(variant);
    const p = parseTemplate(variant).parsed!;
    validateTemplate(p, spec);
    exportTemplate(variant, { format: "cfn", as: "yaml" });
    return imported;
  }, opts),
};
const ctx = createValidationContext(parsed!, spec);
const ids = [...ctx.resourceTypes.keys()];
let next = 0;
results["validate one resource (incremental)"] = await time(() => validateResource(ctx, ids[next++ % ids.length]), { runs: 200, budgetMs: 10_000 });

console.log(
  `generated template: ${design.resources} resources, ${text.length.toLocaleString("en-US")} bytes; ${model.connections.length} connections; ` +
    `${problems.filter((p) => p.severity === "error").length} validation errors, ${problems.filter((p) => p.severity === "warning").length} warnings; ` +
    `CloudFormation export: ${Object.keys(cfn.template.Resources as object).length} resources, ${cfn.unsupported.length} unsupported parts; spec load ${ms(specLoadMs)} ms`,
);
printTable(
  ["step", "median ms", "p95 ms", "runs"],
  Object.entries(results).map(([step, t]) => [step, ms(t.median), ms(t.p95), String(t.runs)]),
);
if (out) writeFileSync(out, JSON.stringify({ size: design.resources, bytes: text.length, specLoadMs, results }, null, 2));
