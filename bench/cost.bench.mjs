// Cost benchmark: re-estimating a generated design (50 / 200 / 500 / 1,000 resources) the way
// the app does on every edit (table only), and with the cost-vs-traffic series and break-even
// (re-estimates the design once per series point plus the bisection). Traffic is typed in at
// every entry point so that it flows along every wire. Prints medians / p95 in ms.
//
//   node bench/cost.bench.mjs            (sizes from BENCH_SIZES, default 50,200,500,1000)
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { tsImport } from "tsx/esm/api";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
const load = (p) => tsImport(path.join(root, p), import.meta.url);
const { importTemplate } = await load("core/model/import.ts");
const { estimate, costKind, ENTRY_KEYS } = await load("core/cost/index.ts");
const { generateDesign } = await load("bench/generate.ts");
const { time, ms, ratio } = await load("bench/measure.ts");
const prices = JSON.parse(fs.readFileSync(path.join(root, "resources/pricing/us-east-1.json"), "utf8"));
const sizes = (process.env.BENCH_SIZES ?? "50,200,500,1000").split(",").map(Number);

function usageFor(model) {
  const resources = {};
  for (const r of model.resources) {
    const key = ENTRY_KEYS[costKind(r)];
    if (key && costKind(r) !== "function") resources[r.id] = { [key]: 1_000_000 };
    if (costKind(r) === "function") resources[r.id] = { durationMs: 120 };
  }
  return { region: "us-east-1", freeTier: true, hoursPerMonth: 730, resources, connections: {} };
}

const rows = [];
for (const size of sizes) {
  const { template } = generateDesign(size);
  const { model } = importTemplate(template);
  const usage = usageFor(model);
  const table = await time(() => estimate(model, usage, prices, { series: false }), { runs: 30 });
  const withSeries = await time(() => estimate(model, usage, prices), { runs: 10 });
  // CPU time too: wall time is noisy on a machine shared by several builds and test runs.
  const cpuStart = process.cpuUsage();
  for (let i = 0; i < 20; i++) estimate(model, usage, prices, { series: false });
  const cpu = process.cpuUsage(cpuStart);
  const tableCpuMs = (cpu.user + cpu.system) / 20 / 1000;
  const b = estimate(model, usage, prices);
  rows.push({ size, resources: model.resources.length, wires: model.connections.length, table, tableCpuMs, withSeries, total: b.total });
}

const base = rows[0];
console.log("resources  wires  re-estimate ms (median / p95)  re-estimate CPU ms  with series ms (median / p95)  vs smallest  total $/month");
for (const r of rows) {
  console.log(
    `${String(r.resources).padStart(9)}  ${String(r.wires).padStart(5)}  ${`${ms(r.table.median)} / ${ms(r.table.p95)}`.padStart(29)}  ${ms(r.tableCpuMs).padStart(18)}  ${`${ms(r.withSeries.median)} / ${ms(r.withSeries.p95)}`.padStart(30)}  ${ratio(r.table.median, base.table.median).padStart(11)}  ${r.total.toFixed(2).padStart(13)}`,
  );
}
const out = process.argv.indexOf("--out");
if (out > 0) fs.writeFileSync(process.argv[out + 1], JSON.stringify(rows, null, 2));
