/**
 * The path of a run as attempts (issue #9 point 5): one entry per StepStarted, with that attempt's
 * own outcome, times and error, read from the journal up to a cursor. The fold keeps only a step's
 * latest status, which drew a step that failed twice and then succeeded as three green chips.
 */
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
}

/** Every attempt of every step among the first `upto` events, in start order. */
export function attemptsOf(events: readonly RunEvent[], upto = events.length): AttemptEntry[] {
  const out: AttemptEntry[] = [];
  const latest = new Map<string, AttemptEntry>();
  const end = (step: string, status: StepStatus, at: number, error: StepError | null = null) => {
    const a = latest.get(step);
    if (!a) return;
    a.status = status;
    a.endedAt = at;
    if (error) a.error = error;
  };
  for (let i = 0; i < Math.min(upto, events.length); i++) {
    const e = events[i]!;
    switch (e.type) {
      case 'StepStarted': {
        const a: AttemptEntry = { step: e.step, attempt: e.attempt, status: 'running', startedAt: e.at, endedAt: null, error: null };
        out.push(a);
        latest.set(e.step, a);
        break;
      }
      case 'StepRetryScheduled':
      case 'StepFailed':
        end(e.step, 'failed', e.at, e.error);
        break;
      case 'StepSucceeded':
        end(e.step, 'succeeded', e.at);
        break;
      case 'ApprovalRequested': {
        const a = latest.get(e.step);
        if (a) a.status = 'waiting';
        break;
      }
      case 'StepSkipped':
        end(e.step, 'skipped', e.at);
        break;
      case 'StepCancelled':
        end(e.step, 'cancelled', e.at);
        break;
      case 'StepCompensated':
        end(e.step, 'compensated', latest.get(e.step)?.endedAt ?? e.at);
        break;
      case 'RunFailed':
      case 'RunCancelled':
        // As the fold does: what was still running or waiting ends cancelled.
        for (const a of latest.values()) if (a.status === 'running' || a.status === 'waiting') end(a.step, 'cancelled', e.at);
        break;
      default:
        break;
    }
  }
  return out;
}
