import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["core/**/*.test.ts", "main/**/*.test.ts", "preload/**/*.test.ts", "renderer/**/*.test.{ts,tsx}", "cli/**/*.test.ts", "test/unit/**/*.test.ts", "test/integration/**/*.test.ts"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
