/**
 * The designer's run view on a callback wait (issue #12 part 1): CallbackWaiting makes the step
 * `waiting` on the canvas (the engine's fold), the run `waiting`, and time travel across the
 * callback events equals a full fold.
 */
import { describe, expect, it } from 'vitest';
import type { JournalEntry, RunEvent } from '../../engine/runtime/events';
import { foldEvents, runStatusOf } from '../../engine/runtime/fold';
import { RunSession } from './run-session';

const T0 = Date.UTC(2026, 0, 1);
const events: RunEvent[] = [
  { type: 'RunStarted', at: T0, run: 'r1', flow: 'ci', flowPath: '/f/ci.yaml', input: {}, vars: {}, mode: 'run', semantics: 1, workdir: '/tmp/r1', start: 'build' },
  { type: 'StepStarted', at: T0, step: 'build', attempt: 1 },
  { type: 'CallbackWaiting', at: T0 + 1, step: 'build', attempt: 1, dueAt: T0 + 3_600_000 },
  { type: 'CallbackAnswered', at: T0 + 2, step: 'build', attempt: 1, output: { n: 1 } },
  { type: 'StepSucceeded', at: T0 + 3, step: 'build', output: { n: 1 }, next: [] },
  { type: 'RunSucceeded', at: T0 + 3 },
];

describe('a run session with a callback wait', () => {
  it('shows the step and the run waiting, then done; every cursor equals a full fold', () => {
    const s = new RunSession('r1');
    s.add(events.map((event, i): JournalEntry => ({ seq: i + 1, event })));
    const waiting = s.stateAt(3)!;
    expect(waiting.steps.build?.status).toBe('waiting');
    expect(runStatusOf(waiting)).toBe('waiting');
    expect(s.stateAt(6)!.steps.build).toMatchObject({ status: 'succeeded', output: { n: 1 }, callback: null });
    for (let at = 1; at <= events.length; at++) expect(s.stateAt(at)).toEqual(foldEvents(events.slice(0, at)));
    expect(s.attemptsAt().map((a) => a.status)).toEqual(['succeeded']);
  });
});
