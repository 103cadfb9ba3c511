/**
 * `flowsmith logs` for real (the built bundle): a step that failed once and then succeeded shows
 * two attempts, each under its own heading; --attempt narrows; an unknown run exits 2.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { RunService } from '../service/run-service.js';
import { openJournal } from '../store/journal.js';
import { formatLogs } from './logs-command.js';

const root = resolve(import.meta.dirname, '../..');
const cli = join(root, 'dist/engine/cli.js');
let dir: string;
let run: string;

const flowsmith = (args: string[]) =>
  execa('node', [cli, '--db', join(dir, 'store.db'), ...args], { reject: false, env: { FLOWSMITH_WORK_ROOT: join(dir, 'runs') } });

/** Given: a run whose step `flaky` fails on attempt 1 (no marker yet) and succeeds on attempt 2. */
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fs-logs-'));
  if (!existsSync(cli)) await execa('node', ['scripts/build-engine.mjs'], { cwd: root });
  const marker = join(dir, 'marker');
  const path = join(dir, 'flaky.yaml');
  writeFileSync(
    path,
    [
      'flowsmith: "1.0"',
      'name: flaky',
      'start: flaky',
      'steps:',
      '  flaky:',
      '    type: task',
      `    shell: "echo try; if [ -f '${marker}' ]; then echo fine; else touch '${marker}'; echo broken >&2; exit 1; fi"`,
      '    retry: {maxAttempts: 2, delay: 1ms}',
      '',
    ].join('\n'),
  );
  const journal = openJournal(join(dir, 'store.db'));
  const service = new RunService({ journal, workRoot: join(dir, 'runs') });
  const driver = service.startRun({ path, input: {}, mode: 'run' });
  const state = await service.drive(driver, { stopWhenWaiting: true });
  expect(state.status).toBe('succeeded');
  run = driver.id;
  journal.close();
}, 60_000);

describe('flowsmith logs', () => {
  it('prints each attempt of each step under its own heading', async () => {
    const r = await flowsmith(['logs', run]);
    expect(r.exitCode).toBe(0);
    // Each heading is followed by the attempt's resolved command (StepInput), then its logs.
    const input = /^input: \{"shell":\{"command":"echo try; .*\}\}$/;
    const lines = r.stdout.split('\n');
    expect(lines.filter((l) => !input.test(l))).toEqual(['── flaky (attempt 1)', 'try', 'broken', '── flaky (attempt 2)', 'try', 'fine']);
    expect([lines[1], lines[5]].every((l) => input.test(l ?? ''))).toBe(true);
  });

  it('narrows to one step and attempt', async () => {
    const r = await flowsmith(['logs', run, 'flaky', '--attempt', '2', '--json']);
    expect(JSON.parse(r.stdout)).toEqual([
      { step: 'flaky', attempt: 2, stream: 'stdout', text: expect.stringContaining('try') },
      ...(JSON.parse(r.stdout) as unknown[]).slice(1),
    ]);
    expect((JSON.parse(r.stdout) as { attempt: number }[]).every((l) => l.attempt === 2)).toBe(true);
  });

  it('exits 2 for an unknown run or a bad --attempt', async () => {
    expect((await flowsmith(['logs', 'no-such-run'])).exitCode).toBe(2);
    expect((await flowsmith(['logs', run, '--attempt', '0'])).exitCode).toBe(2);
  });
});

describe('formatLogs', () => {
  it('adds a newline to a chunk without one and a heading when step or attempt changes', () => {
    expect(
      formatLogs([
        { step: 'a', attempt: 1, stream: 'stdout', text: 'x' },
        { step: 'a', attempt: 1, stream: 'stderr', text: 'y\n' },
        { step: 'b', attempt: 1, stream: 'stdout', text: 'z' },
      ]),
    ).toBe('── a (attempt 1)\nx\ny\n── b (attempt 1)\nz\n');
  });
});
