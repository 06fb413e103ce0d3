/**
 * Bundles of the built renderer (dist/renderer): the initial JavaScript a window loads before it
 * can draw, against the chunks loaded later on demand. Monaco and its workers must be among the
 * lazy ones. Only files reachable from index.html count, so assets a previous build left behind
 * do not inflate the figures. Prints a table and writes JSON to --out; exits 1 when a Monaco
 * chunk is in the initial bundle.
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
const assetNames = new Set(fs.readdirSync(path.join(dir, "assets")).filter((f) => f.endsWith(".js")));
const read = (file: string) => fs.readFileSync(path.join(dir, "assets", file), "utf8");

/** Asset files a text names: chunks import each other by file name, workers are loaded by URL. */
function named(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(/[\w.$-]+\.js\b/g)) {
    const name = m[0].split("/").pop()!;
    if (assetNames.has(name)) found.add(name);
  }
  return [...found];
}

/** Every file reachable from `roots` by name, not walking through the files in `stopAt`. */
function closure(roots: Iterable<string>, stopAt: Set<string> = new Set()): Set<string> {
  const found = new Set<string>();
  const pending = [...roots];
  while (pending.length) {
    const file = pending.pop()!;
    if (found.has(file) || stopAt.has(file)) continue;
    found.add(file);
    pending.push(...named(read(file)));
  }
  return found;
}

// Initial: the entry scripts of index.html and their static imports (`import … from "./x.js"`
// at the top of a chunk); `import("./x.js")` is lazy and not followed here.
const html = fs.readFileSync(path.join(dir, "index.html"), "utf8");
const initial = new Set<string>();
const queueStatic = named(html);
while (queueStatic.length) {
  const file = queueStatic.pop()!;
  if (initial.has(file)) continue;
  initial.add(file);
  for (const m of read(file).matchAll(/(?:^|[;\n}])\s*import\s*(?:[^"'()]*?from\s*)?["']\.\/([^"']+\.js)["']/g)) queueStatic.push(m[1]);
}
const lazy = [...closure(initial)].filter((f) => !initial.has(f));

// Monaco: whatever the code panel's lazy entry points pull in (editor API, language services,
// colouring modes, workers), found by following references rather than guessing from names.
// Lazy chunks import shared code back from the entry chunk, so the walk stops at the initial
// files; otherwise every other lazy chunk the entry names would count as Monaco too.
const isCodePanelEntry = (f: string) => /^(CodeEditor|TestEventEditor|monaco-setup)-/.test(f);
const monaco = [...closure(lazy.filter(isCodePanelEntry), initial)];
const otherLazy = lazy.filter((f) => !monaco.includes(f));
const monacoInInitial = [...initial].filter((f) => isCodePanelEntry(f) || /^(editor\.api|editor\.worker|ts\.worker|json\.worker)-/.test(f));

const size = (files: string[]) =>
  files.reduce((acc, f) => {
    const bytes = fs.readFileSync(path.join(dir, "assets", f));
    return { raw: acc.raw + bytes.length, gzip: acc.gzip + zlib.gzipSync(bytes).length };
  }, { raw: 0, gzip: 0 });
const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
const report = {
  initial: { files: [...initial], ...size([...initial]) },
  lazy: { files: lazy.length, ...size(lazy) },
  monaco: { files: monaco.length, names: monaco.sort(), ...size(monaco) },
  otherLazy: { files: otherLazy.length, names: otherLazy.sort(), ...size(otherLazy) },
  initialHasMonaco: monacoInInitial.length > 0,
};
console.log("Bundles (dist/renderer, files reachable from index.html)");
printTable(["part", "files", "raw", "gzip"], [
  ["initial JS", String(initial.size), kb(report.initial.raw), kb(report.initial.gzip)],
  ["lazy JS", String(lazy.length), kb(report.lazy.raw), kb(report.lazy.gzip)],
  ["of which Monaco + workers", String(monaco.length), kb(report.monaco.raw), kb(report.monaco.gzip)],
  ["of which other (layout worker, resource spec)", String(otherLazy.length), kb(report.otherLazy.raw), kb(report.otherLazy.gzip)],
]);
console.log(`Monaco in the initial bundle: ${report.initialHasMonaco ? `YES (fix it): ${monacoInInitial.join(", ")}` : "no"}; Monaco is ${(report.monaco.raw / Math.max(1, report.initial.raw)).toFixed(1)}× the initial bytes`);
if (outFile) fs.writeFileSync(outFile, JSON.stringify(report, null, 2));
if (report.initialHasMonaco) process.exitCode = 1;
