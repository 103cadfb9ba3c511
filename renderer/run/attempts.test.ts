/** attemptsOf: a step that failed twice then succeeded is three attempts: failed, failed, succeeded. */
import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../engine/runtime/events';
import { attemptsOf } from './attempts';

const err = { name: 'ShellError', message: 'exit 1' };
const events: RunEvent[] = [
  { type: 'RunStarted', at: 0, run: 'r', flow: 'f', flowPath: '/f.yaml', input: {}, vars: {}, mode: 'run', semantics: 1, workdir: '/w', start: 'a' },
  { type: 'StepStarted', at: 1, step: 'a', attempt: 1 },
  { type: 'StepRetryScheduled', at: 2, step: 'a', attempt: 1, error: err, dueAt: 3 },
  { type: 'StepStarted', at: 3, step: 'a', attempt: 2 },
  { type: 'StepRetryScheduled', at: 4, step: 'a', attempt: 2, error: err, dueAt: 5 },
  { type: 'StepStarted', at: 5, step: 'a', attempt: 3 },
  { type: 'StepSucceeded', at: 6, step: 'a', output: null, next: ['b'] },
  { type: 'StepStarted', at: 7, step: 'b', attempt: 1 },
];

describe('attemptsOf', () => {
  it('keeps each attempt with its own outcome, times and error', () => {
    expect(attemptsOf(events).map((a) => [a.step, a.attempt, a.status, a.startedAt, a.endedAt])).toEqual([
      ['a', 1, 'failed', 1, 2],
      ['a', 2, 'failed', 3, 4],
      ['a', 3, 'succeeded', 5, 6],
      ['b', 1, 'running', 7, null],
    ]);
    expect(attemptsOf(events)[0]!.error).toEqual(err);
  });

  it('shows a wait step on its timer as waiting, not running (issue #10)', () => {
    const waiting: RunEvent[] = [...events, { type: 'TimerStarted', at: 8, step: 'b', dueAt: 7_200_008 }];
    expect(attemptsOf(waiting).at(-1)).toMatchObject({ step: 'b', status: 'waiting', endedAt: null });
  });

  it('reads only up to the cursor', () => {
    expect(attemptsOf(events, 4).map((a) => a.status)).toEqual(['failed', 'running']);
  });

  it('keeps each attempt’s own recorded input (StepInput)', () => {
    const withInputs: RunEvent[] = [
      ...events.slice(0, 2),
      { type: 'StepInput', at: 1, step: 'a', attempt: 1, input: { shell: { command: 'echo one' } } },
      ...events.slice(2, 4),
      { type: 'StepInput', at: 3, step: 'a', attempt: 2, input: { shell: { command: 'echo two' } } },
      // A late input of an earlier attempt never lands on the current one.
      { type: 'StepInput', at: 3, step: 'a', attempt: 1, input: { shell: { command: 'stale' } } },
    ];
    expect(attemptsOf(withInputs).map((a) => a.input)).toEqual([{ shell: { command: 'echo one' } }, { shell: { command: 'echo two' } }]);
  });

  it('shows an attempt waiting for its callback as waiting, then succeeded when answered', () => {
    const withCallback: RunEvent[] = [
      ...events.slice(0, 2),
      { type: 'CallbackWaiting', at: 2, step: 'a', attempt: 1, dueAt: 100 },
    ];
    expect(attemptsOf(withCallback).map((a) => a.status)).toEqual(['waiting']);
    const answered: RunEvent[] = [...withCallback, { type: 'StepSucceeded', at: 9, step: 'a', output: { ok: true }, next: [] }];
    expect(attemptsOf(answered).map((a) => [a.status, a.endedAt])).toEqual([['succeeded', 9]]);
  });
});
