/**
 * The store file itself (#11 item 12): a damaged store is refused with its path instead of read as
 * fine; a store opened read-only lists runs and names itself when something tries to write.
 */
import { closeSync, mkdtempSync, openSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../runtime/events.js';
import { openJournal, StoreError } from './journal.js';

const started = (run: string): RunEvent => ({
  type: 'RunStarted', at: 1000, run, flow: 'deploy', flowPath: '/f.yaml', input: { pad: 'x'.repeat(500) }, vars: {}, mode: 'run', semantics: 1, workdir: '/tmp', start: 'a',
});

/** A store file with `n` runs, closed (its WAL checkpointed into the file). */
function storeWithRuns(n: number): string {
  const file = join(mkdtempSync(join(tmpdir(), 'fs-store-file-')), 'flowsmith.db');
  const j = openJournal(file);
  for (let i = 0; i < n; i++) j.createRun(started(`r${i}`), 'h');
  j.close();
  return file;
}

describe('the store file', () => {
  it('refuses a store with a damaged page, naming the file', () => {
    const file = storeWithRuns(200);
    const pages = statSync(file).size / 4096;
    expect(pages).toBeGreaterThan(4);
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(4096, 0xa5), 0, 4096, 4096 * Math.floor(pages / 2));
    closeSync(fd);
    expect(() => openJournal(file)).toThrow(StoreError);
    expect(() => openJournal(file)).toThrow(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is damaged`));
    expect(() => openJournal(file, { readonly: true })).toThrow(/is damaged/);
  });

  it('opens read-only: lists runs, and a write fails naming the file', () => {
    const file = storeWithRuns(3);
    const j = openJournal(file, { readonly: true });
    expect(j.runs().map((r) => r.id).sort()).toEqual(['r0', 'r1', 'r2']);
    expect(() => j.append('r0', 1, [{ type: 'StepStarted', at: 1, step: 'a', attempt: 1 }])).toThrow(new RegExp(`cannot write to the store .*flowsmith\\.db`));
    j.close();
  });

  it('names the file when it cannot be opened', () => {
    expect(() => openJournal('/nonexistent-dir-for-flowsmith/x.db', { readonly: true })).toThrow(/cannot open the store \/nonexistent-dir-for-flowsmith\/x\.db/);
  });
});
