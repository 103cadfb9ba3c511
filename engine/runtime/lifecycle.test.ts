/**
 * A step's lifecycle is explicit in its status (issue #10 points 1 and 6): `running` only while an
 * attempt executes, `backing-off` until a retry is due, `waiting` on a wait step's timer, each
 * with the time it moves on; the run stays `running` (the engine moves it on, not a person).
 */
import { describe, expect, it } from 'vitest';
import type { Flow } from '../model/flow.js';
import { decide } from './decide.js';
import type { RunEvent } from './events.js';
import { foldEvents, runStatusOf } from './fold.js';
import { isMachineWork, stepUntil } from './state.js';

const flow: Flow = {
  flowsmith: '1.0',
  name: 'f',
  start: 'build',
  steps: {
    build: { type: 'task', shell: 'make', retry: { maxAttempts: 3, backoff: 'fixed', delay: '1h' }, next: 'soak' },
    soak: { type: 'wait', duration: '2h', next: 'gate' },
    gate: { type: 'approval', approvers: ['ops'], timeout: '1d' },
  },
};

const HOUR = 3_600_000;
const started: RunEvent = {
  type: 'RunStarted', at: 0, run: 'r', flow: 'f', flowPath: '/f.yaml', input: {}, vars: {}, mode: 'run', semantics: 1, workdir: '/tmp', start: 'build',
};
const history: RunEvent[] = [
  started,
  { type: 'StepStarted', at: 1, step: 'build', attempt: 1 },
  { type: 'StepRetryScheduled', at: 2, step: 'build', attempt: 1, error: { name: 'ShellExit', message: 'exit 2' }, dueAt: 2 + HOUR },
  { type: 'StepStarted', at: 2 + HOUR, step: 'build', attempt: 2 },
  { type: 'StepSucceeded', at: 3 + HOUR, step: 'build', output: null, next: ['soak'] },
  { type: 'StepStarted', at: 4 + HOUR, step: 'soak', attempt: 1 },
  { type: 'TimerStarted', at: 4 + HOUR, step: 'soak', dueAt: 4 + 3 * HOUR },
  { type: 'StepSucceeded', at: 4 + 3 * HOUR, step: 'soak', output: null, next: ['gate'] },
  { type: 'StepStarted', at: 5 + 3 * HOUR, step: 'gate', attempt: 1 },
  { type: 'ApprovalRequested', at: 5 + 3 * HOUR, step: 'gate', approvers: ['ops'], quorum: 1, message: 'ok?', dueAt: 5 + 27 * HOUR },
];

/** The state after the first `n` events. */
const after = (n: number) => foldEvents(history.slice(0, n));

describe('step lifecycle in its status', () => {
  it.each([
    // events folded, step, its status, when it moves on by itself, the run's shown status
    [2, 'build', 'running', null, 'running'],
    [3, 'build', 'backing-off', 2 + HOUR, 'running'],
    [4, 'build', 'running', null, 'running'],
    [6, 'soak', 'running', null, 'running'],
    [7, 'soak', 'waiting', 4 + 3 * HOUR, 'running'],
    [8, 'soak', 'succeeded', null, 'running'],
    [10, 'gate', 'waiting', 5 + 27 * HOUR, 'waiting'],
  ] as const)('after %i events %s is %s until %s; the run shows %s', (n, step, status, until, runStatus) => {
    const run = after(n);
    const s = run.steps[step]!;
    expect(s.status).toBe(status);
    expect(stepUntil(s)).toBe(until);
    expect(runStatusOf(run)).toBe(runStatus);
  });

  it('counts backoffs and timers as the engine’s work, approvals as people’s', () => {
    expect(isMachineWork(after(3).steps.build!)).toBe(true);
    expect(isMachineWork(after(7).steps.soak!)).toBe(true);
    expect(isMachineWork(after(10).steps.gate!)).toBe(false);
  });

  it('still retries a backing-off step and ends a waiting timer when due (also after a restart)', () => {
    expect(decide(flow, after(3), 2, new Set())).toEqual([{ kind: 'wakeAt', dueAt: 2 + HOUR }]);
    expect(decide(flow, after(3), 2 + HOUR, new Set())).toEqual([{ kind: 'executeStep', step: 'build', attempt: 2 }]);
    expect(decide(flow, after(7), 5 + HOUR, new Set())).toEqual([{ kind: 'wakeAt', dueAt: 4 + 3 * HOUR }]);
    expect(decide(flow, after(7), 4 + 3 * HOUR, new Set())).toEqual([{ kind: 'completeTimer', step: 'soak' }]);
  });

  it('cancels a step that was backing off or waiting on its timer', () => {
    const cancelled = foldEvents([...history.slice(0, 7), { type: 'RunCancelled', at: 5 + HOUR }]);
    expect(cancelled.steps.soak).toMatchObject({ status: 'cancelled', timerDueAt: null });
  });
});
