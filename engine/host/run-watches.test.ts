/** RunWatches: every run until a client engages, then only watched runs (counted); summaries always pass. */
import { describe, expect, it } from 'vitest';
import type { HostEvent } from './api.js';
import { RunWatches, runSummaryEvent } from './run-watches.js';

const ev = (run: string): HostEvent => ({ kind: 'runEvent', run, seq: 2, event: { type: 'RunSucceeded', at: 0 } });
const log = (run: string): HostEvent => ({ kind: 'stepLog', run, step: 'a', attempt: 1, stream: 'stdout', text: 'x' });

describe('RunWatches', () => {
  it('passes every run until the client watches one, then only watched runs', () => {
    const w = new RunWatches();
    expect(w.passes(ev('r1'))).toBe(true);
    w.watch('r1');
    expect(w.passes(ev('r1'))).toBe(true);
    expect(w.passes(log('r1'))).toBe(true);
    expect(w.passes(ev('r2'))).toBe(false);
    expect(w.passes(log('r2'))).toBe(false);
  });

  it('counts watches: two views of one run need two unwatches', () => {
    const w = new RunWatches();
    w.watch('r1');
    w.watch('r1');
    w.unwatch('r1');
    expect(w.streams('r1')).toBe(true);
    w.unwatch('r1');
    expect(w.streams('r1')).toBe(false);
    expect(w.watched()).toEqual([]);
  });

  it('always passes summaries and notifications', () => {
    const w = new RunWatches();
    w.watch('r1');
    expect(w.passes({ kind: 'runSummary', run: 'r9', status: 'failed', at: '2026-01-01T00:00:00.000Z' })).toBe(true);
    expect(w.passes({ kind: 'notification', title: 't', message: 'm' })).toBe(true);
  });
});

describe('runSummaryEvent', () => {
  it('summarises run-level events and ignores step events', () => {
    expect(runSummaryEvent('r1', { type: 'RunPaused', at: 0, reason: 'breakpoint', step: 'a' } as never)).toMatchObject({ status: 'paused' });
    expect(runSummaryEvent('r1', { type: 'RunFailed', at: 0, error: { name: 'E', message: 'm' } })).toMatchObject({
      status: 'failed',
      endedAt: '1970-01-01T00:00:00.000Z',
    });
    expect(runSummaryEvent('r1', { type: 'StepStarted', at: 0, step: 'a', attempt: 1 })).toBeNull();
  });
});
