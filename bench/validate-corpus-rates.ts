import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { parseTemplate } from "../core/template/parse";
import { validateTemplate } from "../core/validate";
const cfn = JSON.parse(readFileSync("resources/spec/cloudformation.json", "utf8"));
const sam = JSON.parse(readFileSync("resources/spec/sam.json", "utf8"));
const spec = { cfn, sam };
function walk(d: string): string[] { return readdirSync(d).flatMap((f) => { const p = join(d, f); return statSync(p).isDirectory() ? walk(p) : /\.(ya?ml|json|template)$/.test(f) ? [p] : []; }); }
const which = process.argv[2];
const files = walk(which);
let withErr = 0, total = 0, unparsed = 0;
const codes = new Map<string, number>();
for (const f of files) {
  const text = readFileSync(f, "utf8");
  const { parsed, problems } = parseTemplate(text, f);
  total++;
  if (!parsed) { unparsed++; if (problems.some(p=>p.severity==="error")) withErr++; continue; }
  const ps = validateTemplate(parsed, spec).filter((p) => p.severity === "error");
  const perr = problems.filter((p) => p.severity === "error");
  if (ps.length + perr.length > 0) withErr++;
  if (process.argv[3] === "-v" && ps.length) { console.log(f.replace("/work/shared/corpus/", "")); for (const p of ps.slice(0, 4)) console.log(`   ${p.line}: [${p.code}] ${p.message}`); }
  for (const p of ps) codes.set(p.code, (codes.get(p.code) ?? 0) + 1);
}
console.log(which, { total, withErr, unparsed }, [...codes].sort((a, b) => b[1] - a[1]));
