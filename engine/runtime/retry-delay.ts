/**
 * Retry and timeout arithmetic (DESIGN.md "Errors").
 */
import { parseDurationMs } from '../model/duration.js';
import type { RetryPolicy } from '../model/flow.js';

/**
 * Delay before the retry that follows failed attempt `attempt` (1 = after the first try), in ms.
 * Exponential: delayMs × multiplier^(attempt − 1), capped at maxDelayMs; fixed: delayMs.
 * With jitter, a uniform draw in [0, that value] from `random` (seeded when simulating).
 * Defaults: delay 1s, multiplier 2, no cap. Source: DESIGN.md "Errors"; same meaning as the ASL
 * Retrier's IntervalSeconds, BackoffRate, MaxDelaySeconds and JitterStrategy FULL.
 * Throws only on a duration that does not parse (validate/ reports those before a run).
 */
export function retryDelayMs(policy: RetryPolicy, attempt: number, random: () => number): number {
  const base = policy.delay === undefined ? 1000 : parseDurationMs(policy.delay);
  const multiplier = policy.backoff === 'exponential' ? (policy.multiplier ?? 2) : 1;
  let delay = base * multiplier ** Math.max(0, attempt - 1);
  if (policy.maxDelay !== undefined) delay = Math.min(delay, parseDurationMs(policy.maxDelay));
  if (policy.jitter) delay = random() * delay;
  return Math.round(delay);
}

/** True when another attempt is allowed after failed attempt `attempt` (maxAttempts counts the first try). */
export function canRetry(policy: RetryPolicy | undefined, attempt: number): boolean {
  return policy !== undefined && attempt < policy.maxAttempts;
}
