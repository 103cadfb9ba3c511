/**
 * The path of a run as attempts (issue #9 point 5): one entry per StepStarted, with that attempt's
 * own outcome, times and error, read from the journal up to a cursor. The fold keeps only a step's
 * latest status, which drew a step that failed twice and then succeeded as three green chips.
 */
import type { Json } from '../../engine/model/flow';
import type { RunEvent, StepError } from '../../engine/runtime/events';
import type { StepStatus } from '../../engine/runtime/state';

/** One attempt of one step as the journal tells it. Times are epoch ms (virtual in simulations). */
export interface AttemptEntry {
  step: string;
  attempt: number;
  status: StepStatus;
  startedAt: number;
  endedAt: number | null;
  error: StepError | null;
  /** What the attempt was given after interpolation (StepInput: command, request, message, bindings), when recorded. */
  input?: Json;
}

/**
 * Attempts built one event at a time (O(1) per event): RunSession keeps one for the live end of
 * each run, so the path is never recomputed from the whole journal while a run streams.
 */
export class AttemptLog {
  /** Every attempt so far, in start order (changed in place as events arrive). */
  readonly attempts: AttemptEntry[] = [];
  private readonly latest = new Map<string, AttemptEntry>();
  /** The attempts still running or waiting, for RunFailed/RunCancelled. */
  private readonly open = new Set<AttemptEntry>();

  private end(step: string, status: StepStatus, at: number, error: StepError | null = null): void {
    const a = this.latest.get(step);
    if (!a) return;
    a.status = status;
    a.endedAt = at;
    if (error) a.error = error;
    this.open.delete(a);
  }

  /** Applies one journal event. */
  add(e: RunEvent): void {
    switch (e.type) {
      case 'StepStarted': {
        const a: AttemptEntry = { step: e.step, attempt: e.attempt, status: 'running', startedAt: e.at, endedAt: null, error: null };
        this.attempts.push(a);
        this.latest.set(e.step, a);
        this.open.add(a);
        break;
      }
      case 'StepInput': {
        const a = this.latest.get(e.step);
        if (a && a.attempt === e.attempt) a.input = e.input;
        break;
      }
      case 'StepRetryScheduled':
      case 'StepFailed':
        this.end(e.step, 'failed', e.at, e.error);
        break;
      case 'StepSucceeded':
        this.end(e.step, 'succeeded', e.at);
        break;
      case 'ApprovalRequested':
      case 'CallbackWaiting':
      case 'TimerStarted': {
        // Waiting for people, an outside system's callback, or on a wait step's timer: not running (issue #10), so not animated.
        const a = this.latest.get(e.step);
        if (a) a.status = 'waiting';
        break;
      }
      case 'StepSkipped':
        this.end(e.step, 'skipped', e.at);
        break;
      case 'StepCancelled':
        this.end(e.step, 'cancelled', e.at);
        break;
      case 'StepCompensated': {
        const a = this.latest.get(e.step);
        if (a) a.status = 'compensated';
        break;
      }
      case 'RunFailed':
      case 'RunCancelled':
        // As the fold does: what was still running or waiting ends cancelled.
        for (const a of [...this.open]) this.end(a.step, 'cancelled', e.at);
        break;
      default:
        break;
    }
  }
}

/** Every attempt of every step among the first `upto` events, in start order. */
export function attemptsOf(events: readonly RunEvent[], upto = events.length): AttemptEntry[] {
  const log = new AttemptLog();
  for (let i = 0; i < Math.min(upto, events.length); i++) log.add(events[i]!);
  return log.attempts;
}
