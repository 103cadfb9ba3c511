/**
 * The raw better-sqlite3 floor (issue #3): the same events Flowsmith journals, appended with
 * nothing else around them: one prepared INSERT into the engine's own `events` table
 * (engine/store/schema.ts), JSON.stringify per event, one transaction per group, WAL,
 * synchronous=NORMAL. No engine, no fold, no decisions: what durability alone costs.
 * better-sqlite3 is the app's copy (resolved from the repo's node_modules), not installed in bench/.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunEvent } from '../../engine/runtime/events.js';
import { SCHEMA_SQL } from '../../engine/store/schema.js';
import type { Rep } from '../harness/types.js';

/** One event as stored: its run, its 1-based seq in that run, the event. */
export type StoredEvent = readonly [run: string, seq: number, event: RunEvent];

/** Events committed together; a workload's journal is a list of these. */
export type Transaction = StoredEvent[];

/**
 * Builds transactions from runs' events in journal order: each step activation's events
 * (StepStarted … its end) share one transaction, as in "one transaction per step"; run-level
 * events (RunStarted, RunSucceeded…) are a transaction of their own. Transactions are ordered by
 * their first event, events keep their seq.
 */
export function perStep(runs: readonly (readonly RunEvent[])[], runIds: readonly string[]): Transaction[] {
  const out: Transaction[] = [];
  runs.forEach((events, r) => {
    const open = new Map<string, Transaction>();
    events.forEach((e, i) => {
      const step = 'step' in e && e.type !== 'RunFailed' && e.type !== 'CompensationStarted' ? e.step : undefined;
      let tx = step === undefined ? undefined : open.get(step);
      if (!tx || e.type === 'StepStarted') {
        tx = [];
        out.push(tx);
        if (step !== undefined) open.set(step, tx);
      }
      tx.push([runIds[r]!, i + 1, e]);
    });
  });
  return out;
}

/** Regroups the same events into transactions of `size` events each, in order (shared commits). */
export function batched(txs: readonly Transaction[], size: number): Transaction[] {
  const all = txs.flat();
  const out: Transaction[] = [];
  for (let i = 0; i < all.length; i += size) out.push(all.slice(i, i + size));
  return out;
}

/** Opens an empty store with the engine's schema and pragmas: `:memory:` or a file in a temp dir. */
export function openFloorDb(onDisk: boolean): { db: Database.Database; close(): void } {
  const dir = onDisk ? mkdtempSync(join(tmpdir(), 'flowsmith-floor-')) : undefined;
  const db = new Database(dir ? join(dir, 'floor.db') : ':memory:');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(SCHEMA_SQL);
  return {
    db,
    close() {
      db.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A Rep that appends `txs` to a fresh store per repetition, one transaction each. */
export function floorRep(makeTxs: () => Transaction[], onDisk: boolean): Rep {
  const txs = makeTxs();
  const events = txs.reduce((n, t) => n + t.length, 0);
  let store: ReturnType<typeof openFloorDb> | undefined;
  return {
    before() {
      store = openFloorDb(onDisk);
    },
    run() {
      const insert = store!.db.prepare('INSERT INTO events (run_id, seq, type, at, data) VALUES (?, ?, ?, ?, ?)');
      const commit = store!.db.transaction((tx: Transaction) => {
        for (const [run, seq, e] of tx) insert.run(run, seq, e.type, e.at, JSON.stringify(e));
      });
      for (const tx of txs) commit(tx);
    },
    after() {
      const n = (store!.db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;
      store!.close();
      if (n !== events) throw new Error(`floor stored ${n} events, expected ${events}`);
    },
    extra: () => ({ events, transactions: txs.length }),
  };
}
