/**
 * Trigger concurrency policy (issue #12 part 2): allow / forbid / queue, decided from the journal
 * (an unfinished run of the same flow whose RunStarted.trigger names the same trigger).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunDriver } from '../runtime/driver.js';
import { RunService } from '../service/run-service.js';
import { openJournal } from '../store/journal.js';
import { TriggerPolicy, isSameTrigger } from './trigger-policy.js';
import type { Firing, TriggerKey } from './trigger-policy.js';

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'fs-trigger-policy-'));
  const path = join(dir, 'quick.yaml');
  writeFileSync(path, 'flowsmith: "1.0"\nname: quick\nstart: a\nsteps: {a: {type: succeed}}\n');
  const journal = openJournal(':memory:');
  const service = new RunService({ journal, workRoot: join(dir, 'runs') });
  const reports: string[] = [];
  const policy = new TriggerPolicy({ journal, report: (m) => reports.push(m) });
  const drivers = new Map<string, RunDriver>();
  let n = 0;
  /** A firing of `key` whose start() journals RunStarted (not driven: the run stays unfinished). */
  const firing = (key: TriggerKey, p: Firing['policy']): Firing => ({
    flow: 'quick',
    key,
    policy: p,
    id: `run-${++n}`,
    start: (id) => drivers.set(id, service.startRun({ path, id, trigger: { ...key, firedAt: 'x' } })),
  });
  const finish = (id: string) => service.drive(drivers.get(id)!, { stopWhenWaiting: false });
  return { journal, policy, firing, finish, reports };
}

describe('TriggerPolicy', () => {
  it('allow starts every firing; forbid skips while a run of the same trigger is unfinished', async () => {
    const { policy, firing, finish, journal } = setup();
    const hook = { webhook: 'go' };
    expect(policy.dispatch(firing(hook, 'allow'))).toEqual({ kind: 'started', run: 'run-1' });
    expect(policy.dispatch(firing(hook, 'allow'))).toEqual({ kind: 'started', run: 'run-2' });
    expect(policy.dispatch(firing(hook, 'forbid'))).toEqual({ kind: 'skipped', blockedBy: 'run-1' });
    // Another trigger of the same flow is not blocked.
    expect(policy.dispatch(firing({ cron: '* * * * *' }, 'forbid'))).toEqual({ kind: 'started', run: 'run-4' });
    await finish('run-1');
    await finish('run-2');
    expect(policy.dispatch(firing(hook, 'forbid'))).toEqual({ kind: 'started', run: 'run-5' });
    expect(journal.run('run-3')).toBeUndefined();
  });

  it('queue starts firings in order, each when the previous run ended, with the ids it answered', async () => {
    const { policy, firing, finish, journal } = setup();
    const cron = { cron: '0 * * * *', timezone: 'UTC' };
    expect(policy.dispatch(firing(cron, 'queue')).kind).toBe('started');
    expect(policy.dispatch(firing(cron, 'queue'))).toEqual({ kind: 'queued', run: 'run-2', position: 1 });
    expect(policy.dispatch(firing(cron, 'queue'))).toEqual({ kind: 'queued', run: 'run-3', position: 2 });
    policy.pump();
    expect(journal.run('run-2')).toBeUndefined();
    await finish('run-1');
    policy.pump();
    expect(journal.run('run-2')).toBeDefined();
    expect(journal.run('run-3')).toBeUndefined();
    await finish('run-2');
    policy.pump();
    expect(journal.run('run-3')).toBeDefined();
    expect(policy.queued).toBe(0);
    policy.stop();
  });

  it('refuses past maxQueued and reports queued firings it drops on stop', () => {
    const { journal, firing, reports } = setup();
    const policy = new TriggerPolicy({ journal, maxQueued: 1, report: (m) => reports.push(m) });
    const hook = { webhook: 'go' };
    policy.dispatch(firing(hook, 'queue'));
    policy.dispatch(firing(hook, 'queue'));
    expect(policy.dispatch(firing(hook, 'queue'))).toEqual({ kind: 'full', blockedBy: 'run-1' });
    policy.stop();
    expect(reports).toEqual([expect.stringMatching(/dropped the queued firing of quick \(webhook "go"\), run run-2/)]);
  });

  it('matches recorded triggers by cron and time zone, or by webhook name', () => {
    expect(isSameTrigger({ cron: '0 * * * *', firedAt: 'x' }, { cron: '0 * * * *' })).toBe(true);
    expect(isSameTrigger({ cron: '0 * * * *', timezone: 'UTC' }, { cron: '0 * * * *' })).toBe(false);
    expect(isSameTrigger({ webhook: 'go' }, { webhook: 'go' })).toBe(true);
    expect(isSameTrigger({ webhook: 'go' }, { cron: 'go' })).toBe(false);
    expect(isSameTrigger(null, { webhook: 'go' })).toBe(false);
  });
});
