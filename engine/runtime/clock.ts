/**
 * The runtime reads time only through a Clock (DESIGN.md "Clock"): the real clock runs flows,
 * a virtual clock simulates them. Times are epoch milliseconds.
 */
import type { EpochMs } from './events.js';

export interface Clock {
  now(): EpochMs;
  /**
   * Resolves at `dueAt` (at once when it has passed), or early when `signal` aborts.
   * Never rejects: the caller checks what woke it.
   */
  sleepUntil(dueAt: EpochMs, signal?: AbortSignal): Promise<void>;
  /**
   * Virtual clocks only (virtual-clock.ts): whether run `key` waits for an outside answer (an
   * approval or a callback), which stops a `held` clock from jumping past its deadline.
   */
  hold?(key: string, isHeld: boolean): void;
  /** Virtual clocks only: true when a simulation waiting for people with no deadline should wait, not end. */
  readonly waitsForPeople?: boolean;
}

/** Wall-clock time (Date.now and setTimeout). */
export const realClock: Clock = {
  now: () => Date.now(),
  sleepUntil(dueAt, signal) {
    return new Promise((resolve) => {
      const delayMs = Math.max(0, dueAt - Date.now());
      if (signal?.aborted) return resolve();
      // setTimeout caps at 2^31-1 ms (~24.8 days); a longer wait wakes early and the driver sleeps again.
      const timer = setTimeout(done, Math.min(delayMs, 2 ** 31 - 1));
      signal?.addEventListener('abort', done, { once: true });
      function done() {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      }
    });
  },
};
