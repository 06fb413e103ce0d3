/**
 * Renderer build: root renderer/, output dist/renderer, relative asset URLs (`base: "./"`) so the
 * same build loads from file:// in Electron and from the web host's root. Workers (Monaco's
 * language services, the ELK layout) are ES-module workers bundled into the app: nothing is
 * fetched at run time.
 */
import react from "@vitejs/plugin-react";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const here = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  root: `${here}renderer`,
  base: "./",
  plugins: [react()],
  worker: { format: "es" },
  build: {
    outDir: `${here}dist/renderer`,
    emptyOutDir: true,
    target: "es2022",
    sourcemap: true,
    chunkSizeWarningLimit: 8_000,
  },
  server: { port: 5173, strictPort: false },
});
