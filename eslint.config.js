// Lint config. The import-direction rules below enforce DESIGN.md's layering:
// core/ is pure (no Node, DOM, Electron, React, nor any other layer); the renderer never
// imports main; preload only exposes the contract. A wrong import fails `npm test`.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";

const nodeBuiltins = [
  "assert", "buffer", "child_process", "cluster", "crypto", "dgram", "dns", "events", "fs",
  "fs/promises", "http", "https", "net", "os", "path", "process", "readline", "stream",
  "timers", "tls", "url", "util", "vm", "worker_threads", "zlib",
];

const layer = (name) => [`**/${name}/**`, `../${name}`, `../../${name}`, `../../../${name}`];

export default tseslint.config(
  { ignores: ["dist/**", "out/**", "node_modules/**", "test-results/**", "playwright-report/**", "bench/results*.json"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-explicit-any": "off",
    },
  },
  {
    files: ["core/**/*.ts"],
    ignores: ["core/**/*.test.ts"],
    rules: {
      "no-restricted-imports": ["error", {
        paths: [
          ...nodeBuiltins.map((name) => ({ name, message: "core/ is pure: no Node APIs." })),
          ...nodeBuiltins.map((name) => ({ name: `node:${name}`, message: "core/ is pure: no Node APIs." })),
          { name: "electron", message: "core/ is pure: no Electron." },
          { name: "react", message: "core/ is pure: no React." },
          { name: "react-dom", message: "core/ is pure: no React." },
        ],
        patterns: [
          { group: [...layer("main"), ...layer("renderer"), ...layer("preload"), ...layer("cli")], message: "core/ imports nothing from the other layers." },
        ],
      }],
      "no-restricted-globals": ["error",
        { name: "window", message: "core/ is pure: no DOM." },
        { name: "document", message: "core/ is pure: no DOM." },
        { name: "process", message: "core/ is pure: no Node globals." },
        { name: "require", message: "core/ is pure." },
        { name: "Buffer", message: "core/ is pure: no Node globals." },
      ],
    },
  },
  {
    files: ["renderer/**/*.{ts,tsx}"],
    ignores: ["renderer/**/*.test.{ts,tsx}"],
    rules: {
      "no-restricted-imports": ["error", {
        paths: [{ name: "electron", message: "The renderer talks to main only through window.flowform (renderer/transport)." }],
        patterns: [
          { group: [...layer("main"), ...layer("cli")], message: "The renderer never imports main or cli." },
          { group: ["node:*"], message: "The renderer has no Node APIs." },
        ],
      }],
    },
  },
  {
    // Renderer unit tests run in Node (they may read corpus files), but still never import main or cli.
    files: ["renderer/**/*.test.{ts,tsx}"],
    rules: {
      "no-restricted-imports": ["error", {
        paths: [{ name: "electron", message: "The renderer talks to main only through window.flowform (renderer/transport)." }],
        patterns: [{ group: [...layer("main"), ...layer("cli")], message: "The renderer never imports main or cli." }],
      }],
    },
  },
  {
    files: ["preload/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", {
        patterns: [{ group: [...layer("main"), ...layer("renderer"), ...layer("cli")], message: "preload exposes the contract only." }],
      }],
    },
  },
  {
    files: ["cli/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", {
        patterns: [{ group: [...layer("renderer"), ...layer("preload")], message: "The CLI uses core (and main services), never the UI." }],
      }],
    },
  },
);
