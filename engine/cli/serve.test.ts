/**
 * `flowsmith serve` for real (issue #12 part 2): a spawned serve process from today's sources on a
 * real SQLite store, answering real HTTP on 127.0.0.1. Webhooks (202 and the run completes, 401,
 * 404, 400 with located errors, 409 under forbid, a queue, 413, 415), a cron trigger firing with no
 * designer running, `flowsmith approve` from the CLI carried out by serve, and the callbacks route.
 * Steps wait on gate files the tests open; nothing sleeps or asserts a time.
 */
import { existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { triggerLeaseKey } from '../host/trigger-lease.js';
import { openJournal } from '../store/journal.js';
import type { Journal } from '../store/journal.js';
import type { RunEvent } from '../runtime/events.js';
import { cliOnce, gatedFlow, openGate, post, serveBundles, serveWorld, spawnServe } from './serve-test-helpers.js';
import type { ServeProcess, ServeWorld } from './serve-test-helpers.js';

let world: ServeWorld;
let cli: string;
let serve: ServeProcess;
let journal: Journal;

const started = (id: string) => journal.events(id)[0]!.event as Extract<RunEvent, { type: 'RunStarted' }>;
const statusOf = (id: string) => journal.run(id)?.status;
const poll = { timeout: 15_000, interval: 50 };

beforeAll(async () => {
  world = serveWorld('fs-serve-');
  gatedFlow(world, 'deploy', ['{webhook: {name: go, secretEnv: HOOK_SECRET}}', '{webhook: {name: unset, secretEnv: FLOWSMITH_TEST_UNSET_SECRET}}'], []);
  writeFileSync(
    join(world.root, 'typed.yaml'),
    [
      'flowsmith: "1.0"',
      'name: typed-flow',
      'inputs: {type: object, properties: {version: {type: string}, replicas: {type: integer}}, required: [version]}',
      'triggers: [{webhook: {name: go, secretEnv: HOOK_SECRET}}]',
      'start: a',
      'steps: {a: {type: succeed}}',
      '',
    ].join('\n'),
  );
  gatedFlow(world, 'single', ['{webhook: {name: go, secretEnv: HOOK_SECRET}, concurrency: forbid}']);
  gatedFlow(world, 'queued', ['{webhook: {name: go, secretEnv: HOOK_SECRET}, concurrency: queue}']);
  gatedFlow(world, 'ticking', ['{cron: "* * * * * *", concurrency: forbid, input: {who: cron}}']);
  gatedFlow(world, 'approved', ['{webhook: {name: go, secretEnv: HOOK_SECRET}}'], [
    `after: {type: approval, approvers: [ops], message: "ship?", next: shipped}`,
    `shipped: {type: task, shell: 'echo shipped >> ${join(world.gates, 'shipped.lines')}'}`,
  ]);
  writeFileSync(
    join(world.root, 'leaky.yaml'),
    'flowsmith: "1.0"\nname: leaky\ntriggers: [{webhook: {name: go, secretEnv: HOOK_PW}}]\nstart: a\nsteps: {a: {type: task, shell: \'echo "pw=$HOOK_PW"\'}}\n',
  );
  world.env['HOOK_PW'] = 'pw-7c1e9b3d';
  // A task that opens a "ticket" and waits for the outside system to answer its callback token.
  writeFileSync(
    join(world.root, 'ticket.yaml'),
    [
      'flowsmith: "1.0"',
      'name: ticket',
      'triggers: [{webhook: {name: go, secretEnv: HOOK_SECRET}}]',
      'start: open',
      'steps:',
      `  open: {type: task, shell: 'printf %s "$FLOWSMITH_CALLBACK_TOKEN" > ${join(world.gates, 'ticket.token')}', callback: {timeout: 1h}, next: done}`,
      '  done: {type: succeed}',
      '',
    ].join('\n'),
  );
  cli = (await serveBundles(world.dir)).cli;
  serve = await spawnServe(world, cli);
  journal = openJournal(world.db);
});

afterAll(async () => {
  serve?.child.kill('SIGTERM');
  await serve?.exited;
  journal?.close();
});

describe('flowsmith serve', () => {
  it('prints its 127.0.0.1 URL first and answers /health', async () => {
    expect(serve.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${serve.url}/health`);
    expect(await res.json()).toEqual({ service: 'flowsmith', pid: serve.child.pid });
  });

  it('starts a run from a webhook with the body as input (202), records the hook, and the run completes', async () => {
    const r = await post(`${serve.url}/hooks/deploy/go`, { who: 'webhook; rm -rf /' });
    expect(r.status).toBe(202);
    const id = r.json['run'] as string;
    expect(started(id)).toMatchObject({ flow: 'deploy', input: { who: 'webhook; rm -rf /' }, trigger: { webhook: 'go' } });
    openGate(world, 'deploy');
    await expect.poll(() => statusOf(id), poll).toBe('succeeded');
    // The body reached the shell as a value, not as code.
    expect(journal.logs(id).map((l) => l.text).join('')).toContain('hello webhook; rm -rf /');
    const runs = await cliOnce(world, cli, ['runs', '--flow', 'deploy']);
    expect(runs.stdout).toMatch(new RegExp(`${id}.*webhook "go"`));
  });

  it('refuses a missing or wrong secret, and every call while the secret variable is unset (401)', async () => {
    const url = `${serve.url}/hooks/deploy/go`;
    expect((await post(url, {}, { secret: null })).status).toBe(401);
    expect((await post(url, {}, { secret: 'wrong' })).status).toBe(401);
    expect((await post(url, {}, { secret: `${world.env.HOOK_SECRET!}x` })).status).toBe(401);
    const unset = await post(`${serve.url}/hooks/deploy/unset`, {}, { secret: '' });
    expect(unset.status).toBe(401);
    expect((await post(`${serve.url}/hooks/deploy/unset`, {}, { secret: 'anything' })).status).toBe(401);
    expect(serve.stderr()).toContain('set FLOWSMITH_TEST_UNSET_SECRET in the environment of flowsmith serve');
    expect(journal.runs({ flow: 'deploy' }).length).toBe(1);
  });

  it('answers 404 for unknown flows and hooks, and for paths that try to leave the workspace', async () => {
    writeFileSync(join(world.dir, 'outside.yaml'), readFileSync(join(world.root, 'deploy.yaml')));
    symlinkSync(join(world.dir, 'outside.yaml'), join(world.root, 'link.yaml'));
    expect((await post(`${serve.url}/hooks/link/go`, {})).status).toBe(404);
    for (const path of ['nothing/go', 'deploy/nope', 'typed-flow/go', '..%2Foutside/go', '%2E%2E/outside/go', '..%5Coutside/go', 'deploy.yaml/go', 'deploy/go/extra', '.%2Fdeploy/go', 'deploy%00/go']) {
      const r = await post(`${serve.url}/hooks/${path}`, {});
      expect(r.status, path).toBe(404);
    }
    expect((await post(`${serve.url}/other`, {})).status).toBe(404);
  });

  it('answers 400 with located input errors, 415 for a body that is not JSON and 413 over 1 MiB', async () => {
    const url = `${serve.url}/hooks/typed/go`;
    const bad = await post(url, { replicas: 'three' });
    expect(bad.status).toBe(400);
    expect(bad.json['problems']).toEqual(
      expect.arrayContaining([
        { path: '/version', message: expect.stringContaining("required property 'version'") },
        { path: '/replicas', message: expect.stringContaining('must be integer') },
      ]),
    );
    expect((await post(url, [1, 2])).status).toBe(400);
    expect((await post(url, null, { raw: '' })).json['problems']).toEqual([{ path: '/version', message: expect.stringContaining('required') }]);
    expect((await post(url, null, { raw: '{"version": ' })).json['error']).toMatch(/not valid JSON/);
    expect((await post(url, { version: '1' }, { contentType: 'text/plain' })).status).toBe(415);
    const big = await post(url, null, { raw: JSON.stringify({ version: 'x'.repeat(1024 * 1024) }) });
    expect(big.status).toBe(413);
    const ok = await post(url, { version: '1.0', replicas: 2 });
    expect(ok.status).toBe(202);
    await expect.poll(() => statusOf(ok.json['run'] as string), poll).toBe('succeeded');
  });

  it('answers 409 under concurrency forbid while the hook run is unfinished, and starts again once it ends', async () => {
    const url = `${serve.url}/hooks/single/go`;
    const first = await post(url, { who: 'one' });
    expect(first.status).toBe(202);
    const second = await post(url, { who: 'two' });
    expect(second).toEqual({ status: 409, json: { error: expect.stringMatching(/forbid/), run: first.json['run'] } });
    openGate(world, 'single');
    await expect.poll(() => statusOf(first.json['run'] as string), poll).toBe('succeeded');
    const third = await post(url, { who: 'three' });
    expect(third.status).toBe(202);
    await expect.poll(() => statusOf(third.json['run'] as string), poll).toBe('succeeded');
    expect(journal.runs({ flow: 'single' }).length).toBe(2);
  });

  it('queues a firing under concurrency queue and starts it, with the id it answered, when the earlier run ends', async () => {
    const url = `${serve.url}/hooks/queued/go`;
    const first = await post(url, { who: 'first' });
    const second = await post(url, { who: 'second' });
    expect(second).toEqual({ status: 202, json: { run: expect.any(String), queued: 1 } });
    const [a, b] = [first.json['run'] as string, second.json['run'] as string];
    expect(journal.run(b)).toBeUndefined();
    openGate(world, 'queued');
    await expect.poll(() => statusOf(b), poll).toBe('succeeded');
    const aEnded = journal.events(a).at(-1)!;
    expect(aEnded.event.type).toBe('RunSucceeded');
    expect(started(b).at).toBeGreaterThanOrEqual(aEnded.event.at);
    expect(started(b).input).toEqual({ who: 'second' });
  });

  it('fires a cron trigger with no designer running, under the trigger lease, skipping firings while its run is unfinished', async () => {
    await expect.poll(() => journal.runs({ flow: 'ticking' }).length, poll).toBeGreaterThan(0);
    const [run] = journal.runs({ flow: 'ticking' });
    expect(started(run!.id)).toMatchObject({ input: { who: 'cron' }, trigger: { cron: '* * * * * *' } });
    const lease = journal.leases.holder(triggerLeaseKey(world.root));
    expect(lease?.owner).toMatch(new RegExp(`/${serve.child.pid}/serve-`));
    // forbid: while the first run waits at its gate, later firings are skipped.
    expect(journal.runs({ flow: 'ticking' }).length).toBe(1);
    openGate(world, 'ticking');
    await expect.poll(() => statusOf(run!.id), poll).toBe('succeeded');
    await expect.poll(() => journal.runs({ flow: 'ticking' }).length, poll).toBeGreaterThan(1);
  });

  it('carries out `flowsmith approve` from the CLI for a run serve drives', async () => {
    openGate(world, 'approved');
    const r = await post(`${serve.url}/hooks/approved/go`, {});
    const id = r.json['run'] as string;
    await expect.poll(() => journal.events(id).some((e) => e.event.type === 'ApprovalRequested'), poll).toBe(true);
    expect(journal.leases.holder(id)?.owner).toMatch(new RegExp(`/${serve.child.pid}/`));
    const approve = await cliOnce(world, cli, ['approve', id, 'after', '--as', 'ops', '--json']);
    expect(approve.stderr).toBe('');
    expect(approve.exitCode).toBe(0);
    expect(JSON.parse(approve.stdout)).toMatchObject({ id, status: 'succeeded' });
    expect(readFileSync(join(world.gates, 'shipped.lines'), 'utf8')).toBe('shipped\n');
    // The request went through the lease to serve, which journaled the answer.
    const handed = journal.db.prepare('SELECT COUNT(*) AS n FROM run_requests WHERE run_id = ? AND done_at IS NOT NULL AND error IS NULL').get(id) as { n: number };
    expect(handed.n).toBe(1);
  });

  it('redacts a webhook secret from step logs and events whatever its variable is called', async () => {
    const r = await post(`${serve.url}/hooks/leaky/go`, {}, { secret: 'pw-7c1e9b3d' });
    expect(r.status).toBe(202);
    const id = r.json['run'] as string;
    await expect.poll(() => statusOf(id), poll).toBe('succeeded');
    const text = journal.logs(id).map((l) => l.text).join('') + JSON.stringify(journal.events(id));
    expect(text).toContain('pw=***HOOK_PW***');
    expect(text).not.toContain('pw-7c1e9b3d');
  });

  it('answers a waiting callback over POST /callbacks/<token> once: its output becomes the step output, a second answer is 404', async () => {
    const r = await post(`${serve.url}/hooks/ticket/go`, {});
    expect(r.status).toBe(202);
    const id = r.json['run'] as string;
    const tokenFile = join(world.gates, 'ticket.token');
    await expect.poll(() => existsSync(tokenFile) && statusOf(id) === 'running' && journal.events(id).some((e) => e.event.type === 'CallbackWaiting'), poll).toBe(true);
    const token = readFileSync(tokenFile, 'utf8');
    const answered = await post(`${serve.url}/callbacks/${token}`, { output: { ticket: 42 } }, { secret: null });
    expect(answered).toEqual({ status: 200, json: { ok: true } });
    await expect.poll(() => statusOf(id), poll).toBe('succeeded');
    const succeeded = journal.events(id).map((e) => e.event).find((e) => e.type === 'StepSucceeded' && e.step === 'open');
    expect(succeeded).toMatchObject({ output: { ticket: 42 } });
    expect(await post(`${serve.url}/callbacks/${token}`, { output: { ticket: 43 } }, { secret: null })).toMatchObject({ status: 404 });
    // The token is a secret: not in the journal or the logs.
    expect(JSON.stringify(journal.events(id)) + journal.logs(id).map((l) => l.text).join('')).not.toContain(token);
  });

  it('answers POST /callbacks/<token> for an unknown token with 404, and refuses other methods', async () => {
    const r = await post(`${serve.url}/callbacks/${'a'.repeat(43)}`, { output: { ok: true } }, { secret: null });
    expect(r).toEqual({ status: 404, json: { error: expect.stringMatching(/unknown or used token/) } });
    expect((await fetch(`${serve.url}/callbacks/abc`)).status).toBe(405);
    expect(existsSync(world.db)).toBe(true);
  });
});
