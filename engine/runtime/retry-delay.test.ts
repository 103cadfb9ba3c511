import { describe, expect, it } from 'vitest';
import { canRetry, retryDelayMs } from './retry-delay.js';

describe('retryDelayMs', () => {
  it('grows exponentially by the multiplier', () => {
    const p = { maxAttempts: 5, delay: '1s', backoff: 'exponential' as const, multiplier: 2 };
    expect([1, 2, 3, 4].map((a) => retryDelayMs(p, a, Math.random))).toEqual([1000, 2000, 4000, 8000]);
  });
  it('stays fixed without backoff and caps at maxDelay', () => {
    expect(retryDelayMs({ maxAttempts: 3, delay: '200ms' }, 3, Math.random)).toBe(200);
    const p = { maxAttempts: 9, delay: '1s', backoff: 'exponential' as const, maxDelay: '5s' };
    expect(retryDelayMs(p, 8, Math.random)).toBe(5000);
  });
  it('draws jitter in [0, delay] from the given random source', () => {
    const p = { maxAttempts: 3, delay: '10s', jitter: true };
    expect(retryDelayMs(p, 1, () => 0.25)).toBe(2500);
  });
  it('counts the first try in maxAttempts', () => {
    expect(canRetry({ maxAttempts: 3 }, 2)).toBe(true);
    expect(canRetry({ maxAttempts: 3 }, 3)).toBe(false);
    expect(canRetry(undefined, 1)).toBe(false);
  });
});
