// Checks benchmark: every architecture check on a generated design (50 / 200 / 500 / 1,000
// resources). "checks" = runChecks on an imported model; "read + checks" = checkTemplate, what the
// app does after each edit and `flowform check` does per file (one parse, import, checks), next to
// importTemplate alone so the checks' share is visible. Prints medians / p95 in ms.
//
//   node bench/checks.bench.mjs            (sizes from BENCH_SIZES, default 50,200,500,1000)
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { tsImport } from "tsx/esm/api";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
const load = (p) => tsImport(path.join(root, p), import.meta.url);
const { importTemplate } = await load("core/model/import.ts");
const { parseTemplate } = await load("core/template/parse.ts");
const { runChecks, checkTemplate } = await load("core/checks/index.ts");
const { generateDesign } = await load("bench/generate.ts");
const { time, ms, ratio, fresh } = await load("bench/measure.ts");
const prices = JSON.parse(fs.readFileSync(path.join(root, "resources/pricing/us-east-1.json"), "utf8"));
const sizes = (process.env.BENCH_SIZES ?? "50,200,500,1000").split(",").map(Number);
const options = { prices, preferences: { concurrencyBudget: 500 } };

const rows = [];
for (const size of sizes) {
  const { template } = generateDesign(size);
  const { model } = importTemplate(template);
  const { parsed } = parseTemplate(template);
  const checksOnly = await time(() => runChecks(model, parsed, options), { runs: 30 });
  const readOnly = await time(() => importTemplate(fresh(template)), { runs: 10 });
  const whole = await time(() => checkTemplate(fresh(template), options), { runs: 10 });
  const problems = runChecks(model, parsed, options);
  rows.push({ size, resources: model.resources.length, wires: model.connections.length, checksOnly, readOnly, whole, problems: problems.length });
}

const base = rows[0];
console.log("resources  wires  checks ms (median / p95)  importTemplate ms  read + checks ms (app, CLI)  checks vs smallest  problems");
for (const r of rows) {
  console.log(
    `${String(r.resources).padStart(9)}  ${String(r.wires).padStart(5)}  ${`${ms(r.checksOnly.median)} / ${ms(r.checksOnly.p95)}`.padStart(24)}  ${`${ms(r.readOnly.median)} / ${ms(r.readOnly.p95)}`.padStart(17)}  ${`${ms(r.whole.median)} / ${ms(r.whole.p95)}`.padStart(26)}  ${ratio(r.checksOnly.median, base.checksOnly.median).padStart(18)}  ${String(r.problems).padStart(8)}`,
  );
}
const out = process.argv.indexOf("--out");
if (out > 0) fs.writeFileSync(process.argv[out + 1], JSON.stringify(rows, null, 2));
