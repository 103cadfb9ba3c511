/**
 * `flowsmith runs` for real (the built bundle, dist/engine/cli.js): filters by flow, shown status
 * (waiting included), start time, mode and trigger; child runs only with --all; the table names
 * the cron pattern and the parent run; bad usage exits 2. Runs are made in-process and listed by
 * the CLI; option parsing is also checked in-process, since each CLI start costs about a second.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import { osUserName } from '../service/started-by.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../host/api.js';
import { Command } from 'commander';
import { RunService } from '../service/run-service.js';
import { openJournal } from '../store/journal.js';
import { reportError, UsageError } from './errors.js';
import { parseSince, registerRuns } from './runs-command.js';

const root = resolve(import.meta.dirname, '../..');
const cli = join(root, 'dist/engine/cli.js');
let dir: string;
const ids: Record<string, string> = {};

function flowsmith(args: string[]) {
  return execa('node', [cli, '--db', join(dir, 'store.db'), ...args], {
    reject: false,
    env: { FLOWSMITH_USER: 'tester', FLOWSMITH_WORK_ROOT: join(dir, 'runs') },
  });
}

async function listed(args: string[]): Promise<RunSummary[]> {
  const r = await flowsmith(['runs', ...args, '--json']);
  expect(r.stderr).toBe('');
  expect(r.exitCode).toBe(0);
  return JSON.parse(r.stdout) as RunSummary[];
}

function flowFile(name: string, lines: string[]): string {
  const path = join(dir, `${name}.yaml`);
  writeFileSync(path, ['flowsmith: "1.0"', `name: ${name}`, ...lines, ''].join('\n'));
  return path;
}

/** Given: a finished run, a run waiting for approval, a simulation, a map run with two children, a cron-triggered run. */
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fs-runs-'));
  if (!existsSync(cli)) await execa('node', ['scripts/build-engine.mjs'], { cwd: root });
  const hello = flowFile('hello', ['start: greet', 'steps:', '  greet: {type: task, shell: "echo hi"}']);
  const gate = flowFile('gate', ['start: ask', 'steps:', '  ask: {type: approval, approvers: [ops], next: done}', '  done: {type: succeed}']);
  const fan = flowFile('fan', [
    'start: each',
    'steps:',
    '  each: {type: map, items: "[1, 2]", start: echo, steps: {echo: {type: task, shell: "echo {{ $item }}"}}}',
  ]);
  // Runs are made in-process (each CLI start costs about a second); the CLI only lists them.
  const journal = openJournal(join(dir, 'store.db'));
  const service = new RunService({ journal, workRoot: join(dir, 'runs') });
  const run = async (name: string, p: Parameters<RunService['startRun']>[0]) => {
    const driver = service.startRun(p);
    await service.drive(driver, { stopWhenWaiting: true });
    ids[name] = driver.id;
    // Start times are milliseconds: keep the order the test expects unambiguous.
    const startedAt = journal.run(driver.id)!.startedAt;
    while (Date.now() <= startedAt) await new Promise((next) => setImmediate(next));
  };
  await run('hello', { path: hello });
  await run('gate', { path: gate });
  await run('simulated', { path: hello, mode: 'simulate' });
  await run('fan', { path: fan });
  // A cron firing, as the engine process's TriggerScheduler starts one.
  await run('triggered', { path: hello, trigger: { cron: '0 2 * * *', timezone: 'Asia/Shanghai', firedAt: new Date().toISOString() } });
  journal.close();
}, 30_000);

describe('flowsmith runs', () => {
  it('lists top-level runs newest first; --all adds the child runs of a map, named in the table', async () => {
    expect((await listed([])).map((r) => r.id)).toEqual([ids.triggered, ids.fan, ids.simulated, ids.gate, ids.hello]);
    const r = await flowsmith(['runs', '--all']);
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^RUN\s+FLOW\s+STATUS\s+STARTED\s+NOTE$/);
    expect(lines).toHaveLength(1 + 7);
    expect(lines.find((l) => l.startsWith(ids.triggered!))).toMatch(/hello\s+succeeded\s+\S+Z\s+cron "0 2 \* \* \*" Asia\/Shanghai$/);
    expect(lines.find((l) => l.startsWith(ids.gate!))).toMatch(/gate\s+waiting/);
    expect(lines.find((l) => l.startsWith(ids.simulated!))).toMatch(/simulated$/);
    const children = lines.filter((l) => / child of /.test(l)).map((l) => l.slice(l.indexOf('child of ')));
    expect(children.sort()).toEqual([`child of ${ids.fan} (each[0])`, `child of ${ids.fan} (each[1])`]);
    expect(lines.find((l) => l.startsWith(ids.hello!))).toMatch(new RegExp(`by ${osUserName()} \\(cli\\)$`));
  }, 60_000);

  it('says who or what started each run (issue #12 point 4): the OS user and where, the cron trigger, the parent run', async () => {
    const all = await listed(['--all']);
    const by = (id: string) => all.find((r) => r.id === id)?.startedBy;
    expect(by(ids.hello!)).toEqual({ kind: 'user', user: osUserName(), via: 'cli' });
    expect(by(ids.triggered!)).toEqual({ kind: 'cron', cron: '0 2 * * *', timezone: 'Asia/Shanghai' });
    expect(all.filter((r) => r.parent).map((r) => r.startedBy)).toEqual([
      { kind: 'parent', run: ids.fan, step: 'each' },
      { kind: 'parent', run: ids.fan, step: 'each' },
    ]);
    const shown = JSON.parse((await flowsmith(['show', ids.hello!, '--json'])).stdout) as { startedBy: unknown };
    expect(shown.startedBy).toEqual({ kind: 'user', user: osUserName(), via: 'cli' });
  }, 60_000);

  it('filters by shown status (waiting is derived), trigger, flow, mode, start time and limit', async () => {
    expect((await listed(['--status', 'waiting'])).map((r) => [r.id, r.status])).toEqual([[ids.gate, 'waiting']]);
    const triggered = await listed(['--trigger']);
    expect(triggered.map((r) => r.id)).toEqual([ids.triggered]);
    expect(triggered[0]).toMatchObject({ trigger: { cron: '0 2 * * *', timezone: 'Asia/Shanghai' }, parent: null });
    const narrowed = await listed(['--flow', 'hello', '--status', 'succeeded', '--mode', 'run', '--since', '1h', '--limit', '1']);
    expect(narrowed.map((r) => r.id)).toEqual([ids.triggered]);
    expect(await listed(['--since', '2999-01-01'])).toEqual([]);
  }, 60_000);

  it('exits 2 with one line saying what to do for a bad --since', async () => {
    const r = await flowsmith(['runs', '--since', 'yesterday']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr.trim()).toBe(
      'flowsmith: --since yesterday is neither a duration (2h, 30m, 1d, PT5M) nor an ISO 8601 time (2025-03-01 or 2025-03-01T09:00:00Z)',
    );
  }, 60_000);
});

describe('runs options', () => {
  /** Parses `runs ARGS` in-process, as main.ts would, and returns what was thrown. */
  async function refusal(args: string[]): Promise<unknown> {
    const program = new Command('flowsmith').exitOverride().configureOutput({ writeErr: () => undefined });
    registerRuns(program, () => ({ db: ':memory:' }));
    program.commands.forEach((c) => c.exitOverride().configureOutput({ writeErr: () => undefined }));
    return program.parseAsync(['node', 'flowsmith', 'runs', ...args]).then(() => undefined, (err: unknown) => err);
  }

  it('refuses a bad --limit, --status or --mode as usage errors (exit 2)', async () => {
    expect(await refusal(['--limit', '0'])).toMatchObject({ name: 'UsageError', message: expect.stringMatching(/--limit 0 is not a number of runs/) });
    expect(await refusal(['--limit', '2.5'])).toMatchObject({ name: 'UsageError' });
    for (const args of [['--status', 'stuck'], ['--mode', 'dry']]) {
      const err = await refusal(args);
      expect(err).toMatchObject({ code: 'commander.invalidArgument' });
      expect(reportError(err)).toBe(2); // the exit code main.ts sets
    }
  });

  it('reads --since as a duration back from now or as an ISO 8601 time', () => {
    const now = Date.parse('2025-03-01T12:00:00Z');
    expect(parseSince('2h', now)).toBe(Date.parse('2025-03-01T10:00:00Z'));
    expect(parseSince('PT30M', now)).toBe(Date.parse('2025-03-01T11:30:00Z'));
    expect(parseSince('1d', now)).toBe(Date.parse('2025-02-28T12:00:00Z'));
    expect(parseSince('2025-02-01', now)).toBe(Date.parse('2025-02-01T00:00:00Z'));
    expect(parseSince('2025-02-01T09:00:00+08:00', now)).toBe(Date.parse('2025-02-01T01:00:00Z'));
    for (const bad of ['5', 'yesterday', '2025-13-45']) expect(() => parseSince(bad, now), bad).toThrow(UsageError);
  });
});
