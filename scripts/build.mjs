#!/usr/bin/env node
/**
 * Build everything into dist/:
 *   dist/main/electron.cjs   Electron main            (esbuild, CJS)
 *   dist/preload/index.cjs   Electron preload         (esbuild, CJS, dependencies bundled: sandboxed preloads cannot require packages)
 *   dist/main/webhost.mjs    web host                 (esbuild, ESM)
 *   dist/cli/index.mjs       `flowform` CLI           (esbuild, ESM)
 *   dist/renderer/           React app                (vite)
 * Flags:
 *   --node-only   skip the renderer (fast)
 *   --cli-only    only the CLI (used by `prepare` so `npx flowform` works right after `npm ci`;
 *                 a failure there is reported but does not fail `npm ci`: `npm test` will)
 *   --if-stale    do nothing when dist/.build-stamp is newer than every source file
 */
import { build as esbuild } from "esbuild";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = new Set(process.argv.slice(2));
const cliOnly = args.has("--cli-only");
const nodeOnly = args.has("--node-only") || cliOnly;
const stamp = path.join(root, "dist", cliOnly ? ".build-stamp-cli" : nodeOnly ? ".build-stamp-node" : ".build-stamp");

const SOURCE_DIRS = ["core", "main", "preload", "renderer", "cli", "resources"];
const SOURCE_FILES = ["package.json", "package-lock.json", "vite.config.ts", "tsconfig.json", "scripts/build.mjs"];

function newestSourceMtime() {
  let newest = 0;
  const visit = (p) => {
    let stat;
    try {
      stat = fs.statSync(p);
    } catch {
      return;
    }
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(p)) {
        if (name === "node_modules" || name.startsWith(".")) continue;
        visit(path.join(p, name));
      }
    } else if (!/\.test\.tsx?$/.test(p)) {
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  for (const d of SOURCE_DIRS) visit(path.join(root, d));
  for (const f of SOURCE_FILES) visit(path.join(root, f));
  return newest;
}

// The stamp carries the time the build STARTED: a source saved while the build runs is newer
// than the stamp, so the next --if-stale build picks it up.
const buildStarted = new Date();

if (args.has("--if-stale")) {
  let built = 0;
  try {
    built = fs.statSync(stamp).mtimeMs;
  } catch {
    // never built
  }
  if (built > newestSourceMtime()) {
    console.log("build: dist/ is up to date");
    process.exit(0);
  }
}

// ESM bundles that include CommonJS code need `require` for Node built-ins.
const esmBanner = {
  js: "import { createRequire as __flowformCreateRequire } from 'node:module'; const require = __flowformCreateRequire(import.meta.url);",
};

const common = {
  bundle: true,
  platform: "node",
  target: "node20",
  sourcemap: true,
  logLevel: "warning",
  absWorkingDir: root,
};

const cliBuild = {
  ...common,
  entryPoints: ["cli/index.ts"],
  outfile: "dist/cli/index.mjs",
  format: "esm",
  packages: "external",
  banner: esmBanner,
};

if (cliOnly) {
  try {
    await esbuild(cliBuild);
    console.log("build: cli");
  } catch (error) {
    console.warn(`build: the CLI did not build (${error.message.split("\n")[0]}); bin/flowform.mjs will retry and show the error`);
  }
  process.exit(0);
}

const started = Date.now();
await Promise.all([
  esbuild({
    ...common,
    entryPoints: ["main/electron.ts"],
    outfile: "dist/main/electron.cjs",
    format: "cjs",
    packages: "external",
    // Code shared with the ESM web host may use import.meta.url; in CommonJS it is this file's URL.
    banner: { js: 'const __flowformImportMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
    define: { "import.meta.url": "__flowformImportMetaUrl" },
  }),
  esbuild({
    ...common,
    entryPoints: ["preload/index.ts"],
    outfile: "dist/preload/index.cjs",
    format: "cjs",
    external: ["electron"],
  }),
  esbuild({
    ...common,
    entryPoints: ["main/webhost/index.ts"],
    outfile: "dist/main/webhost.mjs",
    format: "esm",
    packages: "external",
    banner: esmBanner,
  }),
  esbuild(cliBuild),
]);
console.log(`build: main, preload, web host, cli (${Date.now() - started} ms)`);

if (!nodeOnly) {
  const viteStarted = Date.now();
  const { build: viteBuild } = await import("vite");
  // Build beside dist/renderer and swap it in at the end: web hosts of e2e runs started by others
  // in this tree keep serving a complete renderer while this build runs.
  const finalDir = path.join(root, "dist", "renderer");
  const nextDir = path.join(root, "dist", `.renderer-next-${process.pid}`);
  await viteBuild({ configFile: path.join(root, "vite.config.ts"), logLevel: "warn", build: { outDir: nextDir, emptyOutDir: true } });
  if (args.has("--if-stale")) keepRecentAssets(path.join(finalDir, "assets"), path.join(nextDir, "assets"));
  const oldDir = path.join(root, "dist", `.renderer-old-${process.pid}`);
  if (fs.existsSync(finalDir)) fs.renameSync(finalDir, oldDir);
  fs.renameSync(nextDir, finalDir);
  fs.rmSync(oldDir, { recursive: true, force: true });
  console.log(`build: renderer (${Date.now() - viteStarted} ms)`);
}

/**
 * Development rebuilds (--if-stale: tests, npm start) keep the previous build's hashed assets for
 * an hour, so a page that loaded the old index can still fetch its lazy chunks (Monaco) after a
 * rebuild underneath it. `npm run build` (and so `npm run dist`) never does this.
 */
function keepRecentAssets(fromDir, toDir) {
  if (!fs.existsSync(fromDir)) return;
  const hourAgo = Date.now() - 60 * 60 * 1000;
  for (const name of fs.readdirSync(fromDir)) {
    const from = path.join(fromDir, name);
    const to = path.join(toDir, name);
    const stat = fs.statSync(from);
    if (stat.isFile() && stat.mtimeMs > hourAgo && !fs.existsSync(to)) {
      fs.copyFileSync(from, to);
      // Keep the original time, so the asset ages out an hour after it was built, not copied.
      fs.utimesSync(to, stat.atime, stat.mtime);
    }
  }
}

fs.mkdirSync(path.dirname(stamp), { recursive: true });
fs.writeFileSync(stamp, buildStarted.toISOString() + "\n");
fs.utimesSync(stamp, buildStarted, buildStarted);
