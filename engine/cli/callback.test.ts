/**
 * `flowsmith callback` for real (issue #12 part 1; DESIGN.md "Waiting for an outside system"): real
 * shells write the token they were given to a file (as a CI job would receive it), the test answers
 * it from another process, and checks the store file and the logs for the token in clear.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { privateBundles } from '../host/private-bundle.js';
import type { RunRecord } from '../runtime/record.js';

let dir: string;
let cli: string;

/** A flow whose `build` step sends its token by writing it to tokens.txt (one line per attempt). */
const CI_FLOW = (callback: string, extra = '') => `flowsmith: "1.0"
name: ci-callback
start: build
steps:
  build:
    type: task
    shell: "echo sent {{ $callback.token }}; echo {{ $callback.token }} >> tokens.txt"
    callback: ${callback}
    next: report
${extra}
  report:
    type: task
    shell: "echo build number {{ $steps.build.output.build }}"
    output: "$steps.build.output"
  broken:
    type: task
    shell: "echo handled {{ $error.name }}"
`;

function flowsmith(args: string[], db = 'store.db', input?: string) {
  return execa('node', [cli, '--db', join(dir, db), ...args], {
    reject: false,
    env: { FLOWSMITH_USER: 'tester', FLOWSMITH_WORK_ROOT: join(dir, 'runs') },
    ...(input !== undefined ? { input } : {}),
  });
}

function flowFile(name: string, text: string): string {
  const path = join(dir, `${name}.yaml`);
  writeFileSync(path, text);
  return path;
}

/** Starts a run of `path` (exit 3 at the wait) and returns its record and the tokens its attempts sent. */
async function startWaiting(path: string, db?: string): Promise<{ record: RunRecord; tokens: () => string[] }> {
  const r = await flowsmith(['run', path, '--trust', '--json'], db);
  expect(r.stderr).not.toMatch(/flowsmith: /);
  expect(r.exitCode).toBe(3);
  const record = JSON.parse(r.stdout) as RunRecord;
  const tokens = () => readFileSync(join(record.workdir, 'tokens.txt'), 'utf8').split('\n').filter(Boolean);
  return { record, tokens };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fs-callback-'));
  ({ cli } = await privateBundles(join(dir, 'build'), { cli: 'engine/cli/main.ts' }));
});

describe('flowsmith callback', () => {
  it('waits (exit 3) until the token is answered with an output, which becomes the step output', async () => {
    const { record, tokens } = await startWaiting(flowFile('answer', CI_FLOW('{timeout: 1h}')));
    expect(record.status).toBe('waiting');
    expect(record.steps.build?.status).toBe('waiting');
    expect(record.waitingForCallback).toEqual([{ step: 'build', attempt: 1, dueAt: expect.any(String) }]);
    const [token] = tokens();
    expect(token).toMatch(/^fscb_[A-Za-z0-9_-]{43}$/);

    const r = await flowsmith(['callback', token!, '--output', '{"build":42}', '--json']);
    expect(r.stderr).not.toMatch(/flowsmith: /);
    expect(r.exitCode).toBe(0);
    const done = JSON.parse(r.stdout) as RunRecord;
    expect(done).toMatchObject({ id: record.id, status: 'succeeded', waitingForCallback: [] });
    expect(done.steps.build?.output).toEqual({ build: 42 });
    expect(done.steps.report?.output).toEqual({ build: 42 });
    const logs = await flowsmith(['logs', record.id]);
    expect(logs.stdout).toContain('build number 42');

    // Single use: the same token again, and a token nobody issued, are refused with exit 2.
    const again = await flowsmith(['callback', token!, '--output', '{"build":43}']);
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toMatch(/already used .*step build of run/);
    expect(again.stderr).not.toContain(token);
    const unknown = await flowsmith(['callback', `fscb_${'A'.repeat(43)}`, '--output', '1']);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toMatch(/no callback waits for this token/);
    const garbage = await flowsmith(['callback', 'not-a-token']);
    expect(garbage.exitCode).toBe(2);
    expect(garbage.stderr).toMatch(/not a callback token/);
  });

  it('reads the token from stdin with -, so it stays out of the process list', async () => {
    const { record, tokens } = await startWaiting(flowFile('stdin', CI_FLOW('{timeout: 1h}')));
    const r = await flowsmith(['callback', '-', '--output', '{"build":7}', '--json'], undefined, `${tokens()[0]}\n`);
    expect(r.exitCode).toBe(0);
    expect((JSON.parse(r.stdout) as RunRecord)).toMatchObject({ id: record.id, status: 'succeeded' });
  });

  it('fails the step with --fail; catch routes the error', async () => {
    const flow = CI_FLOW('{timeout: 1h}').replace('    next: report\n', '    next: report\n    catch: [{errors: [BuildFailed], next: broken}]\n');
    const { record, tokens } = await startWaiting(flowFile('fail', flow));
    const r = await flowsmith(['callback', tokens()[0]!, '--fail', 'BuildFailed', '--message', 'unit tests failed', '--json']);
    expect(r.exitCode).toBe(0);
    const done = JSON.parse(r.stdout) as RunRecord;
    expect(done.id).toBe(record.id);
    expect(done.steps.build).toMatchObject({ status: 'failed', error: { name: 'BuildFailed', message: 'unit tests failed' } });
    expect(done.steps.broken?.status).toBe('succeeded');
    expect(done.path).not.toContain('report');
  });

  it('times out with Timeout (caught), and an answer after that is refused with exit 2', async () => {
    const flow = CI_FLOW('{timeout: 1ms}').replace('    next: report\n', '    next: report\n    catch: [{errors: [Timeout], next: broken}]\n');
    const path = flowFile('timeout', flow);
    const first = await flowsmith(['run', path, '--trust', '--json']);
    let record = JSON.parse(first.stdout) as RunRecord;
    // The 1 ms wait may already have expired in the run's own process; else the next drive ends it.
    if (first.exitCode === 3) {
      const resumed = await flowsmith(['resume', record.id, '--json']);
      record = JSON.parse(resumed.stdout) as RunRecord;
    }
    expect(record.status).toBe('succeeded');
    expect(record.steps.build).toMatchObject({ status: 'failed', error: { name: 'Timeout' } });
    expect(record.steps.broken?.status).toBe('succeeded');
    const token = readFileSync(join(record.workdir, 'tokens.txt'), 'utf8').trim();
    const late = await flowsmith(['callback', token, '--output', '{"build":1}']);
    expect(late.exitCode).toBe(2);
    expect(late.stderr).toMatch(/no longer waits for this callback|can no longer be answered/);
  });

  it('gives each retry a new token; the failed attempt\'s token is used up', async () => {
    const flow = CI_FLOW('{timeout: 1h}').replace('    next: report\n', '    next: report\n    retry: {maxAttempts: 2, delay: 1ms}\n');
    const { record, tokens } = await startWaiting(flowFile('retry', flow));
    const [first] = tokens();
    const failed = await flowsmith(['callback', first!, '--fail', 'Flaky', '--json']);
    expect(failed.exitCode).toBe(3); // attempt 2 ran the executor again and waits for its own token
    const waiting = JSON.parse(failed.stdout) as RunRecord;
    expect(waiting.steps.build).toMatchObject({ status: 'waiting', attempts: 2 });
    expect(waiting.waitingForCallback).toEqual([{ step: 'build', attempt: 2, dueAt: expect.any(String) }]);
    const all = tokens();
    expect(all).toHaveLength(2);
    expect(all[1]).not.toBe(all[0]);

    const old = await flowsmith(['callback', first!, '--output', '{"build":1}']);
    expect(old.exitCode).toBe(2);
    const r = await flowsmith(['callback', all[1]!, '--output', '{"build":2}', '--json']);
    expect(r.exitCode).toBe(0);
    expect((JSON.parse(r.stdout) as RunRecord).steps.build).toMatchObject({ status: 'succeeded', attempts: 2, output: { build: 2 } });
    expect(record.id).toBe(waiting.id);
  });

  it('keeps tokens out of the store file, the journal and the logs (only their SHA-256 is stored)', async () => {
    const db = 'secrets.db';
    const { record, tokens } = await startWaiting(flowFile('secrets', CI_FLOW('{timeout: 1h}')), db);
    const [token] = tokens();
    const r = await flowsmith(['callback', token!, '--fail', 'BuildFailed', '--message', 'failed', '--json'], db);
    expect(r.exitCode).toBe(1);
    // An executor that fails with the token in its error output: the error is journaled without it.
    const leaky = CI_FLOW('{timeout: 1h}').replace('>> tokens.txt"', '>> tokens.txt; echo oops {{ $callback.token }} >&2; exit 3"');
    const failed = await flowsmith(['run', flowFile('leaky', leaky), '--trust', '--json'], db);
    expect(failed.exitCode).toBe(1);
    const leak = JSON.parse(failed.stdout) as RunRecord;
    expect(leak.steps.build?.error?.name).toBe('ShellExit');
    const leakedToken = readFileSync(join(leak.workdir, 'tokens.txt'), 'utf8').trim();

    const outputs: string[] = [r.stdout, r.stderr, failed.stdout, failed.stderr];
    for (const id of [record.id, leak.id]) {
      const logs = await flowsmith(['logs', id], db);
      expect(logs.stdout).toContain('***CALLBACK_TOKEN***');
      const show = await flowsmith(['show', id, '--json'], db);
      outputs.push(logs.stdout, logs.stderr, show.stdout);
    }
    const bytes = Buffer.concat([join(dir, db), join(dir, `${db}-wal`)].filter(existsSync).map((f) => readFileSync(f)));
    for (const t of [token!, leakedToken]) {
      for (const text of outputs) expect(text).not.toContain(t);
      expect(bytes.includes(Buffer.from(t))).toBe(false);
      expect(bytes.includes(Buffer.from(createHash('sha256').update(t).digest('hex')))).toBe(true);
    }
  });
});

describe('a callback in simulation and scenarios', () => {
  it('answers from the scenario at virtual time, and times out without one', async () => {
    const path = flowFile('sim', CI_FLOW('{timeout: 2h}').replace('    next: report\n', '    next: report\n    catch: [{errors: [Timeout], next: broken}]\n'));
    writeFileSync(join(dir, 'sim.scenarios.yaml'), `scenarios:
  - name: CI answers after 20 minutes
    callbacks:
      build: {output: {build: 9}, after: 20m}
    expect:
      status: succeeded
      path: [build, report]
      steps: {report: {output: {build: 9}}}
      duration: 20m
  - name: CI fails
    callbacks:
      build: {error: {name: BuildFailed, message: red}, after: 5m}
    expect:
      status: failed
      steps: {build: {status: failed, error: {name: BuildFailed}}}
      duration: 5m
  - name: nobody answers
    expect:
      status: succeeded
      path: [build, broken]
      steps: {build: {error: {name: Timeout}}}
      duration: 2h
`);
    const r = await flowsmith(['test', path]);
    expect(r.stdout + r.stderr).not.toMatch(/✗/);
    expect(r.exitCode).toBe(0);
    expect(r.stdout.match(/✓/g)).toHaveLength(3);
  });
});
