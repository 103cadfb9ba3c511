import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../runtime/events.js';
import { openJournal } from './journal.js';
import { SCHEMA_VERSION } from './schema.js';

const started = (run: string, at = 1000): RunEvent => ({
  type: 'RunStarted', at, run, flow: 'deploy', flowPath: '/f.yaml', input: {}, vars: {}, mode: 'run', semantics: 1, workdir: '/tmp', start: 'a',
});

describe('Journal', () => {
  it('stores events in order in a WAL database that a second connection reads', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'fs-journal-')), 'store.db');
    const j = openJournal(file);
    expect(j.db.pragma('journal_mode', { simple: true })).toBe('wal');
    j.createRun(started('r1'), 'h');
    const seq = j.append('r1', 1, [
      { type: 'StepStarted', at: 1001, step: 'a', attempt: 1 },
      { type: 'StepSucceeded', at: 1002, step: 'a', output: { ok: true }, next: [] },
    ]);
    expect(seq).toBe(3);
    const other = openJournal(file);
    expect(other.events('r1').map((e) => [e.seq, e.event.type])).toEqual([
      [1, 'RunStarted'],
      [2, 'StepStarted'],
      [3, 'StepSucceeded'],
    ]);
    expect(other.events('r1', 2)).toHaveLength(1);
    other.close();
    j.close();
  });

  it('refuses an append that does not follow the last seq, so two writers cannot interleave', () => {
    const j = openJournal(':memory:');
    j.createRun(started('r1'), 'h');
    j.append('r1', 1, [{ type: 'StepStarted', at: 1, step: 'a', attempt: 1 }]);
    expect(() => j.append('r1', 1, [{ type: 'StepStarted', at: 1, step: 'b', attempt: 1 }])).toThrow(/UNIQUE|PRIMARY/);
    expect(j.seqOf('r1')).toBe(2);
  });

  it('keeps run status for listing and finds unfinished runs', () => {
    const j = openJournal(':memory:');
    j.createRun(started('r1', 1), 'h');
    j.createRun(started('r2', 2), 'h');
    j.append('r1', 1, [{ type: 'RunSucceeded', at: 5 }]);
    expect(j.runs({ status: 'succeeded' }).map((r) => r.id)).toEqual(['r1']);
    expect(j.runs().map((r) => r.id)).toEqual(['r2', 'r1']);
    expect(j.unfinishedRuns()).toEqual(['r2']);
    expect(j.run('r1')).toMatchObject({ status: 'succeeded', endedAt: 5, flow: 'deploy' });
  });

  it('keeps step logs and published flow versions', () => {
    const j = openJournal(':memory:');
    j.createRun(started('r1'), 'h');
    j.appendLog('r1', 'a', 1, 'stdout', 10, 'hello\n');
    j.appendLog('r1', 'b', 1, 'stderr', 11, 'oops\n');
    expect(j.logs('r1', 'b')).toEqual([{ step: 'b', attempt: 1, stream: 'stderr', at: 11, text: 'oops\n' }]);
    const hash = j.publishFlow('deploy', 'name: deploy', 1);
    expect(j.publishFlow('deploy', 'name: deploy', 2)).toBe(hash);
    expect(j.flowText('deploy', hash)).toBe('name: deploy');
  });

  it('records trusted flow files by path, and trusting again replaces the record', () => {
    const j = openJournal(':memory:');
    expect(j.isTrusted('/w/imported.yaml')).toBe(false);
    j.trustFlow('/w/imported.yaml', 'alice', 10);
    expect(j.isTrusted('/w/imported.yaml')).toBe(true);
    expect(j.isTrusted('/w/other.yaml')).toBe(false);
    j.trustFlow('/w/imported.yaml', 'bob', 20);
    expect(j.trustRecord('/w/imported.yaml')).toEqual({ path: '/w/imported.yaml', trustedAt: 20, by: 'bob' });
  });

  it('migrates a version 1 store: its runs stay, trusted_flows and the lease tables are added', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'fs-journal-')), 'old.db');
    const old = new Database(file);
    old.exec(`CREATE TABLE flows (name TEXT NOT NULL, hash TEXT NOT NULL, text TEXT NOT NULL, published_at INTEGER NOT NULL, PRIMARY KEY (name, hash));
      CREATE TABLE runs (id TEXT PRIMARY KEY, flow TEXT NOT NULL, flow_path TEXT NOT NULL, flow_hash TEXT NOT NULL, mode TEXT NOT NULL, status TEXT NOT NULL, started_at INTEGER NOT NULL, ended_at INTEGER);
      INSERT INTO runs VALUES ('r0', 'deploy', '/f.yaml', 'h', 'run', 'succeeded', 1, 2);`);
    old.pragma('user_version = 1');
    old.close();
    const j = openJournal(file);
    expect(j.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(j.run('r0')).toMatchObject({ status: 'succeeded' });
    j.trustFlow('/w/a.yaml', 'alice', 1);
    expect(j.isTrusted('/w/a.yaml')).toBe(true);
    expect(j.leases.acquire('r0', 'me', 1, 10, () => false).acquired).toBe(true);
    j.close();
  });
});
