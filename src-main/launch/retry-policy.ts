/** When the background validation tries again: exponential backoff with full jitter, then the regular schedule. */
export type RetryPolicy = {
  /** Delays before the 2nd, 3rd… attempt, before jitter. */
  backoffMs: readonly number[];
  /** After a confirmed check, or after the retries gave up. */
  intervalMs: number;
  retryAfterFailureMs: number;
};

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  backoffMs: [2_000, 10_000, 30_000],
  intervalMs: 6 * 3_600_000,
  retryAfterFailureMs: 15 * 60_000,
};

/** Half the delay fixed, half random, so many devices coming online together do not hit the service in step. */
export function withJitter(delayMs: number, random: () => number): number {
  return Math.round(delayMs / 2 + (delayMs / 2) * random());
}

export type Scheduler = {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
};

export const realScheduler: Scheduler = {
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
