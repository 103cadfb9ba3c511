/**
 * Virtual time for simulations (DESIGN.md "Clock", "Simulation"): a 2 h approval deadline passes
 * at once. Time moves only when every piece of work is asleep on this clock: each sleep schedules
 * a check in the event loop's check phase (setImmediate), after every pending promise chain has
 * settled; the check jumps `now` to the earliest due time and wakes those sleepers.
 * Sleeps until Infinity never make time move (a run that waits for people with no deadline).
 * Sound only when nothing else does real I/O, which holds in simulation: executors are mocked and
 * the SQLite journal is synchronous. Same idea as XState's SimulatedClock, advanced automatically.
 */
import type { Clock } from './clock.js';
import type { EpochMs } from './events.js';

interface Sleeper {
  dueAt: EpochMs;
  wake(): void;
}

export class VirtualClock implements Clock {
  private current: EpochMs;
  private readonly sleepers = new Set<Sleeper>();
  private checkScheduled = false;

  /** Starts at `start` (epoch ms), default 2026-01-01T00:00:00Z so simulated journals are stable. */
  constructor(start: EpochMs = Date.UTC(2026, 0, 1)) {
    this.current = start;
  }

  now(): EpochMs {
    return this.current;
  }

  sleepUntil(dueAt: EpochMs, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted || dueAt <= this.current) return Promise.resolve();
    return new Promise((resolve) => {
      const sleeper: Sleeper = {
        dueAt,
        wake: () => {
          this.sleepers.delete(sleeper);
          signal?.removeEventListener('abort', sleeper.wake);
          resolve();
        },
      };
      this.sleepers.add(sleeper);
      signal?.addEventListener('abort', sleeper.wake, { once: true });
      this.scheduleCheck();
    });
  }

  private scheduleCheck(): void {
    if (this.checkScheduled) return;
    this.checkScheduled = true;
    setImmediate(() => {
      this.checkScheduled = false;
      let earliest = Infinity;
      for (const s of this.sleepers) earliest = Math.min(earliest, s.dueAt);
      if (earliest === Infinity) return;
      this.current = Math.max(this.current, earliest);
      for (const s of [...this.sleepers]) if (s.dueAt <= this.current) s.wake();
      // Later sleepers get their turn after the woken work has settled (or slept again).
      if (this.sleepers.size > 0) this.scheduleCheck();
    });
  }
}
