import { describe, expect, it } from 'vitest';
import type { JournalEntry, RunEvent } from '../../engine/runtime/events';
import { RunTracker } from './run-tracker';

const started: RunEvent = {
  type: 'RunStarted', at: 1000, run: 'r1', flow: 'f', flowPath: '/f.yaml', input: {}, vars: {},
  mode: 'run', semantics: 1, workdir: '/tmp/w', start: 'a',
};
const journal: JournalEntry[] = [
  { seq: 1, event: started },
  { seq: 2, event: { type: 'StepStarted', at: 1001, step: 'a', attempt: 1 } },
  { seq: 3, event: { type: 'StepSucceeded', at: 1002, step: 'a', output: { ok: true }, next: ['b'] } },
  { seq: 4, event: { type: 'StepStarted', at: 1003, step: 'b', attempt: 1 } },
];

describe('RunTracker', () => {
  it('folds events that arrive out of order and twice, each seq once', () => {
    const t = new RunTracker();
    expect(t.addEntries('r1', [journal[2]!, journal[1]!])).toBe(false); // nothing contiguous from 1 yet
    expect(t.handle({ kind: 'runEvent', run: 'r1', seq: 1, event: started })).toBe('r1');
    expect(t.addEntries('r1', journal)).toBe(true); // catch-up after startRun: only seq 4 is new
    const { state } = t.snapshot('r1');
    expect(state?.path).toEqual(['a', 'b']);
    expect(state?.steps.a?.status).toBe('succeeded');
    expect(state?.steps.b?.status).toBe('running');
    expect(t.lastSeq('r1')).toBe(4);
  });

  it('hands out copies, so the next event does not change what React holds', () => {
    const t = new RunTracker();
    t.addEntries('r1', journal.slice(0, 2));
    const before = t.snapshot('r1').state;
    t.addEntries('r1', journal.slice(2));
    expect(before?.steps.a?.status).toBe('running');
  });

  it('keeps log lines per run and replaces a step with stored lines', () => {
    const t = new RunTracker();
    t.handle({ kind: 'stepLog', run: 'r1', step: 'a', attempt: 1, stream: 'stdout', text: 'hel' });
    t.handle({ kind: 'stepLog', run: 'r1', step: 'b', attempt: 1, stream: 'stderr', text: 'oops' });
    t.setStepLogs('r1', 'a', [{ step: 'a', attempt: 1, stream: 'stdout', text: 'hello\n' }]);
    expect(t.snapshot('r1').logs.map((l) => l.text)).toEqual(['oops', 'hello\n']);
  });
});
