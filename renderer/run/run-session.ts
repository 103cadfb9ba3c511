/**
 * One run as the designer keeps it (DESIGN.md "Designer", STYLE.md §4): its journal as an event
 * array (index i holds seq i + 1), its log lines, and a cursor for time travel. The state at the
 * end is folded with the engine's own foldInto as events arrive, in place: one fold per event, no
 * copy. States at earlier cursors are memoised: snapshots every SNAPSHOT_EVERY events are cloned
 * lazily, the first time someone travels back, so moving the cursor costs at most that many folds
 * plus one clone, and a run nobody travels in never pays for a clone.
 */
import type { StepLogLine } from '../../engine/host/api';
import type { JournalEntry, RunEvent, RunId } from '../../engine/runtime/events';
import { foldInto, initialState } from '../../engine/runtime/fold';
import type { RunState } from '../../engine/runtime/state';
import { AttemptLog, attemptsOf, type AttemptEntry } from './attempts';

/** Events between two memoised snapshots of a run's state. */
export const SNAPSHOT_EVERY = 64;

/** Operation counts of a session, for tests that check cost per event (folds and clones, not time). */
export interface SessionCost {
  folds: number;
  clones: number;
}

/** A run's events, logs and folds. Events may arrive twice or out of order; each seq is kept once. */
export class RunSession {
  /** Journal events in seq order: `events[i]` has seq i + 1; contiguous from 1. */
  readonly events: RunEvent[] = [];
  /** Log lines in arrival order (stored lines replace streamed ones per step: setStepLogs). */
  logs: StepLogLine[] = [];
  /** Shown position: the number of events folded into the view; null follows the end (live). */
  cursor: number | null = null;
  readonly cost: SessionCost = { folds: 0, clones: 0 };
  private readonly pending = new Map<number, RunEvent>();
  private live: RunState | null = null;
  /** `snapshots[j]`: the frozen state after (j + 1) * SNAPSHOT_EVERY events. */
  private readonly snapshots: RunState[] = [];
  private memo: { at: number; state: RunState } | null = null;
  private readonly attemptLog = new AttemptLog();
  private attemptsMemo: { at: number; attempts: AttemptEntry[] } | null = null;

  constructor(readonly id: RunId) {}

  /** Number of events held (the seq of the last one). */
  get length(): number {
    return this.events.length;
  }

  /** Adds journal entries (any order, duplicates ignored) and folds what became contiguous. True when the run grew. */
  add(entries: readonly JournalEntry[]): boolean {
    for (const { seq, event } of entries) {
      if (seq > this.events.length && !this.pending.has(seq)) this.pending.set(seq, event);
    }
    let grew = false;
    for (let e = this.pending.get(this.events.length + 1); e !== undefined; e = this.pending.get(this.events.length + 1)) {
      this.pending.delete(this.events.length + 1);
      this.events.push(e);
      this.live = this.live ? foldInto(this.live, e) : initialState(e);
      this.attemptLog.add(e);
      this.cost.folds += 1;
      grew = true;
    }
    return grew;
  }

  /** Appends one streamed log line. */
  addLog(line: StepLogLine): void {
    this.logs.push(line);
  }

  /** Replaces the log lines of `step` with the stored ones (complete even if some were missed). */
  setStepLogs(step: string, lines: readonly StepLogLine[]): void {
    this.logs = [...this.logs.filter((l) => l.step !== step), ...lines.filter((l) => l.step === step)];
  }

  /** The shown position: the cursor, or the end. */
  get position(): number {
    return this.cursor ?? this.events.length;
  }

  /**
   * The state after the first `at` events (1 ≤ at ≤ length), or null before any event. The state
   * at the end is the live fold, shared and mutated by later events; earlier ones are memoised
   * copies. Callers must not change what they get.
   */
  stateAt(at: number = this.position): RunState | null {
    const n = Math.min(Math.max(at, 0), this.events.length);
    if (n === 0) return null;
    if (n === this.events.length) return this.live;
    if (this.memo?.at === n) return this.memo.state;
    const j = Math.floor(n / SNAPSHOT_EVERY) - 1;
    this.makeSnapshots(j);
    let state: RunState;
    let from: number;
    if (j >= 0) {
      state = this.clone(this.snapshots[j]!);
      from = (j + 1) * SNAPSHOT_EVERY;
    } else {
      state = initialState(this.events[0]!);
      this.cost.folds += 1;
      from = 1;
    }
    for (let i = from; i < n; i++) this.foldInto(state, this.events[i]!);
    this.memo = { at: n, state };
    return state;
  }

  /**
   * Every step attempt among the first `at` events (attempts.ts). At the end: the live list, kept
   * one event at a time and shared; earlier: built once per cursor and memoised.
   */
  attemptsAt(at: number = this.position): AttemptEntry[] {
    if (at >= this.events.length) return this.attemptLog.attempts;
    if (this.attemptsMemo?.at !== at) this.attemptsMemo = { at, attempts: attemptsOf(this.events, at) };
    return this.attemptsMemo.attempts;
  }

  /** Folds from the last snapshot up to snapshot `j`, cloning one at every SNAPSHOT_EVERY events. */
  private makeSnapshots(j: number): void {
    if (j < this.snapshots.length) return;
    let done = this.snapshots.length * SNAPSHOT_EVERY;
    let state: RunState;
    if (done === 0) {
      state = initialState(this.events[0]!);
      this.cost.folds += 1;
      done = 1;
    } else state = this.clone(this.snapshots[this.snapshots.length - 1]!);
    while (this.snapshots.length <= j) {
      const until = (this.snapshots.length + 1) * SNAPSHOT_EVERY;
      for (; done < until; done++) this.foldInto(state, this.events[done]!);
      this.snapshots.push(this.clone(state));
    }
  }

  private foldInto(state: RunState, event: RunEvent): void {
    foldInto(state, event);
    this.cost.folds += 1;
  }

  private clone(state: RunState): RunState {
    this.cost.clones += 1;
    return structuredClone(state);
  }
}
