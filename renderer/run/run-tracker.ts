/**
 * Folds run events as they stream in, with the engine's own foldRun (STYLE.md §4: a run view is
 * a fold over RunEvents). Events may arrive before startRun answers, twice (stream + getRun
 * catch-up) or out of order; they are buffered per run and folded in seq order, each seq once.
 */
import type { HostEvent, StepLogLine } from '../../engine/host/api';
import type { JournalEntry, RunEvent, RunId } from '../../engine/runtime/events';
import { foldRun, initialState } from '../../engine/runtime/fold';
import type { RunState } from '../../engine/runtime/state';

interface Folded {
  state: RunState | null;
  lastSeq: number;
  pending: Map<number, RunEvent>;
  logs: StepLogLine[];
}

/** Keeps one fold per run id seen; returns whether the run's state changed. */
export class RunTracker {
  private readonly runs = new Map<RunId, Folded>();

  private of(run: RunId): Folded {
    let f = this.runs.get(run);
    if (!f) {
      f = { state: null, lastSeq: 0, pending: new Map(), logs: [] };
      this.runs.set(run, f);
    }
    return f;
  }

  /** Adds journal entries (any order, duplicates ignored) and folds what is contiguous. */
  addEntries(run: RunId, entries: readonly JournalEntry[]): boolean {
    const f = this.of(run);
    for (const { seq, event } of entries) {
      if (seq > f.lastSeq && !f.pending.has(seq)) f.pending.set(seq, event);
    }
    let changed = false;
    for (let e = f.pending.get(f.lastSeq + 1); e !== undefined; e = f.pending.get(f.lastSeq + 1)) {
      f.pending.delete(f.lastSeq + 1);
      // foldRun mutates in place; snapshot() copies before React sees it.
      f.state = f.state ? foldRun(f.state, e) : initialState(e);
      f.lastSeq += 1;
      changed = true;
    }
    return changed;
  }

  /** Applies one host event; returns the run it concerns when that run changed, else null. */
  handle(event: HostEvent): RunId | null {
    if (event.kind === 'runEvent') {
      return this.addEntries(event.run, [{ seq: event.seq, event: event.event }]) ? event.run : null;
    }
    // Notifications change no run's state: renderer/panels/RunNotices.tsx shows them.
    if (event.kind !== 'stepLog') return null;
    const { run, step, attempt, stream, text } = event;
    this.of(run).logs.push({ step, attempt, stream, text });
    return run;
  }

  /** Replaces the streamed log lines of one step with the stored ones (after getStepLogs). */
  setStepLogs(run: RunId, step: string, lines: readonly StepLogLine[]): void {
    const f = this.of(run);
    f.logs = [...f.logs.filter((l) => l.step !== step), ...lines.filter((l) => l.step === step)];
  }

  /** A copy of the run's state and logs, safe to hand to React (the fold keeps mutating its own). */
  snapshot(run: RunId): { state: RunState | null; logs: StepLogLine[] } {
    const f = this.runs.get(run);
    if (!f) return { state: null, logs: [] };
    return { state: f.state ? structuredClone(f.state) : null, logs: [...f.logs] };
  }

  /** Seq of the last folded event of a run (0 before any). */
  lastSeq(run: RunId): number {
    return this.runs.get(run)?.lastSeq ?? 0;
  }
}
