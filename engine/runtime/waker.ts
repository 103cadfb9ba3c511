/**
 * How a driver loop sleeps and is woken: `wake()` (a step finished, a person answered, a request
 * came) or a due time on the run's Clock. Without a due time no clock sleeper is registered: a
 * plain promise is cheaper per step, and a sleep until Infinity would never move a virtual clock.
 */
import type { Clock } from './clock.js';
import type { EpochMs } from './events.js';

export class Waker {
  /** The pending wait's resolver, or null while the loop is busy. */
  private waiter: (() => void) | null = null;
  /** A wake() that came while the loop was busy: the next wait returns at once. */
  private isWoken = false;

  constructor(private readonly clock: Clock) {}

  /** Forgets wakes that came before the loop looked at the state again. */
  reset(): void {
    this.isWoken = false;
  }

  /** Wakes the pending wait, or the next one. */
  wake(): void {
    const waiter = this.waiter;
    if (waiter) {
      this.waiter = null;
      waiter();
    } else this.isWoken = true;
  }

  /** Resolves at the next wake() or, when given, at `wakeAt` (epoch ms) on the clock. Never rejects. */
  wait(wakeAt?: EpochMs): Promise<void> {
    if (this.isWoken) {
      this.isWoken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      if (wakeAt === undefined) {
        this.waiter = resolve;
        return;
      }
      const stop = new AbortController();
      this.waiter = () => {
        stop.abort();
        resolve();
      };
      void this.clock.sleepUntil(wakeAt, stop.signal).then(() => {
        if (stop.signal.aborted) return;
        this.waiter = null;
        resolve();
      });
    });
  }
}
