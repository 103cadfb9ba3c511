/**
 * Callback waits in the pure transition and the fold (issue #12 part 1): no journal, clock or
 * shell. The token never appears here: the transition sees steps and attempts only.
 */
import { describe, expect, it } from 'vitest';
import type { Flow } from '../model/flow.js';
import type { RunEvent } from './events.js';
import { foldEvents, runStatusOf } from './fold.js';
import { toRunRecord } from './record.js';
import { RunRequestError } from './request-error.js';
import { transition } from './transition.js';
import type { TransitionInput } from './transition.js';

const T0 = Date.UTC(2026, 0, 1);
const HOUR = 3_600_000;

const flow: Flow = {
  flowsmith: '1.0',
  name: 'cb',
  start: 'build',
  steps: {
    build: { type: 'task', shell: 'curl ci', callback: { timeout: '1h' }, retry: { maxAttempts: 2, delay: '1s' }, next: 'done' },
    done: { type: 'succeed' },
  },
};

const events = (...more: RunEvent[]): RunEvent[] => [
  { type: 'RunStarted', at: T0, run: 'r1', flow: 'cb', flowPath: '/f/cb.yaml', input: {}, vars: {}, mode: 'run', semantics: 1, workdir: '/tmp/r1', start: 'build' },
  { type: 'StepStarted', at: T0, step: 'build', attempt: 1 },
  ...more,
];
const waiting: RunEvent = { type: 'CallbackWaiting', at: T0 + 1000, step: 'build', attempt: 1, dueAt: T0 + 1000 + HOUR };
const tick = (inFlight: string[] = []): TransitionInput => ({ kind: 'tick', inFlight: new Set(inFlight) });
const answer = (output: unknown, attempt = 1): TransitionInput => ({ kind: 'callback', step: 'build', attempt, answer: { output: output as null } });
const run = (evs: RunEvent[], input: TransitionInput, now = T0 + 2000) => transition(flow, foldEvents(evs), input, now, () => 0.5);

describe('callback waits', () => {
  it('journals CallbackWaiting when the executor succeeded, with the timeout counted from then; the run shows waiting', () => {
    const t = run(events(), { kind: 'attempt', step: 'build', attempt: 1, outcome: { kind: 'callbackWaiting' } }, T0 + 1000);
    expect(t.events).toEqual([waiting]);
    const state = foldEvents(events(waiting));
    expect(state.steps.build).toMatchObject({ status: 'waiting', callback: { attempt: 1, dueAt: T0 + 1000 + HOUR, answer: null } });
    expect(runStatusOf(state)).toBe('waiting');
    expect(toRunRecord(state).waitingForCallback).toEqual([{ step: 'build', attempt: 1, dueAt: new Date(T0 + 1000 + HOUR).toISOString() }]);
    // Nothing to do but wait: sleep until the deadline.
    expect(run(events(waiting), tick()).commands).toEqual([{ kind: 'wakeAt', dueAt: T0 + 1000 + HOUR }]);
  });

  it('records an answer, then the tick finishes the attempt; at the deadline it finishes as a timeout', () => {
    const answered = run(events(waiting), answer({ build: 42 }));
    expect(answered.events).toEqual([{ type: 'CallbackAnswered', at: T0 + 2000, step: 'build', attempt: 1, output: { build: 42 } }]);
    expect(run(events(waiting, ...answered.events), tick()).commands).toEqual([{ kind: 'finishCallback', step: 'build', attempt: 1 }]);
    expect(run(events(waiting), tick(), T0 + 1000 + HOUR).commands).toEqual([{ kind: 'finishCallback', step: 'build', attempt: 1 }]);
  });

  it('refuses an answer at the deadline, a second answer, and one for another attempt', () => {
    expect(run(events(waiting), answer(1), T0 + 1000 + HOUR)).toMatchObject({ events: [], refused: expect.stringMatching(/timed out at .*not counted/) });
    const answered: RunEvent = { type: 'CallbackAnswered', at: T0 + 2000, step: 'build', attempt: 1, output: 1 };
    expect(() => run(events(waiting, answered), answer(2))).toThrow(/already answered/);
    expect(() => run(events(waiting), answer(2, 2))).toThrow(RunRequestError);
    expect(() => run(events(waiting), answer(2, 2))).toThrow(/no longer waits for this callback \(it was for attempt 2/);
  });

  it('keeps an answer that came while the executor still ran, and does not run the executor again after a crash', () => {
    const early = run(events(), answer({ fast: true }));
    expect(early.events).toHaveLength(1);
    // The driver died before the executor's result: the answer stands, the step finishes from it.
    expect(run(events(...early.events), tick()).commands).toEqual([{ kind: 'finishCallback', step: 'build', attempt: 1 }]);
    const state = foldEvents(events(...early.events, waiting));
    expect(state.steps.build?.callback?.answer).toEqual({ output: { fast: true } });
  });

  it('a failed answer retries: the next attempt waits again, for its own token', () => {
    const failed = run(events(waiting), { kind: 'attempt', step: 'build', attempt: 1, outcome: { kind: 'failed', error: { name: 'BuildFailed', message: 'red' } } });
    expect(failed.events).toEqual([expect.objectContaining({ type: 'StepRetryScheduled', attempt: 1 })]);
    const state = foldEvents(events(waiting, ...failed.events));
    expect(state.steps.build).toMatchObject({ status: 'backing-off', callback: null });
    expect(run(events(waiting, ...failed.events), tick(), T0 + HOUR).events).toEqual([{ type: 'StepStarted', at: T0 + HOUR, step: 'build', attempt: 2 }]);
  });
});
