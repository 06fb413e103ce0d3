#!/usr/bin/env node
/**
 * Bundle-size report: how much JavaScript the renderer loads at start-up versus the Monaco
 * chunks the code panel loads on first use. Run after `npm run build`:
 *
 *   node bench/bundle-size.mjs [--out results.json] [--dist dist/renderer]
 *
 * "Initial" is the entry script of index.html plus every chunk it imports statically (the
 * static import closure; `import()` edges are lazy and not followed). "Monaco" is every chunk
 * reachable only through the code panel's dynamic import (CodeEditor-*, editor.api-*) and the
 * editor / TypeScript / JSON workers, among the files reachable from the entry. The report says whether any Monaco chunk leaked into the
 * initial closure (it must not). Sizes are raw bytes and gzip -9 bytes.
 */
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const arg = (name) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const dist = path.resolve(root, arg("--dist") ?? "dist/renderer");
const out = arg("--out");

const html = fs.readFileSync(path.join(dist, "index.html"), "utf8");
const entries = [...html.matchAll(/<script[^>]+type="module"[^>]+src="\.?\/?([^"]+)"/g)].map((m) => m[1]);
const preloads = [...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\.?\/?([^"]+)"/g)].map((m) => m[1]);

function staticImports(file) {
  const text = fs.readFileSync(path.join(dist, file), "utf8");
  const dir = path.posix.dirname(file);
  const found = new Set();
  // `import … from "./x.js"` and bare `import "./x.js"`; `import("./x.js")` (lazy) is not matched.
  for (const m of text.matchAll(/(?:^|[;\n}])\s*import\s*(?:[\w*{}\s,$]+from\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g)) {
    found.add(path.posix.normalize(path.posix.join(dir, m[1])));
  }
  for (const m of text.matchAll(/\bfrom\s*["'](\.{1,2}\/[^"']+\.js)["']/g)) found.add(path.posix.normalize(path.posix.join(dir, m[1])));
  return [...found];
}

const initial = new Set();
const queue = [...entries, ...preloads];
while (queue.length) {
  const file = queue.shift();
  if (initial.has(file) || !fs.existsSync(path.join(dist, file))) continue;
  initial.add(file);
  queue.push(...staticImports(file));
}

const size = (file) => {
  const buf = fs.readFileSync(path.join(dist, file));
  return { raw: buf.length, gzip: zlib.gzipSync(buf, { level: 9 }).length };
};
const sum = (files) => files.map(size).reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip }), { raw: 0, gzip: 0 });

// Everything the app can load: files named (statically, by import(), in Vite's preload map, or
// as worker URLs) from the entry, transitively. Leftovers of older builds in the folder don't count.
const assetNames = new Set(fs.readdirSync(path.join(dist, "assets")).filter((f) => f.endsWith(".js")));
const reachable = new Set();
const pending = [...initial];
while (pending.length) {
  const file = pending.shift();
  if (reachable.has(file)) continue;
  reachable.add(file);
  const text = fs.readFileSync(path.join(dist, file), "utf8");
  for (const m of text.matchAll(/[\w.$-]+\.js\b/g)) {
    const name = m[0].split("/").pop();
    if (assetNames.has(name)) pending.push(`assets/${name}`);
  }
}
const assets = [...reachable];
const isMonaco = (f) => /\/(CodeEditor|editor\.api|editor\.worker|ts\.worker|json\.worker|tsMode|jsonMode|lspLanguageFeatures)-/.test(f);
const monaco = assets.filter(isMonaco);
const leaked = [...initial].filter(isMonaco);
const initialSize = sum([...initial]);
const monacoSize = sum(monaco);
const kb = (n) => `${(n / 1024).toFixed(0)} KiB`;

console.log("Renderer bundle (dist/renderer)");
console.log(`  initial JS (entry + static imports): ${initial.size} file(s), ${kb(initialSize.raw)} raw, ${kb(initialSize.gzip)} gzip`);
for (const f of initial) console.log(`    ${f}  ${kb(size(f).raw)}`);
console.log(`  Monaco (lazy chunk + workers): ${monaco.length} file(s), ${kb(monacoSize.raw)} raw, ${kb(monacoSize.gzip)} gzip`);
for (const f of monaco) console.log(`    ${f}  ${kb(size(f).raw)}`);
console.log(`  Monaco / initial (raw): ${(monacoSize.raw / initialSize.raw).toFixed(2)}x`);
console.log(leaked.length ? `  MONACO IN THE INITIAL BUNDLE: ${leaked.join(", ")}` : "  Monaco is not in the initial bundle.");

if (out) {
  fs.writeFileSync(out, JSON.stringify({ initial: { files: [...initial], ...initialSize }, monaco: { files: monaco, ...monacoSize }, monacoInInitial: leaked }, null, 2));
}
if (leaked.length) process.exitCode = 1;
