import { mkdirSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StepFailure } from './context.js';
import { runShell } from './shell.js';
import { isGone, killQuietly, testContext, waitUntil, type TestContext } from './test-helpers.js';

let t: TestContext;
const leftovers: number[] = [];

afterEach(() => {
  killQuietly(leftovers.splice(0));
  t?.cleanup();
});

function pidsIn(file: string): number[] {
  return readFileSync(join(t.ctx.workdir, file), 'utf8').trim().split(/\s+/).map(Number);
}

describe('runShell output', () => {
  it('returns the JSON object a command prints', async () => {
    t = testContext();
    await expect(runShell({ command: `echo '{"ok": true, "n": [1, 2]}'` }, t.ctx)).resolves.toEqual({ ok: true, n: [1, 2] });
  });

  it('returns exit code, stdout and stderr for plain text, and logs both streams', async () => {
    t = testContext();
    const out = await runShell({ command: 'echo hello; echo careful >&2; echo 42' }, t.ctx);
    expect(out).toEqual({ exitCode: 0, stdout: 'hello\n42', stderr: 'careful' });
    expect(t.logged('stdout')).toBe('hello\n42\n');
    expect(t.logged('stderr')).toBe('careful\n');
  });

  it('keeps a bare number as text rather than turning it into JSON', async () => {
    t = testContext();
    await expect(runShell({ command: 'echo 3' }, t.ctx)).resolves.toMatchObject({ stdout: '3' });
  });

  it('fails with ShellExit, the exit code and the last stderr line', async () => {
    t = testContext();
    const err = (await runShell({ command: 'echo partial; echo "first" >&2; echo "disk full" >&2; exit 3' }, t.ctx).catch(
      (e: unknown) => e,
    )) as StepFailure;
    expect(err).toBeInstanceOf(StepFailure);
    expect(err.name).toBe('ShellExit');
    expect(err.message).toBe('exit code 3: disk full');
    expect(err.details).toMatchObject({ exitCode: 3, stdout: 'partial\n', stderr: 'first\ndisk full\n' });
  });

  it('caps kept output at 1 MiB per stream and says so', async () => {
    t = testContext();
    const out = (await runShell({ command: "head -c 1500000 /dev/zero | tr '\\0' a" }, t.ctx)) as { stdout: string; truncated: boolean };
    expect(out.truncated).toBe(true);
    expect(out.stdout.length).toBe(1024 * 1024);
    expect(t.logged('stdout').length).toBe(1500000);
  });
});

describe('runShell environment', () => {
  it('resolves cwd against the workdir and adds env to the process environment', async () => {
    t = testContext();
    mkdirSync(join(t.ctx.workdir, 'app'));
    const out = await runShell(
      { command: 'printf \'{"pwd":"%s","greeting":"%s","home":"%s","workdir":"%s"}\' "$(pwd -P)" "$GREETING" "$HOME" "$FLOWSMITH_WORKDIR"', cwd: 'app', env: { GREETING: 'hi there' } },
      t.ctx,
    );
    expect(out).toEqual({ pwd: realpathSync(join(t.ctx.workdir, 'app')), greeting: 'hi there', home: process.env.HOME ?? '', workdir: t.ctx.workdir });
  });

  it('runs in the workdir by default and with another shell when asked', async () => {
    t = testContext();
    const out = await runShell({ command: 'echo "$(pwd -P) ${BASH_VERSION:+bash}"', shell: 'bash' }, t.ctx);
    expect(out).toMatchObject({ stdout: `${realpathSync(t.ctx.workdir)} bash` });
  });

  it('fails clearly when cwd does not exist', async () => {
    t = testContext();
    await expect(runShell({ command: 'true', cwd: 'missing' }, t.ctx)).rejects.toMatchObject({
      name: 'ShellExit',
      message: expect.stringContaining('does not exist'),
    });
  });
});

describe('runShell abort', () => {
  it('kills the whole process group and rejects with the Timeout reason', async () => {
    t = testContext();
    const run = runShell({ command: 'sleep 30 & echo $! > pids; sleep 30 & echo $! >> pids; echo $$ >> pids; echo ready; wait' }, t.ctx);
    expect(await waitUntil(() => t.logged('stdout').includes('ready'))).toBe(true);
    const pids = pidsIn('pids');
    leftovers.push(...pids);
    t.abort.abort(new StepFailure('Timeout', 'step timed out after 1s'));
    await expect(run).rejects.toMatchObject({ name: 'Timeout', message: 'step timed out after 1s' });
    expect(await waitUntil(() => pids.every(isGone))).toBe(true);
  });

  it('SIGKILLs a group that ignores SIGTERM after the grace period, and rejects as Cancelled', async () => {
    t = testContext();
    const run = runShell({ command: "trap '' TERM; sleep 30 & echo $! > pids; echo ready; wait" }, t.ctx);
    expect(await waitUntil(() => t.logged('stdout').includes('ready'))).toBe(true);
    const pids = pidsIn('pids');
    leftovers.push(...pids);
    t.abort.abort();
    await expect(run).rejects.toMatchObject({ name: 'Cancelled' });
    expect(await waitUntil(() => pids.every(isGone), 4000)).toBe(true);
  });

  it('rejects at once when the signal is already aborted', async () => {
    t = testContext();
    t.abort.abort(new StepFailure('Cancelled', 'run cancelled'));
    await expect(runShell({ command: 'touch ran' }, t.ctx)).rejects.toMatchObject({ name: 'Cancelled', message: 'run cancelled' });
  });
});

describe('runShell background processes', () => {
  it('ends when the shell exits even though a redirected background server keeps running', async () => {
    t = testContext();
    const out = await runShell({ command: 'sleep 30 > server.log 2>&1 & echo $! > server.pid; echo \'{"started": true}\'' }, t.ctx);
    const [pid] = pidsIn('server.pid');
    leftovers.push(pid!);
    expect(out).toEqual({ started: true });
    expect(isGone(pid!)).toBe(false); // the server outlives its step, as a deploy flow needs
  });

  it('does not hang when a background process keeps the output pipes open', async () => {
    t = testContext();
    const out = await runShell({ command: 'sleep 30 & echo $! > bg.pid; echo done' }, t.ctx);
    leftovers.push(...pidsIn('bg.pid'));
    expect(out).toMatchObject({ exitCode: 0, stdout: 'done' });
    expect(t.logged('stderr')).toContain('redirect its output');
  });
});
