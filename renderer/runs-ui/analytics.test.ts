/** analyze: success rate over finished runs, runs per day, p50/p95 per step, frequent failures. */
import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../engine/host/api';
import type { RunRecord } from '../../engine/runtime/record';
import { analyze, quantile } from './analytics';

const summary = (id: string, status: string, startedAt: string): RunSummary => ({ id, flow: 'f', status, mode: 'run', startedAt, endedAt: null });
const record = (ms: number, failed = false): RunRecord =>
  ({
    steps: {
      build: {
        status: failed ? 'failed' : 'succeeded', attempts: 1, output: null, error: failed ? { name: 'ShellError', message: 'x' } : null,
        startedAt: '2026-12-05T00:00:00.000Z', endedAt: new Date(Date.parse('2026-12-05T00:00:00.000Z') + ms).toISOString(),
      },
    },
  }) as unknown as RunRecord;

describe('analyze', () => {
  it('computes the figures', () => {
    const a = analyze(
      [summary('1', 'succeeded', '2026-12-04T10:00:00Z'), summary('2', 'failed', '2026-12-05T10:00:00Z'), summary('3', 'waiting', '2026-12-05T11:00:00Z')],
      [record(100), record(300, true), record(200), record(1000)],
    );
    expect(a.successRate).toBe(0.5);
    expect(a.perDay).toEqual([
      { day: '2026-12-04', runs: 1, failed: 0 },
      { day: '2026-12-05', runs: 2, failed: 1 },
    ]);
    expect(a.steps).toEqual([{ step: 'build', p50: 200, p95: 1000, count: 4 }]);
    expect(a.failures).toEqual([{ what: 'build: ShellError', count: 1 }]);
  });

  it('takes quantiles by nearest rank', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2);
    expect(quantile([1, 2, 3, 4], 0.95)).toBe(4);
    expect(quantile([], 0.5)).toBe(0);
  });
});
