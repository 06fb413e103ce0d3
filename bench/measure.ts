/** Timing helpers shared by the benchmarks: warm up, repeat, report median and p95 in ms. */

export interface Timing {
  median: number;
  p95: number;
  min: number;
  runs: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

export function summarize(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: percentile(sorted, 50), p95: percentile(sorted, 95), min: sorted[0], runs: sorted.length };
}

/** Run `fn` a few times to warm up, then until `runs` samples or `budgetMs` are spent (at least 3). */
export async function time(fn: () => unknown | Promise<unknown>, options: { runs?: number; warmup?: number; budgetMs?: number } = {}): Promise<Timing> {
  const runs = options.runs ?? 15;
  const warmup = options.warmup ?? 2;
  const budget = options.budgetMs ?? 20_000;
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  const started = performance.now();
  while (samples.length < runs && (samples.length < 3 || performance.now() - started < budget)) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return summarize(samples);
}

export const ms = (n: number) => (Number.isFinite(n) ? (n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : n.toFixed(0)) : "–");
export const ratio = (a: number, b: number) => (b > 0 && Number.isFinite(a) ? `${(a / b).toFixed(1)}×` : "–");

let freshCount = 0;
/**
 * The same template with different bytes (trailing spaces, valid in YAML and JSON), so that a
 * run measures the real work and not core's cache of recent parses, which is keyed by text.
 */
export function fresh(text: string): string {
  freshCount += 1;
  return text + " ".repeat(freshCount);
}
