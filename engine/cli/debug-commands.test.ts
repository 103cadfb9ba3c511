import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const CLI = resolve('dist/engine/cli.js');

function cli(dir: string, args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, FLOWSMITH_DB: join(dir, 'store.db'), FLOWSMITH_WORK_ROOT: join(dir, 'runs'), FLOWSMITH_USER: 'dev' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr, json: () => JSON.parse(r.stdout) as Record<string, any> };
}

beforeAll(() => {
  execFileSync('npm', ['run', 'build:engine'], { stdio: 'ignore' });
});

describe('debugging from the CLI', () => {
  it('run --break pauses (exit 3); set-vars, continue --step, retry and run-from drive it on', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fs-dbg-cli-'));
    writeFileSync(
      join(dir, 'd.yaml'),
      [
        'flowsmith: "1.0"',
        'name: d',
        'vars: {n: 1}',
        'start: a',
        'steps:',
        '  a: {type: task, shell: "echo a", next: b}',
        '  b: {type: task, shell: "echo {{ $vars.n }}", output: $.stdout, next: c}',
        '  c: {type: task, shell: "test -f flag || { touch flag; exit 4; }"}',
        '',
      ].join('\n'),
    );
    let r = cli(dir, ['run', 'd.yaml', '--break', 'b', '--json']);
    expect(r.code).toBe(3);
    const id = r.json().id as string;
    expect(r.json()).toMatchObject({ status: 'paused', paused: { reason: 'breakpoint', step: 'b' }, path: ['a'] });

    expect(cli(dir, ['set-vars', id, 'n=7']).code).toBe(3);
    r = cli(dir, ['continue', id, '--step', '--json']);
    expect(r.json()).toMatchObject({ status: 'paused', paused: { reason: 'step', step: 'c' }, path: ['a', 'b'] });
    expect(r.json().steps.b.output).toBe('7');

    r = cli(dir, ['continue', id, '--json']);
    expect(r.code).toBe(1);
    expect(r.json().steps.c.error.name).toBe('ShellExit');

    r = cli(dir, ['retry', id, 'c', '--json']);
    expect(r.code).toBe(0);
    expect(r.json().path).toEqual(['a', 'b', 'c', 'c']);

    r = cli(dir, ['run-from', id, 'b', '--simulate', '--json']);
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ path: ['b', 'c'], vars: { n: 7 }, mode: 'simulate' });

    r = cli(dir, ['skip', id, 'nope']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/nope is not a step of d/);
  });
});
