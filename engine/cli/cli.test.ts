/**
 * The CLI for real: the built bundle (dist/engine/cli.js, `npm run build:engine`) runs the shipped
 * templates with real shell and HTTP steps, against a store in a temporary folder.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunRecord } from '../runtime/record.js';

const root = resolve(import.meta.dirname, '../..');
const cli = join(root, 'dist/engine/cli.js');
const deploy = join(root, 'resources/templates/web-app-deploy.yaml');
let dir: string;

function flowsmith(args: string[], env: Record<string, string> = {}) {
  return execa('node', [cli, '--db', join(dir, 'store.db'), ...args], {
    reject: false,
    env: { FLOWSMITH_USER: 'tester', FLOWSMITH_WORK_ROOT: join(dir, 'runs'), ...env },
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fs-cli-'));
  if (!existsSync(cli)) await execa('node', ['scripts/build-engine.mjs'], { cwd: root });
});

describe('flowsmith run', () => {
  it('deploys web-app-deploy to production for real with --auto-approve', async () => {
    const r = await flowsmith(['run', deploy, '--input', '{"environment":"production","version":"1.0.0"}', '--auto-approve', '--json']);
    expect(r.stderr).not.toMatch(/flowsmith: /);
    expect(r.exitCode).toBe(0);
    const record = JSON.parse(r.stdout) as RunRecord;
    expect(record).toMatchObject({ flow: 'web-app-deploy', status: 'succeeded', input: { environment: 'production', version: '1.0.0' } });
    expect(record.path).toContain('approve');
    for (const id of record.path) expect(record.steps[id]?.status, id).toBe('succeeded');
    expect(record.waitingFor).toEqual([]);
    expect(record.endedAt).not.toBeNull();
    // Side effects on disk: the site was deployed as release 1.0.0 and made current.
    const release = join(record.workdir, 'releases', '1.0.0', 'index.html');
    expect(readFileSync(release, 'utf8')).toContain('1.0.0');
    expect(readFileSync(join(record.workdir, 'releases', 'current', 'index.html'), 'utf8')).toContain('1.0.0');
    // The run is in the history.
    const runs = await flowsmith(['runs', '--flow', 'web-app-deploy', '--json']);
    expect((JSON.parse(runs.stdout) as { id: string }[]).map((x) => x.id)).toContain(record.id);
  });

  it('stops at the approval with exit 3, and approve from another process drives it to success', async () => {
    const first = await flowsmith(['run', deploy, '--input', '{"environment":"production","version":"2.0.0"}', '--json']);
    expect(first.exitCode).toBe(3);
    const waiting = JSON.parse(first.stdout) as RunRecord;
    expect(waiting.status).toBe('waiting');
    expect(waiting.waitingFor).toEqual([expect.objectContaining({ step: 'approve', approvers: expect.arrayContaining(['ops-manager']) })]);

    const refused = await flowsmith(['approve', waiting.id, 'approve', '--as', 'mallory']);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toMatch(/mallory is not an approver/);

    const second = await flowsmith(['approve', waiting.id, 'approve', '--as', 'ops-manager', '--comment', 'go', '--json']);
    expect(second.exitCode).toBe(0);
    const done = JSON.parse(second.stdout) as RunRecord;
    expect(done.status).toBe('succeeded');
    expect(done.id).toBe(waiting.id);
    const show = await flowsmith(['show', waiting.id, '--json']);
    expect((JSON.parse(show.stdout) as RunRecord).status).toBe('succeeded');
  });

  it('fails the run when the approver rejects (exit 1)', async () => {
    const first = await flowsmith(['run', deploy, '--input', '{"environment":"production","version":"3.0.0"}', '--json']);
    const id = (JSON.parse(first.stdout) as RunRecord).id;
    const r = await flowsmith(['reject', id, 'approve', '--as', 'tech-lead', '--json']);
    expect(r.exitCode).toBe(1);
    const record = JSON.parse(r.stdout) as RunRecord;
    expect(record.steps.approve?.error?.name).toBe('Rejected');
    // The saga rolled back what had completed: the preview server was stopped by its compensation.
    expect(record.steps['start-preview']?.status).toBe('compensated');
    expect(existsSync(join(record.workdir, 'preview.pid'))).toBe(false);
  });
});

describe('flowsmith cancel and resume', () => {
  it('cancels a run waiting for approval and runs its compensations', async () => {
    const first = await flowsmith(['run', deploy, '--input', '{"environment":"production","version":"4.0.0"}', '--json']);
    const id = (JSON.parse(first.stdout) as RunRecord).id;
    const r = await flowsmith(['cancel', id, '--json']);
    expect(r.exitCode).toBe(1);
    const record = JSON.parse(r.stdout) as RunRecord;
    expect(record.status).toBe('cancelled');
    expect(record.steps.approve?.status).toBe('cancelled');
    expect(record.steps['start-preview']?.status).toBe('compensated');
  });

  it('resumes a run whose process was killed with SIGKILL mid-step (the step runs again)', async () => {
    const flow = join(dir, 'slow.yaml');
    writeFileSync(
      flow,
      [
        'flowsmith: "1.0"',
        'name: slow',
        'start: first',
        'steps:',
        '  first: {type: task, shell: "echo first >> trail", next: slow}',
        '  slow: {type: task, shell: "echo slow >> trail; sleep 3", next: last}',
        '  last: {type: task, shell: "echo last >> trail"}',
        '',
      ].join('\n'),
    );
    const child = flowsmith(['run', flow, '--json']);
    let id = '';
    await expect
      .poll(async () => {
        const runs = JSON.parse((await flowsmith(['runs', '--flow', 'slow', '--json'])).stdout) as { id: string }[];
        id = runs[0]?.id ?? '';
        if (!id) return false;
        const rec = JSON.parse((await flowsmith(['show', id, '--json'])).stdout) as RunRecord;
        return rec.steps.slow?.status === 'running';
      }, { timeout: 15_000 })
      .toBe(true);
    child.kill('SIGKILL');
    await child;
    const r = await flowsmith(['resume', id, '--json']);
    expect(r.exitCode).toBe(0);
    const record = JSON.parse(r.stdout) as RunRecord;
    expect(record.status).toBe('succeeded');
    expect(record.path).toEqual(['first', 'slow', 'slow', 'last']);
    expect(readFileSync(join(record.workdir, 'trail'), 'utf8')).toBe('first\nslow\nslow\nlast\n');
  });
});

describe('flowsmith simulate', () => {
  it('simulates a production deploy: nothing runs for real and the 2 h approval deadline passes in virtual time', async () => {
    const r = await flowsmith(['simulate', deploy, '--input', '{"environment":"production","version":"6.0.0"}', '--json']);
    const record = JSON.parse(r.stdout) as RunRecord;
    expect(record.mode).toBe('simulate');
    expect(record.steps.approve?.error?.name).toBe('Timeout');
    expect(record.path.slice(-1)).toEqual(['rejected']);
    expect(record.status).toBe('failed');
    expect(r.exitCode).toBe(1);
    expect(Date.parse(record.endedAt!) - Date.parse(record.startedAt)).toBeGreaterThanOrEqual(2 * 3600_000);
    expect(existsSync(record.workdir)).toBe(false); // no shell step ran, so no work folder
  });

  it('simulates the dev path to success', async () => {
    const r = await flowsmith(['simulate', deploy, '--input', '{"version":"6.0.1"}', '--json']);
    expect(r.exitCode).toBe(0);
    const record = JSON.parse(r.stdout) as RunRecord;
    expect(record.path).not.toContain('approve');
    expect(record.status).toBe('succeeded');
  });
});

describe('flowsmith usage errors', () => {
  it('reports an invalid flow with file:line:col and exits 1', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'flowsmith: "1.0"\nname: bad\nstart: a\nsteps:\n  a: {type: task, shell: "true", next: missing}\n');
    const r = await flowsmith(['validate', bad]);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:5:\\d+ a: .*missing`));
  });

  it('exits 2 on bad input JSON and on an unknown command', async () => {
    expect((await flowsmith(['run', deploy, '--input', '{nope'])).exitCode).toBe(2);
    expect((await flowsmith(['run', deploy, '--input', '{"environment":"moon","version":"1"}'])).exitCode).toBe(2);
    expect((await flowsmith(['frobnicate'])).exitCode).toBe(2);
  });
});
