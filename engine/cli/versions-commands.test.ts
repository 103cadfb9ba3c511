/**
 * `flowsmith publish / versions / diff / releases` for real (the built bundle, dist/engine/cli.js;
 * issue #12 part 3): numbered versions with hash, note, author and time; publishing the same text
 * again is a no-op; an invalid flow is refused with located findings (exit 1); the diff names
 * steps and field paths; a run of a published text records its version (`runs`, `show`); an
 * export of a published version leaves a release record, an export of an edited file none.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../host/api.js';
import type { PublishResult, ReleaseInfo, VersionDiff, VersionInfo } from '../versions/types.js';
import { formatVersions } from './versions-commands.js';

const root = resolve(import.meta.dirname, '../..');
const cli = join(root, 'dist/engine/cli.js');
let dir: string;
let file: string;

function flowsmith(args: string[]) {
  return execa('node', [cli, '--db', join(dir, 'store.db'), ...args], {
    reject: false,
    cwd: dir,
    env: { FLOWSMITH_USER: 'tester', FLOWSMITH_WORK_ROOT: join(dir, 'runs') },
  });
}

const v1 = `flowsmith: "1.0"
name: deploy
start: build
steps:
  build: {type: task, shell: "echo build", next: deploy}
  deploy:
    type: task
    shell: "echo deploy"
    retry: {maxAttempts: 2}
    next: done
  done: {type: succeed}
`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fs-versions-'));
  file = join(dir, 'deploy.yaml');
  // Built when missing, or when it is a bundle from before these commands.
  if (!existsSync(cli) || !readFileSync(cli, 'utf8').includes('publish <file>')) await execa('node', ['scripts/build-engine.mjs'], { cwd: root });
}, 120_000);

describe('publish, versions, diff, releases', () => {
  it('publishes numbered versions, refuses invalid flows, diffs them, and records runs and releases', async () => {
    writeFileSync(file, v1);
    const first = await flowsmith(['publish', 'deploy.yaml', '--note', 'first cut']);
    expect(first.exitCode).toBe(0);
    expect(first.stdout).toMatch(/^published deploy version 1 \(sha256 [0-9a-f]{12}\)$/);

    // The same text again: a no-op that says which version it is.
    const again = await flowsmith(['publish', 'deploy.yaml', '--note', 'again', '--json']);
    expect(again.exitCode).toBe(0);
    const unchanged = JSON.parse(again.stdout) as PublishResult;
    expect(unchanged.outcome).toBe('unchanged');
    expect(unchanged.version?.version).toBe(1);
    expect(unchanged.version?.note).toBe('first cut');

    // An invalid flow is refused with its located findings, and nothing is numbered.
    writeFileSync(file, v1.replace('next: done', 'next: nowhere'));
    const invalid = await flowsmith(['publish', file]);
    expect(invalid.exitCode).toBe(1);
    expect(invalid.stderr).toContain(`${file}:10:11 deploy: next names step "nowhere"`);
    expect(invalid.stderr).toMatch(/nowhere/);
    expect(invalid.stderr).toMatch(/is not a valid flow; fix the errors above, then publish again/);

    // Version 2: deploy's retry changes, a step is added; reordering alone would not count.
    writeFileSync(file, v1.replace('maxAttempts: 2', 'maxAttempts: 5').replace('next: done', 'next: smoke').replace('  done:', '  smoke: {type: task, shell: "echo smoke", next: done}\n  done:'));
    const second = await flowsmith(['publish', 'deploy.yaml', '--note', 'more retries', '--json']);
    expect(second.exitCode).toBe(0);
    expect((JSON.parse(second.stdout) as PublishResult).outcome).toBe('published');

    const listed = await flowsmith(['versions', 'deploy', '--json']);
    const versions = JSON.parse(listed.stdout) as VersionInfo[];
    expect(versions.map((v) => [v.version, v.note, v.author, v.path])).toEqual([
      [1, 'first cut', 'tester', file],
      [2, 'more retries', 'tester', file],
    ]);
    expect(versions[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(Number.isNaN(Date.parse(versions[0]!.publishedAt))).toBe(false);
    const table = await flowsmith(['versions', 'deploy.yaml']);
    expect(table.stdout.split('\n')[0]).toMatch(/^VERSION\s+PUBLISHED\s+AUTHOR\s+HASH\s+NOTE$/);
    expect(table.stdout).toContain('more retries');

    const diffed = await flowsmith(['diff', 'deploy', '1', '2', '--json']);
    expect(diffed.exitCode).toBe(0);
    const diff = JSON.parse(diffed.stdout) as VersionDiff;
    expect(diff.steps).toEqual([
      { id: 'deploy', change: 'changed', scope: null, paths: ['deploy.retry.maxAttempts', 'deploy.next'] },
      { id: 'smoke', change: 'added', scope: null, paths: [] },
    ]);
    const text = await flowsmith(['diff', 'deploy', 'v1', 'v2']);
    expect(text.stdout).toBe('deploy: v1 → v2\n~ deploy  deploy.retry.maxAttempts, deploy.next\n+ smoke');

    // Against the working file (by name: the file the latest version came from).
    writeFileSync(file, readFileSync(file, 'utf8').replace('  smoke: {type: task, shell: "echo smoke", next: done}\n', '').replace('next: smoke', 'next: done'));
    const working = JSON.parse((await flowsmith(['diff', 'deploy', '2', '--json'])).stdout) as VersionDiff;
    expect(working).toMatchObject({ to: 'working', workingPath: file, steps: [{ id: 'deploy', paths: ['deploy.next'] }, { id: 'smoke', change: 'removed' }] });
    const unknown = await flowsmith(['diff', 'deploy', '1', '7']);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toBe('flowsmith: deploy has no version 7; its versions are 1, 2');

    // A run of a published text records its version; a run of an unpublished text has none.
    writeFileSync(file, v1);
    const ran = await flowsmith(['run', 'deploy.yaml', '--json', '--trust']);
    expect(ran.exitCode).toBe(0);
    const record = JSON.parse(ran.stdout) as { id: string; version: number | null };
    expect(record.version).toBe(1);
    const shown = JSON.parse((await flowsmith(['show', record.id, '--json'])).stdout) as { version: number | null };
    expect(shown.version).toBe(1);
    writeFileSync(file, `${v1}# edited\n`);
    const unpublished = JSON.parse((await flowsmith(['simulate', 'deploy.yaml', '--json'])).stdout) as { id: string; version: number | null };
    expect(unpublished.version).toBeNull();
    const runs = JSON.parse((await flowsmith(['runs', '--flow', 'deploy', '--all', '--json'])).stdout) as RunSummary[];
    expect(Object.fromEntries(runs.map((r) => [r.id, r.version]))).toEqual({ [record.id]: 1, [unpublished.id]: null });

    // Exports: of a published text, a release record; of an edited one, none.
    const editedExport = await flowsmith(['export', 'deploy.yaml', '--to', 'argo', '-o', 'edited.yaml']);
    expect(editedExport.exitCode).toBe(0);
    expect(editedExport.stderr).not.toMatch(/recorded release/);
    writeFileSync(file, v1);
    const exported = await flowsmith(['export', 'deploy.yaml', '--to', 'argo', '-o', 'argo-out.yaml']);
    expect(exported.exitCode).toBe(0);
    expect(exported.stderr).toMatch(/recorded release of deploy version 1 \(argo → argo-out\.yaml\)/);
    await flowsmith(['export', 'deploy.yaml', '--to', 'asl']);
    const releases = JSON.parse((await flowsmith(['releases', 'deploy', '--json'])).stdout) as ReleaseInfo[];
    expect(releases.map((r) => [r.version, r.target, r.output, r.by])).toEqual([
      [1, 'argo', 'argo-out.yaml', 'tester'],
      [1, 'asl', null, 'tester'],
    ]);
    expect(releases[1]!.findings).toBeGreaterThan(0);
    const releaseTable = await flowsmith(['releases', 'deploy']);
    expect(releaseTable.stdout.split('\n')[0]).toMatch(/^VERSION\s+TARGET\s+AT\s+BY\s+FINDINGS\s+OUTPUT$/);
    expect(releaseTable.stdout).toContain('(stdout)');
  }, 120_000);

  it('prints a note on one line, whatever control characters it holds', () => {
    const v: VersionInfo = { flow: 'f', version: 1, hash: 'a'.repeat(64), path: '/f.yaml', note: 'two\nlines \u001b[31mred', author: 'ana', publishedAt: '2026-01-01T00:00:00.000Z' };
    const out = formatVersions('f', [v]);
    expect(out.split('\n')).toHaveLength(2);
    expect(out).not.toContain('\u001b');
  });
});
