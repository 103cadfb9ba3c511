import { describe, expect, it } from 'vitest';
import type { RunRecord, StepRecord } from '../runtime/record.js';
import { compareExpectation, formatMs, subsetMismatches } from './expect.js';
import { formatOutcome, formatPathDiff } from './report.js';

function step(s: Partial<StepRecord>): StepRecord {
  return { status: 'succeeded', attempts: 1, output: null, error: null, startedAt: null, endedAt: null, ...s };
}

const record: RunRecord = {
  id: 'r1',
  flow: 'web-app-deploy',
  status: 'failed',
  startedAt: '2026-01-01T00:00:00.000Z',
  endedAt: '2026-01-01T02:00:02.000Z',
  input: { environment: 'production' },
  vars: { app: 'shop', region: { name: 'eu', zones: 3 } },
  path: ['build', 'health-check', 'health-check', 'approve', 'rejected'],
  steps: {
    build: step({ output: { version: '1.4.2', files: 2 } }),
    'health-check': step({ attempts: 2 }),
    approve: step({ status: 'failed', error: { name: 'Timeout', message: 'approve: nobody answered before the deadline' } }),
    rejected: step({ status: 'failed', error: { name: 'Rejected', message: 'not approved' } }),
  },
  waitingFor: [],
  paused: null,
  error: { name: 'Rejected', message: 'production deploy was not approved' },
  mode: 'simulate',
  workdir: '/tmp/x',
  flowPath: '/flows/web-app-deploy.yaml',
};

describe('compareExpectation', () => {
  it('finds nothing when every stated field holds (subsets for vars and outputs)', () => {
    const mismatches = compareExpectation(
      {
        status: 'failed',
        path: ['build', 'health-check', 'health-check', 'approve', 'rejected'],
        pathIncludes: ['approve'],
        pathExcludes: ['deploy'],
        vars: { region: { name: 'eu' } },
        steps: { build: { output: { version: '1.4.2' } }, approve: { status: 'failed', error: { name: 'Timeout', message: 'nobody' } }, deploy: { status: 'pending', attempts: 0 } },
        error: { name: 'Rejected' },
        duration: '2h2s',
      },
      record,
    );
    expect(mismatches).toEqual([]);
  });

  it('reports each differing field with a dotted path', () => {
    const mismatches = compareExpectation(
      {
        status: 'succeeded',
        pathIncludes: ['deploy'],
        pathExcludes: ['rejected'],
        vars: { app: 'shop2' },
        steps: { 'health-check': { attempts: 3 }, build: { output: { files: [1] } }, done: { status: 'succeeded' } },
        error: null,
        duration: '20m',
      },
      record,
    );
    expect(mismatches.map((m) => m.field)).toEqual([
      'status', 'pathIncludes', 'pathExcludes', 'vars.app', 'steps.health-check.attempts', 'steps.build.output.files', 'steps.done.status', 'error', 'duration',
    ]);
    expect(mismatches.find((m) => m.field === 'duration')).toMatchObject({ expected: '20m', actual: '2h2s' });
  });

  it('matches mappings as subsets, lists by length and item, values exactly', () => {
    expect(subsetMismatches({ a: [{ b: 1 }] }, { a: [{ b: 1, c: 2 }], d: 4 }, 'o')).toEqual([]);
    expect(subsetMismatches({ a: [1] }, { a: [1, 2] }, 'o')).toEqual([{ kind: 'value', field: 'o.a', expected: [1], actual: [1, 2] }]);
    expect(subsetMismatches('1', 1, 'o')).toHaveLength(1);
    expect(subsetMismatches({ a: 1 }, null, 'o')).toHaveLength(1);
  });

  it('formats durations in the notation scenarios use', () => {
    expect([0, 600, 20 * 60_000 + 2000, 2 * 3600_000].map(formatMs)).toEqual(['0s', '0.6s', '20m2s', '2h']);
  });
});

describe('the diff text', () => {
  it('puts the paths side by side and marks the first difference', () => {
    const text = formatPathDiff(['build', 'health-check', 'approve', 'deploy'], ['build', 'health-check', 'health-check', 'approve', 'rejected'], 2);
    expect(text).toEqual([
      'path differs at step 3 (4 expected, 5 started):',
      '      expected      actual',
      '    1 build         build',
      '    2 health-check  health-check',
      '  → 3 approve       health-check',
      '    4 deploy        approve',
      '    5 (end)         rejected',
    ]);
  });

  it('prints ✗ with one line per mismatch under the scenario name', () => {
    const mismatches = compareExpectation({ status: 'succeeded', steps: { 'health-check': { attempts: 3 } }, pathExcludes: ['rejected'] }, record);
    expect(formatOutcome({ name: 'health check retries', passed: false, mismatches, notes: ['a note'] })).toBe(
      [
        '  ✗ health check retries',
        '      status: expected succeeded, got failed (Rejected: production deploy was not approved)',
        '      path: expected rejected not to start, but it did',
        '      steps.health-check.attempts: expected 3, got 2',
        '      note: a note',
      ].join('\n'),
    );
    expect(formatOutcome({ name: 'ok', passed: true, mismatches: [], notes: [] })).toBe('  ✓ ok');
  });
});
