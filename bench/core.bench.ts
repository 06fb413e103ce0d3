/**
 * Open / export / cost / checks in Node, on generated designs (50 / 200 / 500 / 1,000 resources)
 * and on the largest real templates of the corpus. The baseline in the same run is the floor any
 * designer pays: a plain `yaml.parse` of the same text (no model, no positions, no validation).
 * Prints a table and writes its rows as JSON to the file named by --out.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ELK from "elkjs/lib/elk.bundled.js";
import { parse as parseYaml } from "yaml";
import { importTemplate, parseTemplate, applyOperation } from "../core";
import { validateTemplate } from "../core/validate";
import type { Spec } from "../core/spec";
import { estimate } from "../core/cost";
import type { PriceTable } from "../core/cost";
import { runChecks } from "../core/checks";
import { toElkGraph } from "../renderer/layout/graph";
import { generateDesign } from "./generate";
import { fresh, ms, ratio, time, type Timing } from "./measure";
import { printTable } from "./table";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const corpus = path.resolve(root, "..", "shared", "corpus");
const outArg = process.argv.indexOf("--out");
const outFile = outArg > 0 ? process.argv[outArg + 1] : null;
const sizes = (process.env.BENCH_SIZES ?? "50,200,500,1000").split(",").map(Number);

const readJson = (p: string) => JSON.parse(fs.readFileSync(path.join(root, p), "utf8"));
const spec: Spec = { cfn: readJson("resources/spec/cloudformation.json"), sam: readJson("resources/spec/sam.json") };
const prices = readJson("resources/pricing/us-east-1.json") as PriceTable;

let exportTemplate: ((text: string, options: { format: "sam" | "cfn"; as: "yaml" | "json" }) => unknown) | null = null;
try {
  const transform = await import("../core/transform");
  exportTemplate = (transform as any).exportTemplate ?? null;
} catch {
  exportTemplate = null;
}

const elk = new ELK();

interface Row {
  input: string;
  resources: number;
  bytes: number;
  baselineParse: Timing;
  open: Timing;
  importOnly: Timing;
  validate: Timing;
  layout: Timing | null;
  exportSam: Timing | null;
  exportCfn: Timing | null;
  rename: Timing | null;
  cost: Timing;
  checks: Timing;
}

async function measure(input: string, text: string): Promise<Row> {
  const { model } = importTemplate(text);
  if (!model) throw new Error(`${input} does not import`);
  const graph = () =>
    toElkGraph({
      nodes: model.resources.map((r) => ({ id: r.id })),
      edges: model.connections.map((c) => ({ id: c.id, from: c.from, to: c.to })),
    });
  const big = text.length > 200_000;
  const opts = { runs: big ? 5 : 15 };
  const baselineParse = await time(() => parseYaml(fresh(text), { logLevel: "silent" }), opts);
  const importOnly = await time(() => importTemplate(fresh(text)), opts);
  const validate = await time(() => {
    const { parsed } = parseTemplate(fresh(text));
    return validateTemplate(parsed!, spec);
  }, opts);
  const layout = await time(() => elk.layout(graph()), { runs: big ? 3 : 5, budgetMs: 30_000 });
  // "Open" = what a person waits for before the canvas can draw: read + import + validate + layout.
  const open = await time(async () => {
    const variant = fresh(text);
    const { parsed } = parseTemplate(variant);
    importTemplate(variant);
    validateTemplate(parsed!, spec);
    await elk.layout(graph());
  }, { runs: 3, budgetMs: 30_000 });
  const exportSam = exportTemplate ? await time(() => exportTemplate!(fresh(text), { format: "sam", as: "yaml" }), opts) : null;
  const exportCfn = exportTemplate ? await time(() => exportTemplate!(fresh(text), { format: "cfn", as: "json" }), opts) : null;
  const firstFunction = model.resources.find((r) => r.kind === "function" && !(r as any).implicit);
  const rename = firstFunction ? await time(() => applyOperation(fresh(text), { op: "renameResource", from: firstFunction.id, to: `${firstFunction.id}Renamed` }), opts) : null;
  const usage = { region: "us-east-1", freeTier: true, hoursPerMonth: 730, resources: {}, connections: {} } as any;
  // Per-edit re-estimate: the cost-vs-traffic series is drawn only when the Cost panel asks for it.
  const cost = await time(() => estimate(model, usage, prices, { series: false }), opts);
  const { parsed } = parseTemplate(text);
  const checks = await time(() => runChecks(model, parsed), opts);
  return { input, resources: model.resources.length, bytes: text.length, baselineParse, open, importOnly, validate, layout, exportSam, exportCfn, rename, cost, checks };
}

const rows: Row[] = [];
for (const size of sizes) {
  const design = generateDesign(size);
  rows.push(await measure(`generated ${size}`, design.template));
}

// The largest real templates (by bytes) that parse: what people actually open.
const manifest = fs.readFileSync(path.join(corpus, "MANIFEST.tsv"), "utf8").trim().split("\n").slice(1).map((l) => l.split("\t"));
const largest = manifest
  .filter(([, kind]) => kind === "sam" || kind === "cfn")
  .sort((a, b) => Number(b[3]) - Number(a[3]))
  .slice(0, 3);
for (const [file] of largest) {
  const text = fs.readFileSync(path.join(corpus, file), "utf8");
  try {
    rows.push(await measure(file, text));
  } catch (e) {
    console.log(`skip ${file}: ${(e as Error).message}`);
  }
}

const header = ["input", "resources", "KB", "yaml.parse", "import", "validate", "layout", "open", "open/parse", "export SAM", "export CFN", "rename", "cost", "checks"];
const table = rows.map((r) => [
  r.input,
  String(r.resources),
  (r.bytes / 1024).toFixed(0),
  ms(r.baselineParse.median),
  ms(r.importOnly.median),
  ms(r.validate.median),
  r.layout ? ms(r.layout.median) : "–",
  ms(r.open.median),
  ratio(r.open.median, r.baselineParse.median),
  r.exportSam ? ms(r.exportSam.median) : "–",
  r.exportCfn ? ms(r.exportCfn.median) : "–",
  r.rename ? ms(r.rename.median) : "–",
  ms(r.cost.median),
  ms(r.checks.median),
]);
console.log("\nCore (Node, median ms)");
printTable(header, table);
if (outFile) fs.writeFileSync(outFile, JSON.stringify({ core: rows }, null, 2));
