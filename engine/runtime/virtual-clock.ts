/**
 * Virtual time for simulations (DESIGN.md "Clock", "Simulation"): a 2 h approval deadline passes
 * without waiting 2 h. How time moves is the clock's pace (issue #9 point 7):
 *
 * - `jump` (the CLI, scenarios): time moves only when every piece of work is asleep on this clock.
 *   Each sleep schedules a check in the event loop's check phase (setImmediate), after every
 *   pending promise chain has settled; the check jumps `now` to the earliest due time and wakes
 *   those sleepers. Sleeps until Infinity never make time move (people with no deadline).
 * - `held` (designer simulations): as `jump`, except while a hold is set (a run of this clock has
 *   an approval or a callback open, see hold()): then time stands still until advance() is asked,
 *   so a person can answer a simulated approval before its deadline.
 * - `speed`: virtual time flows at `factor` × real time (1, 10, 60…: virtual seconds per real
 *   second) and never jumps by itself; sleepers wake as virtual time passes their due time.
 *
 * advance() moves time on in any pace: to the next due time or by a number of milliseconds.
 * Sound only when nothing else does real I/O, which holds in simulation: executors are mocked and
 * the SQLite journal is synchronous. Same idea as XState's SimulatedClock.
 */
import type { Clock } from './clock.js';
import { realClock } from './clock.js';
import type { EpochMs } from './events.js';

/** How a virtual clock moves by itself (see the file comment). */
export type ClockPace = { kind: 'jump' } | { kind: 'held' } | { kind: 'speed'; factor: number };

/** A virtual clock's state, for people: what time it is there and what it waits for. */
export interface ClockInfo {
  now: EpochMs;
  pace: ClockPace;
  /** True while a hold stops a `held` clock from jumping (an approval or callback is open). */
  isHeld: boolean;
  /** The earliest time a sleeper waits for (a timer, a retry, a deadline), or null. */
  nextDueAt: EpochMs | null;
}

/** How far advance() moves: to the next due time, or by `byMs` milliseconds (> 0). */
export type ClockAdvance = { to: 'next-timer' } | { byMs: number };

export interface VirtualClockOptions {
  /** Default `{ kind: 'jump' }`. */
  pace?: ClockPace;
  /** The real clock a `speed` pace flows with; default the wall clock (tests pass a manual one). */
  real?: Clock;
  /**
   * Called after time jumps or is advanced, the pace changes, a hold comes or goes, or (held and
   * speed paces) what is due next changes; once per event-loop turn, with the state at its end.
   */
  onChange?: (info: ClockInfo) => void;
}

interface Sleeper {
  dueAt: EpochMs;
  wake(): void;
}

/** Largest speed factor accepted (a virtual day per real 1.4 min). */
export const MAX_SPEED = 1000;
/** Longest single advance, ms: a year, like the longest duration a flow may write (FS021). */
export const MAX_ADVANCE_MS = 366 * 86_400_000;

export class VirtualClock implements Clock {
  private current: EpochMs;
  private readonly sleepers = new Set<Sleeper>();
  private checkScheduled = false;
  private pace: ClockPace;
  private readonly real: Clock;
  /** `speed` pace: the real time at which virtual time was `current`. */
  private anchorReal = 0;
  /** `speed` pace: aborts the real sleep until the earliest sleeper. */
  private realTimer: AbortController | null = null;
  /** Keys (run ids) whose holds stop a `held` clock from jumping. */
  private readonly holds = new Set<string>();
  private readonly onChange: ((info: ClockInfo) => void) | undefined;
  private changeScheduled = false;

  /** Starts at `start` (epoch ms), default 2026-01-01T00:00:00Z so simulated journals are stable. */
  constructor(start: EpochMs = Date.UTC(2026, 0, 1), options: VirtualClockOptions = {}) {
    this.current = start;
    this.real = options.real ?? realClock;
    this.onChange = options.onChange;
    this.pace = { kind: 'jump' };
    if (options.pace) this.applyPace(options.pace);
  }

  now(): EpochMs {
    if (this.pace.kind !== 'speed') return this.current;
    const flowed = Math.floor((this.real.now() - this.anchorReal) * this.pace.factor);
    return Math.max(this.current, this.current + flowed);
  }

  /** Whether a run on this clock waits for people without a deadline (any pace but `jump`). */
  get waitsForPeople(): boolean {
    return this.pace.kind !== 'jump';
  }

  /** The clock's state for people (ClockInfo). */
  info(): ClockInfo {
    return { now: this.now(), pace: this.pace, isHeld: this.pace.kind === 'held' && this.holds.size > 0, nextDueAt: this.nextDueAt() };
  }

  /**
   * Changes how time moves from now on. Throws RangeError for a speed factor that is not a
   * finite number in (0, MAX_SPEED].
   */
  setPace(pace: ClockPace): void {
    this.applyPace(pace);
    this.changed();
  }

  private applyPace(pace: ClockPace): void {
    if (pace.kind === 'speed' && !(Number.isFinite(pace.factor) && pace.factor > 0 && pace.factor <= MAX_SPEED)) {
      throw new RangeError(`a virtual clock's speed must be a number above 0 and at most ${MAX_SPEED}, got ${pace.factor}`);
    }
    this.current = this.now(); // freeze what a speed pace has flowed so far
    this.anchorReal = this.real.now();
    this.pace = pace.kind === 'speed' ? { kind: 'speed', factor: pace.factor } : { kind: pace.kind };
    this.reschedule();
  }

  /**
   * Holds (or releases) a `held` clock for `key` (a run id): while any key holds, time moves only
   * by advance(). The driver holds while its simulated run has an approval or callback open.
   */
  hold(key: string, isHeld: boolean): void {
    if (isHeld === this.holds.has(key)) return;
    if (isHeld) this.holds.add(key);
    else this.holds.delete(key);
    if (this.pace.kind === 'held') {
      if (!isHeld) this.reschedule();
      this.changed();
    }
  }

  /**
   * Moves time on: to the earliest sleeper's due time (nothing happens when none sleeps), or by
   * `byMs` milliseconds; wakes every sleeper due by then. Returns the new virtual now.
   * Throws RangeError for a `byMs` that is not a positive number up to MAX_ADVANCE_MS.
   */
  advance(how: ClockAdvance): EpochMs {
    const now = this.now();
    let to: EpochMs;
    if ('to' in how) to = Math.max(now, this.nextDueAt() ?? now);
    else {
      if (!(Number.isFinite(how.byMs) && how.byMs > 0 && how.byMs <= MAX_ADVANCE_MS)) {
        throw new RangeError(`advance byMs must be a positive number of milliseconds up to ${MAX_ADVANCE_MS} (a year), got ${how.byMs}`);
      }
      to = now + how.byMs;
    }
    this.current = to;
    this.anchorReal = this.real.now();
    this.wakeDue();
    this.reschedule();
    this.changed();
    return to;
  }

  sleepUntil(dueAt: EpochMs, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted || dueAt <= this.now()) return Promise.resolve();
    return new Promise((resolve) => {
      const sleeper: Sleeper = {
        dueAt,
        wake: () => {
          this.sleepers.delete(sleeper);
          signal?.removeEventListener('abort', sleeper.wake);
          // What is due next may have changed: people see it (a held or speed clock only).
          if (this.pace.kind !== 'jump') this.changed();
          resolve();
        },
      };
      this.sleepers.add(sleeper);
      signal?.addEventListener('abort', sleeper.wake, { once: true });
      if (this.pace.kind !== 'jump') this.changed();
      this.reschedule();
    });
  }

  private nextDueAt(): EpochMs | null {
    let earliest = Infinity;
    for (const s of this.sleepers) earliest = Math.min(earliest, s.dueAt);
    return earliest === Infinity ? null : earliest;
  }

  private wakeDue(): void {
    const now = this.now();
    for (const s of [...this.sleepers]) if (s.dueAt <= now) s.wake();
  }

  /**
   * Reports the clock's state once the current turn has settled (setImmediate), so a burst of
   * changes (a hold, then the sleep for the deadline) is reported once, as it ended up.
   */
  private changed(): void {
    if (!this.onChange || this.changeScheduled) return;
    this.changeScheduled = true;
    setImmediate(() => {
      this.changeScheduled = false;
      this.onChange?.(this.info());
    });
  }

  /** Arranges for time to move by itself as the pace says. */
  private reschedule(): void {
    if (this.pace.kind === 'speed') this.scheduleReal();
    else {
      this.realTimer?.abort();
      this.realTimer = null;
      this.scheduleCheck();
    }
  }

  /** `speed` pace: a real sleep until the earliest sleeper is due in virtual time. */
  private scheduleReal(): void {
    this.realTimer?.abort();
    this.realTimer = null;
    const next = this.nextDueAt();
    if (next === null || this.pace.kind !== 'speed') return;
    const timer = new AbortController();
    this.realTimer = timer;
    const realDue = this.anchorReal + Math.ceil((next - this.current) / this.pace.factor);
    void this.real.sleepUntil(realDue, timer.signal).then(() => {
      if (timer.signal.aborted) return;
      this.realTimer = null;
      this.wakeDue();
      this.changed();
      this.scheduleReal();
    });
  }

  /** `jump` and `held` paces: once everything sleeps, jump to the earliest due time. */
  private scheduleCheck(): void {
    if (this.checkScheduled) return;
    this.checkScheduled = true;
    setImmediate(() => {
      this.checkScheduled = false;
      if (this.pace.kind === 'speed' || (this.pace.kind === 'held' && this.holds.size > 0)) return;
      const earliest = this.nextDueAt();
      if (earliest === null) return;
      if (earliest > this.current) {
        this.current = earliest;
        this.wakeDue();
        this.changed();
      } else this.wakeDue();
      // Later sleepers get their turn after the woken work has settled (or slept again).
      if (this.sleepers.size > 0) this.scheduleCheck();
    });
  }
}
