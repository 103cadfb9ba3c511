/**
 * `flowsmith serve` and process deaths (issue #12 part 2): a run serve drives survives kill -9 and
 * is resumed by the next serve; SIGTERM stops serve gracefully with its runs resumable; serve and
 * a designer's engine process on one store never both drive a run or both fire a cron trigger.
 * Real processes, real SQLite, real shells; steps wait on gate files, so nothing here sleeps or
 * asserts a time.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isGone } from '../executors/test-helpers.js';
import { startEngine } from '../host/engine-client.js';
import type { EngineClient } from '../host/engine-client.js';
import { triggerLeaseKey } from '../host/trigger-lease.js';
import type { RunEvent } from '../runtime/events.js';
import { openJournal } from '../store/journal.js';
import type { Journal } from '../store/journal.js';
import { cliOnce, gatedFlow, openGate, post, serveBundles, serveWorld, spawnServe } from './serve-test-helpers.js';
import type { ServeProcess, ServeWorld } from './serve-test-helpers.js';

const poll = { timeout: 20_000, interval: 50 };
const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function track(serve: ServeProcess): ServeProcess {
  cleanups.push(async () => {
    if (serve.child.exitCode === null && serve.child.signalCode === null) serve.child.kill('SIGKILL');
    await serve.exited;
  });
  return serve;
}

function open(world: ServeWorld): Journal {
  const journal = openJournal(world.db);
  cleanups.push(() => journal.close());
  return journal;
}

const linesOf = (path: string) => readFileSync(path, 'utf8').split('\n').filter(Boolean);
const count = (journal: Journal, id: string, type: RunEvent['type'], step?: string) =>
  journal.events(id).filter((e) => e.event.type === type && (step === undefined || (e.event as { step?: string }).step === step)).length;

describe('flowsmith serve under process deaths', () => {
  it('resumes a run after kill -9 of serve when serve starts again (its step runs again: at least once)', async () => {
    const world = serveWorld('fs-serve-kill-');
    gatedFlow(world, 'deploy', ['{webhook: {name: go, secretEnv: HOOK_SECRET}}']);
    const { cli } = await serveBundles(world.dir);
    const first = track(await spawnServe(world, cli));
    const journal = open(world);
    const r = await post(`${first.url}/hooks/deploy/go`, { who: 'kill' });
    const id = r.json['run'] as string;
    await expect.poll(() => linesOf(join(world.gates, 'deploy.started')).length, poll).toBe(1);

    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    expect(journal.run(id)?.status).toBe('running');
    // The dead process's lease is still there; the next serve sees its owner is gone and takes over.
    expect(journal.leases.holder(id)?.owner).toMatch(new RegExp(`/${first.child.pid}/`));

    const second = track(await spawnServe(world, cli));
    await expect.poll(() => linesOf(join(world.gates, 'deploy.started')).length, poll).toBe(2);
    expect(journal.leases.holder(id)?.owner).toMatch(new RegExp(`/${second.child.pid}/`));
    openGate(world, 'deploy');
    await expect.poll(() => journal.run(id)?.status, poll).toBe('succeeded');
    expect(count(journal, id, 'StepStarted', 'wait')).toBe(2);
    expect(count(journal, id, 'StepSucceeded', 'wait')).toBe(1);
  });

  it('stops on SIGTERM with exit 0, leaving its run unfinished and its lease free, and a new serve finishes it', async () => {
    const world = serveWorld('fs-serve-term-');
    gatedFlow(world, 'deploy', ['{webhook: {name: go, secretEnv: HOOK_SECRET}}']);
    const { cli } = await serveBundles(world.dir);
    const first = track(await spawnServe(world, cli));
    const journal = open(world);
    const id = (await post(`${first.url}/hooks/deploy/go`, {})).json['run'] as string;
    await expect.poll(() => linesOf(join(world.gates, 'deploy.started')).length, poll).toBe(1);

    first.child.kill('SIGTERM');
    expect(await first.exited).toEqual({ code: 0, signal: null });
    expect(first.stderr()).toContain('SIGTERM: stopping');
    expect(journal.run(id)?.status).toBe('running');
    expect(journal.leases.holder(id)).toBeUndefined();
    expect(journal.leases.holder(triggerLeaseKey(world.root))).toBeUndefined();
    // The step's shell was stopped with serve, and its result was not journaled: the step is still open.
    const shell = Number(linesOf(join(world.gates, 'deploy.started'))[0]);
    await expect.poll(() => isGone(shell), poll).toBe(true);
    expect(count(journal, id, 'StepSucceeded') + count(journal, id, 'StepFailed')).toBe(0);
    await expect(fetch(`${first.url}/health`)).rejects.toThrow();

    track(await spawnServe(world, cli));
    openGate(world, 'deploy');
    await expect.poll(() => journal.run(id)?.status, poll).toBe('succeeded');
  });

  it('never lets serve and a designer engine process on one store both drive a run or both fire a cron trigger', async () => {
    const world = serveWorld('fs-serve-two-');
    const shipped = join(world.gates, 'shipped.lines');
    const flow = gatedFlow(world, 'approved', ['{webhook: {name: go, secretEnv: HOOK_SECRET}}'], [
      `after: {type: approval, approvers: [ops], message: "ship?", next: shipped}`,
      `shipped: {type: task, shell: 'echo "$PPID" >> ${shipped}'}`,
    ]);
    gatedFlow(world, 'ticking', ['{cron: "* * * * * *", input: {who: cron}}']);
    openGate(world, 'approved');
    openGate(world, 'ticking');
    const { cli, engine } = await serveBundles(world.dir);
    const journal = open(world);
    // A CLI run stops at the approval (exit 3) and lets its lease go: nobody drives the run now.
    const run = await cliOnce(world, cli, ['run', flow, '--workspace', world.root, '--json']);
    expect(run.exitCode).toBe(3);
    const id = (JSON.parse(run.stdout) as { id: string }).id;
    expect(journal.leases.holder(id)).toBeUndefined();

    // Both start at once on the same store and workspace: each resumes unfinished runs at start.
    const [serve, designer] = await Promise.all([
      spawnServe(world, cli).then(track),
      Promise.resolve(startEngine(['--db', world.db, '--root', world.root], engine)),
    ]);
    cleanups.push(() => (designer as EngineClient).close());
    await expect.poll(() => journal.leases.holder(id)?.owner ?? null, poll).not.toBeNull();
    const driver = journal.leases.holder(id)!.owner;
    expect([serve.child.pid, designer.child.pid].map((pid) => driver.includes(`/${pid}/`))).toContain(true);

    const approve = await cliOnce(world, cli, ['approve', id, 'after', '--as', 'ops', '--json']);
    expect(approve.exitCode).toBe(0);
    expect(JSON.parse(approve.stdout)).toMatchObject({ status: 'succeeded' });
    expect(linesOf(shipped)).toHaveLength(1);
    expect(count(journal, id, 'StepStarted', 'shipped')).toBe(1);
    expect(count(journal, id, 'ApprovalGiven')).toBe(1);

    // Cron: serve holds the workspace's trigger lease; the engine process fires nothing.
    await expect.poll(() => journal.runs({ flow: 'ticking', status: 'succeeded' }).length, poll).toBeGreaterThanOrEqual(3);
    expect(journal.leases.holder(triggerLeaseKey(world.root))?.owner).toMatch(new RegExp(`/${serve.child.pid}/serve-`));
    // The designer still lists the trigger, and says serve fires it.
    expect(await designer.call('listTriggers', {})).toEqual([expect.objectContaining({ flow: 'ticking', isFiredByServe: true })]);
    const fired = journal.runs({ flow: 'ticking' }).map((r) => {
      const first = journal.events(r.id)[0]!.event as Extract<RunEvent, { type: 'RunStarted' }>;
      return (first.trigger as { firedAt: string }).firedAt.slice(0, 19); // to the second
    });
    expect(new Set(fired).size).toBe(fired.length);
    // Each of those runs was driven by exactly one process: one start and one end of its step.
    for (const r of journal.runs({ flow: 'ticking', status: 'succeeded' })) expect(count(journal, r.id, 'StepStarted', 'wait')).toBe(1);
  });
});
