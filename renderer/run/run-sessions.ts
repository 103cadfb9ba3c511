/**
 * The runs the designer holds, by id (DESIGN.md "Designer"): a session per watched run, counted,
 * plus the few most recently unwatched ones (so going back to a run is instant); older unwatched
 * sessions are dropped. Events of runs without a session are ignored: the host streams only
 * watched runs (HostApi watchRun), and history lists use `runSummary` events, not journals.
 */
import type { HostEvent } from '../../engine/host/api';
import type { RunId } from '../../engine/runtime/events';
import { RunSession } from './run-session';

/** Unwatched sessions kept for a quick return before the oldest is dropped. */
export const KEEP_UNWATCHED = 4;

/** A counted registry of RunSessions with bounded memory. */
export class RunSessions {
  private readonly sessions = new Map<RunId, RunSession>();
  private readonly watchers = new Map<RunId, number>();
  /** Unwatched sessions, oldest first (Map keeps insertion order). */
  private readonly idle = new Map<RunId, true>();

  constructor(private readonly keepUnwatched = KEEP_UNWATCHED) {}

  /** Number of sessions held (watched and kept). */
  get size(): number {
    return this.sessions.size;
  }

  /** The session of `run`, if held. */
  get(run: RunId): RunSession | undefined {
    return this.sessions.get(run);
  }

  /** Counts one more watcher of `run` and returns its session (kept or new). */
  watch(run: RunId): RunSession {
    this.watchers.set(run, (this.watchers.get(run) ?? 0) + 1);
    this.idle.delete(run);
    let s = this.sessions.get(run);
    if (!s) {
      s = new RunSession(run);
      this.sessions.set(run, s);
    }
    return s;
  }

  /** Drops one watcher of `run`; an unwatched session is kept among the last few, then dropped. */
  unwatch(run: RunId): void {
    const n = (this.watchers.get(run) ?? 0) - 1;
    if (n > 0) {
      this.watchers.set(run, n);
      return;
    }
    this.watchers.delete(run);
    if (!this.sessions.has(run)) return;
    this.idle.set(run, true);
    while (this.idle.size > this.keepUnwatched) {
      const oldest = this.idle.keys().next().value as RunId;
      this.idle.delete(oldest);
      this.sessions.delete(oldest);
    }
  }

  /** Whether anyone watches `run`. */
  isWatched(run: RunId): boolean {
    return this.watchers.has(run);
  }

  /** Applies a host event to its run's session; returns the run when it changed, else null. */
  handle(event: HostEvent): RunId | null {
    if (event.kind !== 'runEvent' && event.kind !== 'stepLog') return null;
    const s = this.sessions.get(event.run);
    if (!s) return null;
    if (event.kind === 'runEvent') return s.add([{ seq: event.seq, event: event.event }]) ? event.run : null;
    const { step, attempt, stream, text } = event;
    s.addLog({ step, attempt, stream, text });
    return event.run;
  }
}
