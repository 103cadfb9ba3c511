/**
 * Listing runs (`flowsmith runs`, DESIGN.md "Interfaces"): every RunFilter field narrows the list
 * in SQL, so `limit` counts matching runs; trigger and parent come from each run's RunStarted.
 */
import { describe, expect, it } from 'vitest';
import type { Json } from '../model/flow.js';
import type { RunEvent, RunMode } from '../runtime/events.js';
import { openJournal } from './journal.js';

function started(run: string, at: number, more: { flow?: string; mode?: RunMode; trigger?: Json; parent?: { run: string; step: string; index: number } } = {}): RunEvent {
  const { flow = 'deploy', mode = 'run', ...rest } = more;
  return { type: 'RunStarted', at, run, flow, flowPath: `/w/${flow}.yaml`, input: {}, vars: {}, mode, semantics: 1, workdir: '/tmp', start: 'a', ...rest };
}

/** Runs r1…r6, one a millisecond apart: two triggered, one simulated, two children of r3. */
function history() {
  const j = openJournal(':memory:');
  j.createRun(started('r1', 1, { trigger: { cron: '0 2 * * *', firedAt: '1970-01-01T00:00:00.001Z' } }), 'h');
  j.createRun(started('r2', 2, { flow: 'backup', mode: 'simulate' }), 'h');
  j.createRun(started('r3', 3, { flow: 'backup' }), 'h');
  j.createRun(started('r4', 4, { flow: 'backup', parent: { run: 'r3', step: 'each', index: 0 } }), 'h');
  j.createRun(started('r5', 5, { flow: 'backup', parent: { run: 'r3', step: 'each', index: 1 } }), 'h');
  j.createRun(started('r6', 6, { trigger: { cron: '*/5 * * * *', timezone: 'Asia/Shanghai', firedAt: 'x' } }), 'h');
  j.append('r1', 1, [{ type: 'RunSucceeded', at: 10 }]);
  j.append('r3', 1, [{ type: 'RunFailed', at: 11, error: { name: 'ShellExit', message: 'exit 1' } }]);
  return j;
}

const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

describe('Journal.runs filters', () => {
  it('reads trigger and parent from RunStarted, null when a run has none', () => {
    const j = history();
    expect(j.run('r6')).toMatchObject({ trigger: { cron: '*/5 * * * *', timezone: 'Asia/Shanghai' }, parent: null });
    expect(j.run('r4')).toMatchObject({ trigger: null, parent: { run: 'r3', step: 'each', index: 0 } });
    expect(ids(j.runs())).toEqual(['r6', 'r5', 'r4', 'r3', 'r2', 'r1']);
  });

  it('narrows by flow, stored status, start time and mode', () => {
    const j = history();
    expect(ids(j.runs({ flow: 'backup' }))).toEqual(['r5', 'r4', 'r3', 'r2']);
    expect(ids(j.runs({ status: 'failed' }))).toEqual(['r3']);
    expect(ids(j.runs({ sinceMs: 5 }))).toEqual(['r6', 'r5']);
    expect(ids(j.runs({ mode: 'simulate' }))).toEqual(['r2']);
    expect(ids(j.runs({ flow: 'backup', mode: 'run', sinceMs: 3 }))).toEqual(['r5', 'r4', 'r3']);
  });

  it('tells triggered runs and child runs apart, and limits after filtering', () => {
    const j = history();
    expect(ids(j.runs({ isTriggered: true }))).toEqual(['r6', 'r1']);
    expect(ids(j.runs({ isTriggered: false, isChild: false }))).toEqual(['r3', 'r2']);
    expect(ids(j.runs({ isChild: true }))).toEqual(['r5', 'r4']);
    expect(ids(j.runs({ isChild: false, limit: 3 }))).toEqual(['r6', 'r3', 'r2']);
  });

  it('counts a trigger written as JSON null as no trigger', () => {
    const j = openJournal(':memory:');
    j.createRun(started('n1', 1, { trigger: null }), 'h');
    expect(j.run('n1')?.trigger).toBeNull();
    expect(ids(j.runs({ isTriggered: true }))).toEqual([]);
    expect(ids(j.runs({ isTriggered: false }))).toEqual(['n1']);
  });
});
