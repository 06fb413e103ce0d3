import { defineConfig } from "vitest/config";

// Vitest 5's reporters call Map.groupBy / Object.groupBy (Node 21+) when they print failures;
// on Node 20, which package.json allows, the reporter then crashes and hides the failure.
// This config is loaded in the process that runs the reporters, so the fallback goes here.
type GroupBy = <T, K>(items: Iterable<T>, key: (item: T, index: number) => K) => unknown;
const groupInto = <T, K>(items: Iterable<T>, key: (item: T, index: number) => K) => {
  const groups = new Map<K, T[]>();
  let index = 0;
  for (const item of items) {
    const k = key(item, index++);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
};
const MapWithGroupBy = Map as unknown as { groupBy?: GroupBy };
MapWithGroupBy.groupBy ??= groupInto;
const ObjectWithGroupBy = Object as unknown as { groupBy?: GroupBy };
ObjectWithGroupBy.groupBy ??= (items, key) =>
  Object.assign(Object.create(null), Object.fromEntries(groupInto(items, key)));

export default defineConfig({
  test: {
    include: ["core/**/*.test.ts", "main/**/*.test.ts", "preload/**/*.test.ts", "renderer/**/*.test.{ts,tsx}", "cli/**/*.test.ts", "test/unit/**/*.test.ts", "test/integration/**/*.test.ts"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
