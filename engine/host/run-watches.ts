/**
 * Which runs a HostApi client watches (HostApi watchRun/unwatchRun, DESIGN.md "Designer": the host
 * streams only the runs a view watches). Counted, so two views of one run need two unwatches.
 * A client that never called either method gets every run's events (older clients, tests, tools);
 * from its first call on, only watched runs'. Run-level summaries (runSummaryEvent) go to everyone.
 */
import type { RunEvent, RunId } from '../runtime/events.js';
import type { HostEvent } from './api.js';
import type { Json } from '../model/flow.js';
import { startedByOfRow } from '../service/started-by.js';

/** A counted set of watched run ids with the "everything until engaged" rule above. */
export class RunWatches {
  private readonly counts = new Map<RunId, number>();
  private engaged = false;

  /** `onWatch` hears every watch (the engine process's RunTail starts streaming the run there). */
  constructor(private readonly onWatch?: (run: RunId) => void) {}

  watch(run: RunId): void {
    this.onWatch?.(run);
    this.engaged = true;
    this.counts.set(run, (this.counts.get(run) ?? 0) + 1);
  }

  unwatch(run: RunId): void {
    this.engaged = true;
    const n = (this.counts.get(run) ?? 0) - 1;
    if (n > 0) this.counts.set(run, n);
    else this.counts.delete(run);
  }

  /** Ids watched at least once and not unwatched as often; for a client that goes away. */
  watched(): RunId[] {
    return [...this.counts.keys()];
  }

  /** Whether events (runEvent, stepLog) of `run` go to this client. */
  streams(run: RunId): boolean {
    return !this.engaged || this.counts.has(run);
  }

  /** Whether this host event goes to this client: summaries and notifications always do. */
  passes(event: HostEvent): boolean {
    return event.kind === 'runEvent' || event.kind === 'stepLog' || event.kind === 'clock' ? this.streams(event.run) : true;
  }
}

/**
 * The run-level summary a journal event implies, for history lists that do not watch the run
 * (HostEvent `runSummary`), or null for events that change no run-level status. The status is
 * the event's own word: `waiting` on ApprovalRequested even if other branches still run (the
 * next event corrects it); a list wanting the exact shown status asks listRuns.
 */
export function runSummaryEvent(run: RunId, event: RunEvent): HostEvent | null {
  const at = new Date(event.at).toISOString();
  switch (event.type) {
    case 'RunStarted':
      return {
        kind: 'runSummary',
        run,
        status: 'running',
        at,
        started: {
          id: run,
          flow: event.flow,
          status: 'running',
          mode: event.mode,
          startedAt: at,
          endedAt: null,
          trigger: event.trigger ?? null,
          parent: event.parent ?? null,
          startedBy: startedByOfRow({ startedBy: (event.startedBy ?? null) as Json, trigger: event.trigger ?? null, parent: event.parent ?? null }),
        },
      };
    case 'ApprovalRequested':
    case 'CallbackWaiting':
      return { kind: 'runSummary', run, status: 'waiting', at };
    case 'RunPaused':
      return { kind: 'runSummary', run, status: 'paused', at };
    case 'ApprovalGiven':
    case 'CallbackAnswered':
    case 'RunResumed':
    case 'StepRetryRequested':
      return { kind: 'runSummary', run, status: 'running', at };
    case 'RunSucceeded':
      return { kind: 'runSummary', run, status: 'succeeded', at, endedAt: at };
    case 'RunFailed':
      return { kind: 'runSummary', run, status: 'failed', at, endedAt: at };
    case 'RunCancelled':
      return { kind: 'runSummary', run, status: 'cancelled', at, endedAt: at };
    default:
      return null;
  }
}
