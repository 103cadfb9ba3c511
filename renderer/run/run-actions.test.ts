/**
 * Run actions over a fake host: showing a run watches it and unwatches the previous one; history
 * follows runSummary events; breakpoints are kept per flow file and sent to a live run of it; the
 * inbox lists the waiting approvals of every waiting run.
 */
import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../engine/host/api';
import type { Flow } from '../../engine/model/flow';
import { setup } from '../test-support';
import { fakeJournal } from './journal-fixture';
import { matchesFilter, sinceTime } from './run-actions';

const flow: Flow = { flowsmith: '1.0', name: 'big', start: 's0', steps: { s0: { type: 'succeed' } } };
const summary = (id: string, status = 'running'): RunSummary => ({ id, flow: 'big', status, mode: 'run', startedAt: '2026-12-05T10:00:00.000Z', endedAt: null });

describe('run actions', () => {
  it('watches the run on display only', async () => {
    const { actions, calls } = setup(flow, { getRun: ({ run }) => ({ record: {}, events: fakeJournal(run, 2) }) });
    await actions.runs.show('a');
    await actions.runs.show('b');
    expect(calls.filter((c) => /watch/i.test(c.method)).map((c) => [c.method, (c.params as { run: string }).run])).toEqual([
      ['watchRun', 'a'],
      ['unwatchRun', 'a'],
      ['watchRun', 'b'],
    ]);
    expect(actions.runs.sessions.isWatched('a')).toBe(false);
    expect(actions.runs.sessions.get('b')?.length).toBe(fakeJournal('b', 2).length);
  });

  it('keeps the history list live from run summaries', () => {
    const { actions, store } = setup(flow);
    store.getState().setHistory([summary('old', 'waiting')]);
    actions.runs.handle({ kind: 'runSummary', run: 'new', status: 'running', at: '2026-12-05T10:00:00.000Z', started: summary('new') });
    actions.runs.handle({ kind: 'runSummary', run: 'old', status: 'succeeded', at: 'x', endedAt: '2026-12-05T11:00:00.000Z' });
    expect(store.getState().history.map((h) => [h.id, h.status])).toEqual([
      ['new', 'running'],
      ['old', 'succeeded'],
    ]);
    // A run the filter excludes is not added.
    store.getState().setHistoryFilter({ mode: 'simulate' });
    actions.runs.handle({ kind: 'runSummary', run: 'x', status: 'running', at: 'x', started: summary('x') });
    expect(store.getState().history).toHaveLength(2);
  });

  it('toggles breakpoints per flow file and sends them to a live run of that file', async () => {
    const { actions, calls, store } = setup(flow, { getRun: ({ run }) => ({ record: {}, events: fakeJournal(run, 3).slice(0, 3) }) });
    store.getState().loadFlow('/w/big.yaml', flow, []);
    await actions.runs.show('r');
    await actions.runs.toggleBreakpoint('s1');
    await actions.runs.toggleBreakpoint('s2');
    await actions.runs.toggleBreakpoint('s1');
    expect(store.getState().breakpoints['/w/big.yaml']).toEqual(['s2']);
    expect(calls.filter((c) => c.method === 'setBreakpoints').map((c) => c.params)).toEqual([
      { run: 'r', steps: ['s1'] },
      { run: 'r', steps: ['s1', 's2'] },
      { run: 'r', steps: ['s2'] },
    ]);
  });

  it('lists every waiting approval of every waiting run in the inbox', async () => {
    const { actions, store } = setup(flow, {
      listRuns: () => [summary('r1', 'waiting'), summary('r2', 'waiting')],
      getRun: ({ run }) => ({
        record: { waitingFor: [{ step: `ask-${run}`, approvers: ['ops'], message: 'ok?', dueAt: null }] },
        events: [],
      }),
    });
    await actions.runs.refreshInbox();
    expect(store.getState().inbox.map((i) => `${i.run}/${i.step}`)).toEqual(['r1/ask-r1', 'r2/ask-r2']);
  });

  it('reads history filters', () => {
    const now = Date.parse('2026-12-05T12:00:00.000Z');
    expect(sinceTime('2h', now)).toBe('2026-12-05T10:00:00.000Z');
    expect(sinceTime('', now)).toBeUndefined();
    const f = { flow: 'big', status: '', since: '1h', mode: '' as const, children: false };
    expect(matchesFilter(summary('a'), f, now)).toBe(false);
    expect(matchesFilter({ ...summary('a'), startedAt: '2026-12-05T11:30:00.000Z' }, f, now)).toBe(true);
    const child = { ...summary('a'), startedAt: '2026-12-05T11:30:00.000Z', parent: { run: 'p', step: 's', index: 0 } };
    expect(matchesFilter(child, f, now)).toBe(false);
    // "Child runs" lists them too, as `flowsmith runs --all` does.
    expect(matchesFilter(child, { ...f, children: true }, now)).toBe(true);
  });

  it('asks the host for child runs only when "Child runs" is ticked', async () => {
    const { actions, store, calls } = setup(flow, { listRuns: () => [] });
    await actions.runs.refreshHistory();
    store.getState().setHistoryFilter({ children: true });
    await actions.runs.refreshHistory();
    const asked = calls.filter((c) => c.method === 'listRuns').map((c) => (c.params as { includeChildren?: boolean }).includeChildren);
    expect(asked).toEqual([undefined, true]);
  });
});
