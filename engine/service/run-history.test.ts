/**
 * Run history with the status people see: a run stored as running that only waits for an approval
 * is listed (and filtered) as waiting.
 */
import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../runtime/events.js';
import { foldEvents } from '../runtime/fold.js';
import { openJournal } from '../store/journal.js';
import { runHistory } from './run-history.js';

const started = (run: string, at: number): RunEvent => ({
  type: 'RunStarted', at, run, flow: 'deploy', flowPath: '/w/deploy.yaml', input: {}, vars: {}, mode: 'run', semantics: 1, workdir: '/tmp', start: 'a',
});

function store() {
  const journal = openJournal(':memory:');
  journal.createRun(started('busy', 1), 'h');
  journal.append('busy', 1, [{ type: 'StepStarted', at: 2, step: 'a', attempt: 1 }]);
  for (const [id, at] of [['wait1', 3], ['wait2', 4]] as const) {
    journal.createRun(started(id, at), 'h');
    journal.append(id, 1, [
      { type: 'StepStarted', at: at + 1, step: 'a', attempt: 1 },
      { type: 'ApprovalRequested', at: at + 1, step: 'a', approvers: ['ops'], quorum: 1, message: 'ok?', dueAt: null },
    ]);
  }
  journal.createRun(started('done', 9), 'h');
  journal.append('done', 1, [{ type: 'RunSucceeded', at: 10 }]);
  const source = { journal, state: (id: string) => foldEvents(journal.events(id).map((e) => e.event)) };
  return source;
}

describe('runHistory', () => {
  it('shows a run that only waits for people as waiting, and filters on that', () => {
    const source = store();
    expect(runHistory(source).map((r) => [r.id, r.status])).toEqual([
      ['done', 'succeeded'],
      ['wait2', 'waiting'],
      ['wait1', 'waiting'],
      ['busy', 'running'],
    ]);
    expect(runHistory(source, { status: 'waiting' }).map((r) => r.id)).toEqual(['wait2', 'wait1']);
    expect(runHistory(source, { status: 'waiting', limit: 1 }).map((r) => r.id)).toEqual(['wait2']);
    expect(runHistory(source, { status: 'running' }).map((r) => r.id)).toEqual(['busy']);
    expect(runHistory(source, { status: 'succeeded' })[0]).toEqual({
      id: 'done', flow: 'deploy', status: 'succeeded', mode: 'run',
      startedAt: '1970-01-01T00:00:00.009Z', endedAt: '1970-01-01T00:00:00.010Z', trigger: null, parent: null, version: null,
    });
  });
});
