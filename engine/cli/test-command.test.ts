/**
 * `flowsmith test` and `flowsmith simulate --scenario` for real: the built bundle
 * (dist/engine/cli.js, rebuilt here so it has these commands) against the shipped templates and
 * their scenario files, and against small flows in a temporary folder.
 */
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunRecord } from '../runtime/record.js';

const root = resolve(import.meta.dirname, '../..');
const cli = join(root, 'dist/engine/cli.js');
const templates = join(root, 'resources/templates');
let dir: string;

function flowsmith(args: string[]) {
  return execa('node', [cli, '--db', join(dir, 'store.db'), ...args], {
    reject: false,
    cwd: dir,
    env: { FLOWSMITH_USER: 'tester', FLOWSMITH_WORK_ROOT: join(dir, 'runs') },
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fs-test-cmd-'));
  await execa('node', ['scripts/build-engine.mjs'], { cwd: root });
});

describe('flowsmith test', () => {
  it('passes every scenario shipped with the templates (resources/templates/*.yaml), without touching the store', async () => {
    const files = readdirSync(templates).filter((f) => f.endsWith('.yaml')).map((f) => join(templates, f));
    const r = await flowsmith(['test', ...files]);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    // Each scenario file runs once, though the glob names it directly and through its flow.
    expect(r.stdout.match(/\.scenarios\.yaml$/gm)).toHaveLength(3);
    expect(r.stdout).toContain('✓ production deploy approved after 20 minutes');
    expect(r.stdout).not.toContain('✗');
    expect(r.stdout).toMatch(/^1[5-9] scenarios: 1[5-9] passed, 0 failed$/m);
    expect(existsSync(join(dir, 'store.db'))).toBe(false);
  });

  it('fails a broken expectation with exit 1 and a diff naming the step', async () => {
    copyFileSync(join(templates, 'web-app-deploy.yaml'), join(dir, 'deploy.yaml'));
    writeFileSync(
      join(dir, 'deploy.scenarios.yaml'),
      [
        'scenarios:',
        '  - name: health check needs two attempts',
        '    input: {version: 1.0.0}',
        '    mocks:',
        '      health-check: [{error: {name: HttpStatus, message: "503"}}, {error: {name: HttpStatus}}, {output: {status: 200}}]',
        '    expect:',
        '      status: succeeded',
        '      path: [build, test, start-preview, health-check, health-check, env-gate]',
        '      steps: {health-check: {attempts: 2}}',
        '',
      ].join('\n'),
    );
    const r = await flowsmith(['test', 'deploy.yaml']);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('✗ health check needs two attempts');
    expect(r.stdout).toContain('steps.health-check.attempts: expected 2, got 3');
    expect(r.stdout).toMatch(/→ +6 env-gate +health-check/);
    expect(r.stdout).toMatch(/^1 scenario: 0 passed, 1 failed$/m);
    const json = await flowsmith(['test', 'deploy.scenarios.yaml', '--json']);
    expect(json.exitCode).toBe(1);
    const out = JSON.parse(json.stdout) as { passed: number; failed: number; files: { results: { record: RunRecord }[] }[] };
    expect(out).toMatchObject({ passed: 0, failed: 1 });
    expect(out.files[0]?.results[0]?.record.steps['health-check']?.attempts).toBe(3);
  });

  it('exits 2 with file:line:col for an invalid scenario file, and for a flow with nothing to test', async () => {
    writeFileSync(join(dir, 'bad.yaml'), readFileSync(join(templates, 'db-change.yaml')));
    writeFileSync(join(dir, 'bad.scenarios.yaml'), 'scenarios:\n  - name: x\n    approvals: {approve: [{by: dba, verdict: maybe}]}\n    expect: {status: failed}\n');
    const r = await flowsmith(['test', 'bad.yaml']);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toMatch(/bad\.scenarios\.yaml:3:\d+: scenarios\[0\]\.approvals\.approve\[0\]\.verdict must be one of approve, reject/);
    writeFileSync(join(dir, 'lonely.yaml'), readFileSync(join(templates, 'nightly-backup.yaml')));
    const none = await flowsmith(['test', 'lonely.yaml']);
    expect(none.exitCode).toBe(2);
    expect(none.stdout).toContain('lonely.yaml: no scenarios (write lonely.scenarios.yaml beside it)');
    expect(none.stderr).toMatch(/^flowsmith: no scenarios to run/);
    expect((await flowsmith(['test', 'missing.yaml'])).exitCode).toBe(2);
  });
});

describe('flowsmith simulate --scenario', () => {
  it('prints the run record with virtual times and runs no shell or HTTP step', async () => {
    const marker = join(dir, 'MARKER');
    writeFileSync(
      join(dir, 'effects.yaml'),
      [
        'flowsmith: "1.0"',
        'name: effects',
        'start: call',
        'steps:',
        '  call: {type: task, http: {method: POST, url: "http://127.0.0.1:9/deploy"}, next: approve}',
        '  approve: {type: approval, approvers: [ops-manager], timeout: 2h, next: touch}',
        `  touch: {type: task, shell: "touch ${marker}"}`,
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(dir, 'effects.scenarios.yaml'),
      [
        'scenarios:',
        '  - name: approved after 20 minutes',
        '    mocks: {call: {output: {status: 201}, duration: 2s}}',
        '    approvals: {approve: [{by: ops-manager, verdict: approve, after: 20m}]}',
        '    expect: {status: succeeded, duration: 20m2s}',
        '  - name: other',
        '    expect: {status: failed}',
        '',
      ].join('\n'),
    );
    const r = await flowsmith(['simulate', 'effects.yaml', '--scenario', 'effects.scenarios.yaml#approved after 20 minutes', '--json']);
    expect(r.exitCode).toBe(0);
    const record = JSON.parse(r.stdout) as RunRecord;
    expect(record).toMatchObject({ mode: 'simulate', status: 'succeeded', path: ['call', 'approve', 'touch'] });
    expect(Date.parse(record.endedAt!) - Date.parse(record.startedAt)).toBe(20 * 60_000 + 2000);
    expect(Date.parse(record.steps.approve!.endedAt!) - Date.parse(record.steps.approve!.startedAt!)).toBe(20 * 60_000);
    expect(existsSync(marker)).toBe(false);

    const text = await flowsmith(['simulate', 'effects.yaml', '--scenario', '#approved after 20 minutes']);
    expect(text.stdout).toContain('✓ expectations of "approved after 20 minutes"');
    const ambiguous = await flowsmith(['simulate', 'effects.yaml', '--scenario', 'effects.scenarios.yaml']);
    expect(ambiguous.exitCode).toBe(2);
    expect(ambiguous.stderr).toMatch(/pick one with FILE#name; scenarios: approved after 20 minutes, other/);
    expect(existsSync(marker)).toBe(false);
  });
});
