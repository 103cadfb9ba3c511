import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../runtime/events.js';
import { RunService } from '../service/run-service.js';
import Database from 'better-sqlite3';
import { Journal, openJournal } from '../store/journal.js';
import { RunTail } from './run-tail.js';

describe('RunTail: runs another process drives stream to watchers', () => {
  it('sends each new journal event of a watched run once, in order, and nothing this process sent itself', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fs-tail-'));
    const path = join(dir, 'two.yaml');
    writeFileSync(path, 'flowsmith: "1.0"\nname: two\nstart: a\nsteps:\n  a: {type: task, shell: "echo a", next: b}\n  b: {type: task, shell: "echo b"}\n');
    const db = join(dir, 'store.db');
    // "The CLI": its own store handle and service; it stops at a breakpoint before b.
    const cli = new RunService({ journal: openJournal(db), workRoot: join(dir, 'runs') });
    const driver = cli.startRun({ path, breakpoints: ['b'] });
    await cli.drive(driver, { stopWhenWaiting: true });
    const run = driver.id;

    // "The designer's engine process": another handle on the same file, watching the run.
    const journal = openJournal(db);
    const sent: { seq: number; type: RunEvent['type'] }[] = [];
    const tail = new RunTail(journal, () => [run], (r, seq, event) => sent.push({ seq, type: event.type }));
    tail.watch(run);
    const before = journal.seqOf(run);
    expect(tail.poll()).toBe(0);

    // When the CLI continues the run, the tail sends exactly the new events, in order.
    await cli.drive(cli.request(run, { kind: 'debug', request: { kind: 'continue', stepping: false } }), { stopWhenWaiting: true });
    expect(tail.poll()).toBeGreaterThan(0);
    expect(sent.map((e) => e.seq)).toEqual(Array.from({ length: journal.seqOf(run) - before }, (_, i) => before + 1 + i));
    expect(sent.at(-1)?.type).toBe('RunSucceeded');
    expect(tail.poll()).toBe(0);

    // Events this process reports as its own (saw) are not sent again; unwatched runs are forgotten.
    const other = new RunTail(journal, () => [run], () => expect.unreachable('sent twice'));
    other.watch(run);
    other.saw(run, journal.seqOf(run) + 1);
    expect(other.poll()).toBe(0);
    cli.close();
  });

  it('sends a runSummary for runs other processes start or move, once per change', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fs-tail-history-'));
    const path = join(dir, 'one.yaml');
    writeFileSync(path, 'flowsmith: "1.0"\nname: one\nstart: a\nsteps:\n  a: {type: task, shell: "echo a"}\n');
    const db = join(dir, 'store.db');
    const designer = new RunService({ journal: openJournal(db), workRoot: join(dir, 'runs') });
    const sent: { run: string; status: string; isNew: boolean }[] = [];
    const tail = new RunTail(designer.journal, () => [], () => undefined, {
      summaries: () => designer.summaries({ limit: 50 }),
      emit: (e) => sent.push({ run: e.run, status: e.status, isNew: e.started !== undefined }),
    });
    expect(tail.pollHistory()).toBe(0); // the first look takes note only

    const cli = new RunService({ journal: openJournal(db), workRoot: join(dir, 'runs') });
    const driver = cli.startRun({ path, breakpoints: ['a'] });
    await cli.drive(driver, { stopWhenWaiting: true });
    expect(tail.pollHistory()).toBe(1);
    expect(sent).toEqual([{ run: driver.id, status: 'paused', isNew: true }]);
    expect(tail.pollHistory()).toBe(0);
    await cli.drive(cli.request(driver.id, { kind: 'debug', request: { kind: 'continue', stepping: false } }), { stopWhenWaiting: true });
    tail.pollHistory();
    expect(sent.at(-1)).toEqual({ run: driver.id, status: 'succeeded', isNew: false });
    cli.close();
    designer.close();
  });

  it('reads no run rows while data_version is unchanged, and sees the next commit of another connection', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fs-tail-version-'));
    const path = join(dir, 'two.yaml');
    writeFileSync(path, 'flowsmith: "1.0"\nname: two\nstart: a\nsteps:\n  a: {type: task, shell: "echo a", next: b}\n  b: {type: task, shell: "echo b"}\n');
    const db = join(dir, 'store.db');
    const cli = new RunService({ journal: openJournal(db), workRoot: join(dir, 'runs') });
    const driver = cli.startRun({ path, breakpoints: ['b'] });
    await cli.drive(driver, { stopWhenWaiting: true });
    const run = driver.id;

    // The engine process's handle, with every SQL statement it runs recorded.
    const statements: string[] = [];
    const journal = new Journal(new Database(db, { verbose: (sql) => statements.push(String(sql).trim()) }));
    const sent: number[] = [];
    let historyLooks = 0;
    const tail = new RunTail(journal, () => [run], (_r, seq) => sent.push(seq), {
      summaries: () => {
        historyLooks += 1;
        return [];
      },
      emit: () => undefined,
    });
    tail.watch(run);
    tail.poll();
    tail.pollHistory();
    statements.length = 0;
    historyLooks = 0;

    // Idle: each look reads data_version and nothing else.
    for (let i = 0; i < 3; i++) {
      expect(tail.poll()).toBe(0);
      expect(tail.pollHistory()).toBe(0);
    }
    expect(statements).toEqual(Array.from({ length: 6 }, () => 'PRAGMA data_version'));
    expect(historyLooks).toBe(0);

    // Another connection (the CLI's) commits: the next look reads the run and sends the new events.
    await cli.drive(cli.request(run, { kind: 'debug', request: { kind: 'continue', stepping: false } }), { stopWhenWaiting: true });
    statements.length = 0;
    expect(tail.poll()).toBeGreaterThan(0);
    expect(statements.some((s) => /FROM events/.test(s))).toBe(true);
    expect(sent.at(-1)).toBe(journal.seqOf(run));
    tail.pollHistory();
    expect(historyLooks).toBe(1);
    cli.close();
    journal.close();
  });
});
