/**
 * Run leases (issue #11 item 9): at most one live process drives a run. The process that drives a
 * run holds its lease (owner id + heartbeat); another process that gets a request for that run
 * (an answer, a cancel, a debugging request) records it here and the owner acts on it. A lease
 * whose heartbeat is older than the stale time, or whose owner process is gone, is taken over.
 * Times are wall-clock epoch ms (leases are about processes, not about a run's virtual time).
 */
import type Database from 'better-sqlite3';
import type { Json } from '../model/flow.js';
import type { RunId } from '../runtime/events.js';

/** Who holds a run's lease and when they last said they are alive. */
export interface Lease {
  owner: string;
  heartbeatAt: number;
}

/** A request recorded for a run's owner. `request` is transition input (runtime/transition.ts) as JSON. */
export interface RunRequestRow {
  id: number;
  run: RunId;
  at: number;
  request: Json;
}

export class RunLeases {
  private readonly getLease: Database.Statement;
  private readonly putLease: Database.Statement;
  private readonly acquireTx: Database.Transaction<(run: RunId, owner: string, now: number, staleMs: number, isGone: (owner: string) => boolean) => Lease & { acquired: boolean }>;

  constructor(private readonly db: Database.Database) {
    this.getLease = db.prepare('SELECT owner, heartbeat_at AS heartbeatAt FROM run_leases WHERE run_id = ?');
    this.putLease = db.prepare('INSERT OR REPLACE INTO run_leases (run_id, owner, heartbeat_at) VALUES (?, ?, ?)');
    this.acquireTx = db.transaction((run: RunId, owner: string, now: number, staleMs: number, isGone: (owner: string) => boolean) => {
      const held = this.getLease.get(run) as Lease | undefined;
      if (held && held.owner !== owner && held.heartbeatAt > now - staleMs && !isGone(held.owner)) return { ...held, acquired: false };
      this.putLease.run(run, owner, now);
      return { owner, heartbeatAt: now, acquired: true };
    });
  }

  /**
   * Takes `run`'s lease for `owner` when it is free, already `owner`'s, older than `staleMs`, or
   * held by an owner `isGone` says is dead. Returns the holder after the call and whether it is
   * `owner`. One IMMEDIATE transaction, so two processes cannot both take it.
   */
  acquire(run: RunId, owner: string, now: number, staleMs: number, isGone: (owner: string) => boolean): Lease & { acquired: boolean } {
    return this.acquireTx.immediate(run, owner, now, staleMs, isGone);
  }

  /** The lease of `run`, or undefined when nobody holds it. */
  holder(run: RunId): Lease | undefined {
    return this.getLease.get(run) as Lease | undefined;
  }

  /** Renews every lease `owner` holds (its heartbeat). */
  renew(owner: string, now: number): void {
    this.db.prepare('UPDATE run_leases SET heartbeat_at = ? WHERE owner = ?').run(now, owner);
  }

  /** Gives `run`'s lease up when `owner` holds it. */
  release(run: RunId, owner: string): void {
    this.db.prepare('DELETE FROM run_leases WHERE run_id = ? AND owner = ?').run(run, owner);
  }

  /** Records a request for `run`'s owner; returns its id. */
  enqueue(run: RunId, request: Json, at: number): number {
    return Number(this.db.prepare('INSERT INTO run_requests (run_id, at, request) VALUES (?, ?, ?)').run(run, at, JSON.stringify(request)).lastInsertRowid);
  }

  /** Requests not yet handled, oldest first: of the runs `owner` holds, or of one run. */
  pending(by: { owner: string } | { run: RunId }): RunRequestRow[] {
    const rows = ('owner' in by
      ? this.db.prepare(
          'SELECT r.id, r.run_id AS run, r.at, r.request FROM run_requests r JOIN run_leases l ON l.run_id = r.run_id WHERE l.owner = ? AND r.done_at IS NULL ORDER BY r.id',
        ).all(by.owner)
      : this.db.prepare('SELECT id, run_id AS run, at, request FROM run_requests WHERE run_id = ? AND done_at IS NULL ORDER BY id').all(by.run)) as (Omit<RunRequestRow, 'request'> & { request: string })[];
    return rows.map((r) => ({ ...r, request: JSON.parse(r.request) as Json }));
  }

  /** Marks a request handled; `error` is the message a refused request gives its sender, else null. */
  complete(id: number, at: number, error: string | null): void {
    this.db.prepare('UPDATE run_requests SET done_at = ?, error = ? WHERE id = ?').run(at, error, id);
  }

  /** Whether request `id` was handled, and the error it was refused with (null when it was carried out). */
  result(id: number): { done: boolean; error: string | null } {
    const row = this.db.prepare('SELECT done_at AS doneAt, error FROM run_requests WHERE id = ?').get(id) as { doneAt: number | null; error: string | null } | undefined;
    return { done: row?.doneAt !== null && row?.doneAt !== undefined, error: row?.error ?? null };
  }
}
