/**
 * Versions over a real SQLite store (issue #12 part 3): numbering, the no-op for a known text,
 * refusal of invalid flows, diffs against versions and the working text, release records, the
 * version a run records, and a store from before schema 4 (upgraded, or read-only).
 */
import Database from 'better-sqlite3';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunService } from '../service/run-service.js';
import { openJournal } from '../store/journal.js';
import { SCHEMA_SQL } from '../store/schema.js';
import { diffVersions, listReleases, listVersions, parseVersionRef, publishText, recordRelease, VersionError } from './versions.js';

const text = (retries: number) => `flowsmith: "1.0"
name: deploy
start: deploy
steps:
  deploy: {type: task, shell: "echo hi", retry: {maxAttempts: ${retries}}}
`;

describe('versions', () => {
  it('numbers versions per flow name, and publishing a known text again changes nothing', () => {
    const j = openJournal(':memory:');
    const publish = (t: string, note: string) => publishText(j, { text: t, path: '/w/deploy.yaml', note, author: 'ana', at: Date.UTC(2026, 0, 1) });
    expect(publish(text(2), 'one')).toMatchObject({ outcome: 'published', version: { flow: 'deploy', version: 1, note: 'one', author: 'ana', publishedAt: '2026-01-01T00:00:00.000Z' } });
    expect(publish(text(3), 'two')).toMatchObject({ outcome: 'published', version: { version: 2 } });
    // A revert to the first text is that version, not a third.
    expect(publish(text(2), 'revert')).toMatchObject({ outcome: 'unchanged', version: { version: 1, note: 'one' } });
    expect(publish(text(2).replace('name: deploy', 'name: other'), 'x')).toMatchObject({ outcome: 'published', version: { flow: 'other', version: 1 } });
    expect(listVersions(j, 'deploy').map((v) => v.version)).toEqual([1, 2]);
    expect(listVersions(j, 'nothing')).toEqual([]);
    expect(() => publish(text(9), 'x'.repeat(2001))).toThrow(/keep it under 2000/);
  });

  it('refuses a flow with errors, and a text that does not parse, with located findings', () => {
    const j = openJournal(':memory:');
    const bad = publishText(j, { text: text(0), path: '/w/deploy.yaml', note: '', author: 'ana', at: 1 });
    expect(bad.outcome).toBe('invalid');
    expect(bad.findings.find((f) => f.severity === 'error')).toMatchObject({ file: '/w/deploy.yaml', line: 5 });
    expect(publishText(j, { text: 'name: [', path: '/w/x.yaml', note: '', author: 'ana', at: 1 }).outcome).toBe('invalid');
    expect(listVersions(j, 'deploy')).toEqual([]);
  });

  it('diffs versions and the working text, and says which versions exist', () => {
    const j = openJournal(':memory:');
    for (const n of [2, 3]) publishText(j, { text: text(n), path: '/w/deploy.yaml', note: '', author: 'ana', at: n });
    expect(diffVersions(j, { flow: 'deploy', from: 1, to: 2 }).steps).toEqual([{ id: 'deploy', change: 'changed', scope: null, paths: ['deploy.retry.maxAttempts'] }]);
    const working = diffVersions(j, { flow: 'deploy', from: 2, to: 'working', working: { path: '/w/deploy.yaml', text: `${text(3)}# note\n` } });
    expect(working).toMatchObject({ isSame: true, isSameText: false, workingPath: '/w/deploy.yaml' });
    expect(() => diffVersions(j, { flow: 'deploy', from: 1, to: 9 })).toThrow(/deploy has no version 9; its versions are 1, 2/);
    expect(() => diffVersions(j, { flow: 'nope', from: 1, to: 2 })).toThrow(VersionError);
    expect(() => diffVersions(j, { flow: 'deploy', from: 1, to: 'working', working: { path: '/w/deploy.yaml', text: 'a: [' } })).toThrow(/\/w\/deploy\.yaml:1:/);
    expect([parseVersionRef('2'), parseVersionRef('v3'), parseVersionRef('working')]).toEqual([2, 3, 'working']);
    expect(() => parseVersionRef('0')).toThrow(/is not a version/);
    expect(() => parseVersionRef('1; drop')).toThrow(/is not a version/);
  });

  it('records a release only for the text of a published version', () => {
    const j = openJournal(':memory:');
    publishText(j, { text: text(2), path: '/w/deploy.yaml', note: '', author: 'ana', at: 1 });
    const findings = [{ severity: 'warning' as const, code: 'FS200', message: 'm' }, { severity: 'error' as const, code: 'FS201', message: 'e' }];
    expect(recordRelease(j, { text: text(2), target: 'argo', output: 'out.yaml', findings, by: 'bo', at: 5 })).toEqual({
      flow: 'deploy', version: 1, target: 'argo', output: 'out.yaml', findings: 2, errors: 1, by: 'bo', at: new Date(5).toISOString(),
    });
    expect(recordRelease(j, { text: text(7), target: 'argo', output: null, findings: [], by: 'bo', at: 6 })).toBeNull();
    expect(recordRelease(j, { text: '{', target: 'argo', output: null, findings: [], by: 'bo', at: 6 })).toBeNull();
    expect(listReleases(j, 'deploy')).toHaveLength(1);
  });

  it('records the version a run ran when its text is a published one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fs-versions-run-'));
    const path = join(dir, 'deploy.yaml');
    const j = openJournal(':memory:');
    const service = new RunService({ journal: j, workRoot: join(dir, 'runs') });
    writeFileSync(path, text(2));
    publishText(j, { text: text(2), path, note: '', author: 'ana', at: 1 });
    const published = service.startRun({ path, mode: 'simulate' });
    writeFileSync(path, text(4));
    const edited = service.startRun({ path, mode: 'simulate' });
    await Promise.all([service.drive(published, { stopWhenWaiting: false }), service.drive(edited, { stopWhenWaiting: false })]);
    expect(j.run(published.id)?.version).toBe(1);
    expect(j.run(edited.id)?.version).toBeNull();
    // Publishing later does not rewrite history: the run was started before its text was a version.
    publishText(j, { text: text(4), path, note: '', author: 'ana', at: 2 });
    expect(j.runs().map((r) => [r.id, r.version])).toEqual(expect.arrayContaining([[published.id, 1], [edited.id, null]]));
    service.close();
  });

  it('opens a store from before schema 4: upgraded when writable, version null when read-only', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fs-versions-old-'));
    const file = join(dir, 'old.db');
    const old = new Database(file);
    // Schema 3: everything before the tables issue #12 added.
    old.exec(SCHEMA_SQL.slice(0, SCHEMA_SQL.indexOf('-- Issue #12 part 3')));
    old.exec(`
      INSERT INTO runs VALUES ('r1', 'deploy', '/w/deploy.yaml', 'h', 'run', 'succeeded', 1, 2);
      INSERT INTO events VALUES ('r1', 1, 'RunStarted', 1, '{"type":"RunStarted"}');`);
    old.pragma('user_version = 3');
    old.close();
    const readonly = openJournal(file, { readonly: true });
    expect(readonly.runs().map((r) => r.version)).toEqual([null]);
    expect(listVersions(readonly, 'deploy')).toEqual([]);
    readonly.close();
    const upgraded = openJournal(file);
    expect(upgraded.runs().map((r) => r.version)).toEqual([null]);
    expect(publishText(upgraded, { text: text(2), path: '/w/deploy.yaml', note: '', author: 'ana', at: 1 }).outcome).toBe('published');
    upgraded.close();
  });
});
