import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openJournal } from '../store/journal.js';
import { MAX_SCENARIO_EVENTS, mockSource, runScenario } from './runner.js';
import type { ResolvedScenario, Scenario } from './scenario.js';

const dir = mkdtempSync(join(tmpdir(), 'fs-runner-'));
const marker = join(dir, 'MARKER');
const START = Date.UTC(2026, 0, 1);

function flowFile(name: string, lines: string[]): string {
  const path = join(dir, `${name}.yaml`);
  writeFileSync(path, ['flowsmith: "1.0"', `name: ${name}`, ...lines, ''].join('\n'));
  return path;
}

function scenario(s: Partial<Scenario>): ResolvedScenario {
  const base: Scenario = { name: 'test', expect: { status: 'succeeded' }, ...s };
  return { ...base, index: 0, source: base, input: base.input ?? {}, mocks: base.mocks ?? {}, approvals: base.approvals ?? {} };
}

const retrying = flowFile('retrying', [
  'start: call',
  'steps:',
  '  call: {type: task, http: {method: GET, url: "http://127.0.0.1:9/health"}, retry: {maxAttempts: 5, delay: 1s}, next: touch}',
  `  touch: {type: task, shell: "touch ${marker}"}`,
]);

const gated = flowFile('gated', [
  'start: approve',
  'steps:',
  '  approve: {type: approval, approvers: [ops-manager, tech-lead], timeout: 2h, next: done, onTimeout: late}',
  '  done: {type: succeed}',
  '  late: {type: fail, error: TooLate}',
]);

const open = flowFile('open-gate', [
  'start: approve',
  'steps:',
  '  approve: {type: approval, approvers: [ops-manager], next: done}',
  '  done: {type: succeed}',
]);

const looping = flowFile('looping', [
  'start: a',
  'steps:',
  '  a: {type: task, shell: "true", catch: [{errors: [Boom], next: pause}], next: done}',
  '  pause: {type: wait, duration: 1m, next: a}',
  '  done: {type: succeed}',
]);

const elapsed = (r: { startedAt: string; endedAt: string | null }) => Date.parse(r.endedAt!) - Date.parse(r.startedAt);

describe('mocks per attempt', () => {
  it('answers attempt n with item n and repeats the last; a single mock answers every attempt', () => {
    const mockFor = mockSource({ a: [{ output: 1 }, { output: 2 }], b: { output: 'b' } });
    expect([1, 2, 3, 9].map((n) => mockFor('a', n)?.output)).toEqual([1, 2, 2, 2]);
    expect(mockFor('b', 4)?.output).toBe('b');
    expect(mockFor('c', 1)).toBeUndefined();
  });

  it('fails twice then succeeds: 3 attempts, retry delays in virtual time, nothing runs for real', async () => {
    const failure = { error: { name: 'HttpStatus', message: 'GET /health answered 503' } };
    const run = await runScenario(retrying, scenario({ mocks: { call: [failure, failure, { output: { status: 200 } }] } }), {
      journal: openJournal(':memory:'),
    });
    expect(run.record.status).toBe('succeeded');
    expect(run.record.path).toEqual(['call', 'call', 'call', 'touch']);
    expect(run.record.steps.call).toMatchObject({ status: 'succeeded', attempts: 3, output: { status: 200 } });
    expect(run.record.startedAt).toBe(new Date(START).toISOString());
    expect(elapsed(run.record)).toBe(2000); // two 1 s retry delays
    expect(existsSync(marker)).toBe(false); // the shell step did not run
  });
});

describe('approvals in virtual time', () => {
  it('answers 20 minutes after the request: the run ends exactly 20 minutes after it started', async () => {
    const journal = openJournal(':memory:');
    const answer = { by: 'ops-manager', verdict: 'approve' as const, after: '20m', comment: 'go' };
    const run = await runScenario(gated, scenario({ approvals: { approve: [answer] } }), { journal });
    expect(run.record.status).toBe('succeeded');
    expect(run.record.startedAt).toBe('2026-01-01T00:00:00.000Z');
    expect(run.record.endedAt).toBe('2026-01-01T00:20:00.000Z');
    const given = journal.events(run.record.id).find((e) => e.event.type === 'ApprovalGiven')!.event;
    expect(given).toMatchObject({ by: 'ops-manager', verdict: 'approve', comment: 'go', at: START + 20 * 60_000 });
    expect(run.notes).toEqual([]);
  });

  it('waits until the 2 h timeout when the scenario does not answer, and notes an answer that comes too late', async () => {
    const late = { by: 'tech-lead', verdict: 'approve' as const, after: '3h' };
    const run = await runScenario(gated, scenario({ approvals: { approve: [late] } }), { journal: openJournal(':memory:') });
    expect(run.record.status).toBe('failed');
    expect(run.record.error?.name).toBe('TooLate');
    expect(run.record.steps.approve?.error?.name).toBe('Timeout');
    expect(elapsed(run.record)).toBe(2 * 3600_000);
    expect(run.notes).toEqual(["tech-lead's approve of approve (after 3h) was not given: the run ended first"]);
  });

  it('moves an approval without a deadline on when its answer is due, and stays waiting without one', async () => {
    const answered = await runScenario(open, scenario({ approvals: { approve: [{ by: 'ops-manager', verdict: 'approve', after: '1d' }] } }), {
      journal: openJournal(':memory:'),
    });
    expect(answered.record.status).toBe('succeeded');
    expect(elapsed(answered.record)).toBe(86_400_000);
    const unanswered = await runScenario(open, scenario({}), { journal: openJournal(':memory:') });
    expect(unanswered.record.status).toBe('waiting');
    expect(unanswered.record.waitingFor).toEqual([expect.objectContaining({ step: 'approve' })]);
  });

  it('overrides scenario input fields with options.input and starts at the given virtual time', async () => {
    const run = await runScenario(gated, scenario({ input: { a: 1, b: 1 }, approvals: { approve: [{ by: 'ops-manager', verdict: 'reject' }] } }), {
      journal: openJournal(':memory:'),
      input: { b: 2 },
      startAt: Date.UTC(2030, 5, 1),
    });
    expect(run.record.input).toEqual({ a: 1, b: 2 });
    expect(run.record.startedAt).toBe('2030-06-01T00:00:00.000Z');
    expect(run.record.steps.approve?.error?.name).toBe('Rejected');
    expect(run.record.endedAt).toBe(run.record.startedAt); // answered at once (after defaults to 0s)
  });
});

describe('a flow that loops for ever with its mocks', () => {
  it('is cancelled after MAX_SCENARIO_EVENTS events, with a note', async () => {
    const run = await runScenario(looping, scenario({ mocks: { a: { error: { name: 'Boom' } } } }), { journal: openJournal(':memory:') });
    expect(run.record.status).toBe('cancelled');
    expect(run.notes).toEqual([`cancelled after ${MAX_SCENARIO_EVENTS} events: the flow seems to loop for ever with these mocks`]);
  });
});
