/**
 * Bundles of the built renderer (dist/renderer): the initial JavaScript a window loads before it
 * can draw, against the chunks loaded later on demand (Monaco and its workers must be among
 * those). Only files reachable from index.html count, so assets a previous build left behind do
 * not inflate the figures. Prints a table and writes JSON to --out.
 */
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";
import { printTable } from "./table";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outArg = process.argv.indexOf("--out");
const outFile = outArg > 0 ? process.argv[outArg + 1] : null;
const dir = path.join(root, "dist", "renderer");
const assets = fs.readdirSync(path.join(dir, "assets")).filter((f) => f.endsWith(".js"));
const read = (file: string) => fs.readFileSync(path.join(dir, "assets", file), "utf8");

/** Asset files a text names (chunks import each other by file name; workers by URL). */
const named = (text: string) => assets.filter((f) => text.includes(f));

const html = fs.readFileSync(path.join(dir, "index.html"), "utf8");
const initial = new Set<string>();
const queueStatic = named(html);
// Static imports of the entry are initial too: `import … from "./x.js"` at the top of a chunk.
while (queueStatic.length) {
  const file = queueStatic.pop()!;
  if (initial.has(file)) continue;
  initial.add(file);
  for (const m of read(file).matchAll(/(?:^|[;\n])\s*import\s*(?:[^"'()]*?from\s*)?["']\.\/([^"']+\.js)["']/g)) queueStatic.push(m[1]);
}
const reachable = new Set(initial);
const queue = [...initial];
while (queue.length) {
  for (const next of named(read(queue.pop()!))) {
    if (!reachable.has(next)) {
      reachable.add(next);
      queue.push(next);
    }
  }
}
const lazy = [...reachable].filter((f) => !initial.has(f));
const size = (files: string[]) =>
  files.reduce((acc, f) => {
    const bytes = fs.readFileSync(path.join(dir, "assets", f));
    return { raw: acc.raw + bytes.length, gzip: acc.gzip + zlib.gzipSync(bytes).length };
  }, { raw: 0, gzip: 0 });
const isMonaco = (f: string) => /monaco|editor|worker|typescript|tsMode|language/i.test(f) || /monaco-editor|vs\/editor/.test(read(f).slice(0, 200_000));
const monaco = lazy.filter(isMonaco);
const initialHasMonaco = [...initial].some((f) => /editor\.main|monaco-editor\/esm/.test(read(f)) && fs.statSync(path.join(dir, "assets", f)).size > 2_000_000);
const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
const report = {
  initial: { files: [...initial], ...size([...initial]) },
  lazy: { files: lazy.length, ...size(lazy) },
  monaco: { files: monaco.length, ...size(monaco) },
  initialHasMonaco,
};
console.log("Bundles (dist/renderer, files reachable from index.html)");
printTable(["part", "files", "raw", "gzip"], [
  ["initial JS", String(initial.size), kb(report.initial.raw), kb(report.initial.gzip)],
  ["lazy JS", String(lazy.length), kb(report.lazy.raw), kb(report.lazy.gzip)],
  ["of which Monaco + workers", String(monaco.length), kb(report.monaco.raw), kb(report.monaco.gzip)],
]);
console.log(`Monaco in the initial bundle: ${initialHasMonaco ? "YES (fix it)" : "no"}; initial is ${(report.initial.raw / Math.max(1, report.lazy.raw) * 100).toFixed(0)} % of the lazy bytes`);
if (outFile) fs.writeFileSync(outFile, JSON.stringify(report, null, 2));
