/**
 * Callback tokens (issue #12 part 1; DESIGN.md "Waiting for an outside system"): the store keeps
 * only each token's SHA-256 (hex), with the run, step and attempt it answers and when it was used.
 * A token is single-use: `claim` marks it used in one IMMEDIATE transaction, so two processes
 * answering the same token at once cannot both get it.
 */
import type Database from 'better-sqlite3';
import type { RunId } from '../runtime/events.js';

/** What a token answers: attempt `attempt` of `step` in `run`. */
export interface CallbackTarget {
  run: RunId;
  step: string;
  attempt: number;
}

/** The outcome of claiming a token: claimed now, used before, or never issued. */
export type CallbackClaim =
  | ({ status: 'claimed' } & CallbackTarget)
  | ({ status: 'used'; usedAt: number } & CallbackTarget)
  | { status: 'unknown' };

type Row = CallbackTarget & { usedAt: number | null };

export class CallbackTokenStore {
  private readonly insert: Database.Statement;
  private readonly find: Database.Statement;
  private readonly markUsed: Database.Statement;
  private readonly claimTx: Database.Transaction<(hash: string, at: number) => CallbackClaim>;

  constructor(db: Database.Database) {
    this.insert = db.prepare('INSERT INTO callbacks (token_hash, run_id, step, attempt, created_at) VALUES (?, ?, ?, ?, ?)');
    this.find = db.prepare('SELECT run_id AS run, step, attempt, used_at AS usedAt FROM callbacks WHERE token_hash = ?');
    this.markUsed = db.prepare('UPDATE callbacks SET used_at = ? WHERE token_hash = ? AND used_at IS NULL');
    this.claimTx = db.transaction((hash: string, at: number): CallbackClaim => {
      const row = this.find.get(hash) as Row | undefined;
      if (!row) return { status: 'unknown' };
      const target = { run: row.run, step: row.step, attempt: row.attempt };
      if (row.usedAt !== null) return { status: 'used', usedAt: row.usedAt, ...target };
      this.markUsed.run(at, hash);
      return { status: 'claimed', ...target };
    });
  }

  /** Records a new token by its hash (`hash`: SHA-256 hex) for `target`, at `at` (epoch ms); committed at once. */
  record(hash: string, target: CallbackTarget, at: number): void {
    this.insert.run(hash, target.run, target.step, target.attempt, at);
  }

  /** Marks the token with hash `hash` used at `at` (epoch ms) unless it was; says what it answers. */
  claim(hash: string, at: number): CallbackClaim {
    return this.claimTx.immediate(hash, at);
  }
}
