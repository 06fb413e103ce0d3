/**
 * Retrying AWS calls with exponential backoff and full jitter ("Exponential Backoff And
 * Jitter", AWS Architecture Blog, 2015). Throttled calls are always safe to repeat (AWS did
 * not run them); calls interrupted by a lost connection are repeated only when idempotent
 * (Describe*, Get*, Head*): whether a lost ExecuteChangeSet ran is checked, never assumed.
 */
import { explainAwsError, type DeployErrorInfo } from "../../core/deploy";

export interface Backoff {
  /** First delay in ms (default 500). */
  baseMs: number;
  /** Largest delay in ms (default 10,000). */
  maxMs: number;
  /** Attempts before giving up (default 6). */
  attempts: number;
}

export const DEFAULT_BACKOFF: Backoff = { baseMs: 500, maxMs: 10_000, attempts: 6 };

export function errorInfo(error: unknown, profile?: string): DeployErrorInfo {
  const e = error as { name?: string; code?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  return explainAwsError({ name: e?.name, code: e?.code, message: e?.message ?? String(error), httpStatus: e?.$metadata?.httpStatusCode, profile });
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function delayFor(attempt: number, backoff: Backoff): number {
  const ceiling = Math.min(backoff.maxMs, backoff.baseMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
}

export interface RetryOptions {
  backoff: Backoff;
  /** Safe to repeat after a lost connection. */
  idempotent: boolean;
  profile?: string;
  /** Told about each retry (shown as a notice while deploying). */
  onRetry?: (info: DeployErrorInfo, attempt: number, delayMs: number) => void;
}

export async function withRetry<T>(call: () => Promise<T>, options: RetryOptions): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const info = errorInfo(error, options.profile);
      const repeatable = info.kind === "throttled" || (info.kind === "connection" && options.idempotent);
      if (!repeatable || attempt + 1 >= options.backoff.attempts) throw error;
      const delay = delayFor(attempt, options.backoff);
      options.onRetry?.(info, attempt + 1, delay);
      await sleep(delay);
    }
  }
}
