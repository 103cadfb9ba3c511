/**
 * The run journal in SQLite (better-sqlite3, WAL): runs, append-only events and step logs
 * (DESIGN.md "Store", "Durability"). `append` commits before it returns, so a caller that
 * reports an effect after `append` never reports one that a crash could lose.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Json } from '../model/flow.js';
import type { JournalEntry, RunEvent, RunId, RunMode } from '../runtime/events.js';
import { SCHEMA_SQL, SCHEMA_VERSION } from './schema.js';
import { RunLeases } from './leases.js';
import { FlowVersions } from './versions.js';
import { CallbackTokenStore } from './callbacks.js';

export interface RunRow {
  id: RunId;
  flow: string;
  flowPath: string;
  flowHash: string;
  mode: RunMode;
  status: string;
  startedAt: number;
  endedAt: number | null;
  /** RunStarted.trigger: what started the run when it was not a person, else null. */
  trigger: Json | null;
  /** RunStarted.parent: set for a child run (map item, `call` task), else null. */
  parent: { run: RunId; step: string; index: number } | null;
  /** The published version of its flow the run ran (its text was that version's when it started), else null (issue #12). */
  version: number | null;
  /** RunStarted.startedBy (who or what started the run), else null (older runs). */
  startedBy: Json | null;
}

/** Which runs `Journal.runs` lists; every field narrows the list, absent fields do not. */
export interface RunFilter {
  flow?: string;
  /** Stored status: running (a run waiting for people is stored as running), paused, succeeded, failed, cancelled. */
  status?: string;
  /** Only runs started at or after this time, epoch ms. */
  sinceMs?: number;
  mode?: RunMode;
  /** true: only runs a trigger started (RunStarted.trigger set); false: only the others. */
  isTriggered?: boolean;
  /** true: only child runs (RunStarted.parent set); false: only top-level runs. */
  isChild?: boolean;
  /** At most this many, newest first; default 1000. */
  limit?: number;
}

export interface LogRow {
  step: string;
  attempt: number;
  stream: 'stdout' | 'stderr';
  at: number;
  text: string;
}

/** A flow file a person marked as trusted (DESIGN.md "Security"); engine/service/trust.ts reads it. */
export interface TrustRow {
  /** Absolute path of the flow file. */
  path: string;
  /** When it was trusted, epoch ms. */
  trustedAt: number;
  /** Who trusted it (the OS user name or `--as`). */
  by: string;
}

/** Run statuses after which no more events are appended. */
const FINAL = new Set(['succeeded', 'failed', 'cancelled']);

/** SHA-256 of a flow's text, hex: the version id of a published flow. */
export function flowHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A problem with the store file itself (cannot open, damaged, read-only): the message names the file. */
export class StoreError extends Error {
  override name = 'StoreError';
}

/** How a store is opened. */
export interface OpenJournalOptions {
  /**
   * Open for reading only (`runs`, `show`): works on a read-only file or folder, never migrates or
   * writes; a write fails with a StoreError naming the file.
   */
  readonly?: boolean;
}

/**
 * Opens (creating when missing, unless read-only) the store at `file`; `:memory:` for an in-memory
 * store. Checks its integrity first (SQLite `quick_check`, issue #11 item 12), so a damaged store
 * is refused instead of read as fine. Throws StoreError naming the file when it cannot be opened,
 * is damaged, or cannot be brought to this version's schema.
 */
export function openJournal(file: string, options: OpenJournalOptions = {}): Journal {
  const where = file === ':memory:' ? 'the in-memory store' : `the store ${file}`;
  const readonly = options.readonly === true && file !== ':memory:';
  let db: Database.Database;
  try {
    if (file !== ':memory:' && !readonly) mkdirSync(dirname(file), { recursive: true });
    db = new Database(file, readonly ? { readonly: true, fileMustExist: true } : {});
  } catch (err) {
    throw new StoreError(`cannot open ${where}: ${(err as Error).message}; pass --db PATH to use another file`);
  }
  try {
    if (!readonly) {
      db.pragma('journal_mode = WAL');
      // NORMAL in WAL mode: a commit survives a process crash (kill -9); only an OS crash or power loss
      // can drop the last transactions (sqlite.org/pragma.html#pragma_synchronous).
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('busy_timeout = 5000');
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new StoreError(`${where} is damaged (SQLite quick_check: ${String(check)}); restore it from a backup, or pass --db PATH to use another file`);
    if (!readonly && (db.pragma('user_version', { simple: true }) as number) < SCHEMA_VERSION) {
      db.exec(SCHEMA_SQL);
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
    }
  } catch (err) {
    db.close();
    if (err instanceof StoreError) throw err;
    const message = (err as Error).message;
    if (/malformed|corrupt|not a database/i.test(message)) {
      throw new StoreError(`${where} is damaged (${message}); restore it from a backup, or pass --db PATH to use another file`);
    }
    if (/readonly|read-only/i.test(message)) {
      throw new StoreError(`${where} is read-only (${message}); commands that only read (runs, show) work on it, or pass --db PATH`);
    }
    throw new StoreError(`${where}: ${message}`);
  }
  return new Journal(db, where);
}

/** Access to one store file. Not shared across threads; several processes may open the same file. */
export class Journal {
  private readonly insertEvent: Database.Statement;
  private readonly lastSeq: Database.Statement;
  private readonly setStatus: Database.Statement;
  private readonly insertLog: Database.Statement;
  private readonly insertRun: Database.Statement;
  private readonly dataVersionOf: Database.Statement;
  // Transaction functions are built once: building one per call cost more than the INSERT itself
  // (issue #3 benchmarks, bench/README.md: 5.8 of 10.6 µs per append).
  private readonly appendTx: (run: RunId, expectedSeq: number, events: readonly RunEvent[]) => number;
  private readonly createTx: (first: RunEvent & { type: 'RunStarted' }, flowHashHex: string) => void;
  private readonly hasVersionTables: boolean;

  /**
   * `where` names the store in error messages ("the store /path/flowsmith.db"). Build one with
   * openJournal, which checks the file first.
   */
  constructor(
    readonly db: Database.Database,
    readonly where = 'the store',
  ) {
    this.insertRun = db.prepare(
      'INSERT INTO runs (id, flow, flow_path, flow_hash, mode, status, started_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.appendTx = db.transaction((run: RunId, expectedSeq: number, events: readonly RunEvent[]) => {
      let seq = expectedSeq;
      for (const e of events) {
        seq += 1;
        this.insertEvent.run(run, seq, e.type, e.at, JSON.stringify(e));
        if (e.type === 'RunSucceeded') this.setStatus.run('succeeded', e.at, run);
        else if (e.type === 'RunFailed') this.setStatus.run('failed', e.at, run);
        else if (e.type === 'RunCancelled') this.setStatus.run('cancelled', e.at, run);
        else if (e.type === 'RunPaused') this.setStatus.run('paused', null, run);
        else if (e.type === 'RunResumed' || e.type === 'StepRetryRequested') this.setStatus.run('running', null, run);
      }
      return seq;
    });
    // Issue #12: a run whose text is a published version of its flow records that version number.
    // Null on a store below schema 4 (opened read-only: it creates no runs anyway).
    this.hasVersionTables = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'run_versions'").get() !== undefined;
    const recordVersion = this.hasVersionTables
      ? db.prepare('INSERT OR IGNORE INTO run_versions (run_id, version) SELECT ?, version FROM flow_versions WHERE flow = ? AND hash = ?')
      : undefined;
    this.createTx = db.transaction((first: RunEvent & { type: 'RunStarted' }, flowHashHex: string) => {
      this.insertRun.run(first.run, first.flow, first.flowPath, flowHashHex, first.mode, 'running', first.at);
      this.insertEvent.run(first.run, 1, first.type, first.at, JSON.stringify(first));
      recordVersion?.run(first.run, first.flow, flowHashHex);
    });
    this.insertEvent = db.prepare('INSERT INTO events (run_id, seq, type, at, data) VALUES (?, ?, ?, ?, ?)');
    this.lastSeq = db.prepare('SELECT MAX(seq) AS seq FROM events WHERE run_id = ?');
    this.setStatus = db.prepare('UPDATE runs SET status = ?, ended_at = ? WHERE id = ?');
    this.dataVersionOf = db.prepare('PRAGMA data_version').pluck();
    this.insertLog = db.prepare(
      'INSERT INTO step_logs (run_id, step, attempt, stream, at, text) VALUES (?, ?, ?, ?, ?, ?)',
    );
  }

  /** Publishes a flow version (idempotent) and returns its hash. */
  publishFlow(name: string, text: string, at: number): string {
    const hash = flowHash(text);
    this.db.prepare('INSERT OR IGNORE INTO flows (name, hash, text, published_at) VALUES (?, ?, ?, ?)').run(name, hash, text, at);
    return hash;
  }

  /** The text of a published flow version, or undefined. */
  flowText(name: string, hash: string): string | undefined {
    const row = this.db.prepare('SELECT text FROM flows WHERE name = ? AND hash = ?').get(name, hash) as
      | { text: string }
      | undefined;
    return row?.text;
  }

  /**
   * Creates a run with its RunStarted event in one transaction. Throws when `first` is not
   * RunStarted or the id exists.
   */
  createRun(first: RunEvent, flowHashHex: string): void {
    if (first.type !== 'RunStarted') throw new Error('a run begins with RunStarted');
    this.createTx(first, flowHashHex);
  }

  /**
   * Appends events to a run after `expectedSeq` and commits; returns the seq of the last one.
   * Throws when another writer appended in between (the primary key on (run, seq) refuses it),
   * so two processes driving one run cannot interleave silently.
   */
  append(run: RunId, expectedSeq: number, events: readonly RunEvent[]): number {
    try {
      return this.appendTx(run, expectedSeq, events);
    } catch (err) {
      // A second writer (the (run, seq) key) is the driver's to explain; anything else is the file's.
      const message = (err as Error).message;
      if (/UNIQUE constraint/.test(message)) throw err;
      throw new StoreError(`cannot write to ${this.where}: ${message}`);
    }
  }

  /**
   * SQLite's `PRAGMA data_version` for this handle (sqlite.org/pragma.html#pragma_data_version): it
   * changes when another connection (another Journal on the file, another process) commits, and
   * stays the same for this handle's own commits. Equal values from two calls mean nobody else
   * wrote in between, so a reader of other writers' changes can skip its queries. One cheap read,
   * no table touched.
   */
  dataVersion(): number {
    return this.dataVersionOf.get() as number;
  }

  /** The highest seq of a run's journal (0 when it has none). */
  seqOf(run: RunId): number {
    return ((this.lastSeq.get(run) as { seq: number | null }).seq ?? 0) as number;
  }

  /** A run's events in order, from `afterSeq` (exclusive). */
  events(run: RunId, afterSeq = 0): JournalEntry[] {
    const rows = this.db
      .prepare('SELECT seq, data FROM events WHERE run_id = ? AND seq > ? ORDER BY seq')
      .all(run, afterSeq) as { seq: number; data: string }[];
    return rows.map((r) => ({ seq: r.seq, event: JSON.parse(r.data) as RunEvent }));
  }

  /** One run's row, or undefined. */
  run(id: RunId): RunRow | undefined {
    const row = this.db.prepare(`${selectRuns('runs', this.hasVersionTables)} WHERE r.id = ?`).get(id) as StoredRunRow | undefined;
    return row && toRunRow(row);
  }

  /**
   * Runs, newest first, narrowed by `filter` in SQL (so `limit` counts matching runs). Trigger and
   * parent are read from each run's RunStarted event rather than kept in columns: no schema change
   * for data the journal already holds. The cost is a primary-key lookup and a JSON parse per run
   * examined: `isChild`/`isTriggered` that match few runs examine all of them (~0.5 s per 100k runs).
   */
  runs(filter: RunFilter = {}): RunRow[] {
    const where: string[] = [];
    const args: (string | number)[] = [];
    const add = (clause: string, ...values: (string | number)[]) => {
      where.push(clause);
      args.push(...values);
    };
    if (filter.flow) add('r.flow = ?', filter.flow);
    if (filter.status) add('r.status = ?', filter.status);
    if (filter.sinceMs !== undefined) add('r.started_at >= ?', filter.sinceMs);
    if (filter.mode) add('r.mode = ?', filter.mode);
    // json_type is NULL for a missing key and 'null' for a JSON null: both mean "not set".
    const isSet = (key: string) =>
      `COALESCE((SELECT json_type(e.data, '$.${key}') FROM events e WHERE e.run_id = r.id AND e.seq = 1), 'null') != 'null'`;
    if (filter.isTriggered !== undefined) add(filter.isTriggered ? isSet('trigger') : `NOT ${isSet('trigger')}`);
    if (filter.isChild !== undefined) add(filter.isChild ? isSet('parent') : `NOT ${isSet('parent')}`);
    // The newest matching ids first (walking runs_by_start, so LIMIT stops the walk), then their RunStarted.
    const page = `SELECT * FROM runs r ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY r.started_at DESC, r.id DESC LIMIT ?`;
    const sql = `${selectRuns(`(${page})`, this.hasVersionTables)} ORDER BY r.started_at DESC, r.id DESC`;
    return (this.db.prepare(sql).all(...args, filter.limit ?? 1000) as StoredRunRow[]).map(toRunRow);
  }

  /** Ids of runs whose journal has not ended (for resume after a crash). */
  unfinishedRuns(): RunId[] {
    const rows = this.db.prepare("SELECT id FROM runs WHERE status NOT IN ('succeeded','failed','cancelled')").all() as {
      id: string;
    }[];
    return rows.map((r) => r.id);
  }

  /** True when the run's stored status is final. */
  isFinished(id: RunId): boolean {
    const r = this.run(id);
    return r !== undefined && FINAL.has(r.status);
  }

  /** Appends a chunk of a step's output to its log (committed at once). */
  appendLog(run: RunId, step: string, attempt: number, stream: 'stdout' | 'stderr', at: number, text: string): void {
    this.insertLog.run(run, step, attempt, stream, at, text);
  }

  /** A run's log chunks in order, optionally for one step. */
  logs(run: RunId, step?: string): LogRow[] {
    const sql = `SELECT step, attempt, stream, at, text FROM step_logs WHERE run_id = ? ${step ? 'AND step = ?' : ''} ORDER BY rowid`;
    const args = step ? [run, step] : [run];
    return this.db.prepare(sql).all(...args) as LogRow[];
  }

  /**
   * Records that `by` trusts the flow file at `path` (absolute) from `at` (epoch ms) on: it may then
   * run for real (engine/service/trust.ts). Trusting again replaces the record.
   */
  trustFlow(path: string, by: string, at: number): void {
    this.db.prepare('INSERT OR REPLACE INTO trusted_flows (path, trusted_at, by) VALUES (?, ?, ?)').run(path, at, by);
  }

  /** The trust record of the flow file at `path` (absolute), or undefined when nobody trusted it. */
  trustRecord(path: string): TrustRow | undefined {
    return this.db.prepare('SELECT path, trusted_at AS trustedAt, by FROM trusted_flows WHERE path = ?').get(path) as
      | TrustRow
      | undefined;
  }

  /** True when a person trusted the flow file at `path` (absolute). */
  isTrusted(path: string): boolean {
    return this.trustRecord(path) !== undefined;
  }

  private leaseTable: RunLeases | undefined;

  /** Which process drives which run, and the requests handed to it (leases.ts; issue #11 item 9). */
  get leases(): RunLeases {
    return (this.leaseTable ??= new RunLeases(this.db));
  }

  private versionTables: FlowVersions | undefined;

  /** Published versions of flows and their release records (versions.ts; issue #12 part 3). */
  get versions(): FlowVersions {
    return (this.versionTables ??= new FlowVersions(this.db));
  }

  private callbackTable: CallbackTokenStore | undefined;

  /** Callback tokens by their SHA-256 (callbacks.ts; issue #12 part 1): never the tokens themselves. */
  get callbacks(): CallbackTokenStore {
    return (this.callbackTable ??= new CallbackTokenStore(this.db));
  }

  close(): void {
    this.db.close();
  }
}

/** A runs row as SQLite returns it: trigger and parent are JSON text (or NULL). */
type StoredRunRow = Omit<RunRow, 'trigger' | 'parent' | 'startedBy'> & { trigger: string | null; parent: string | null; startedBy: string | null };

function toRunRow(row: StoredRunRow): RunRow {
  return {
    ...row,
    trigger: row.trigger === null ? null : (JSON.parse(row.trigger) as Json),
    parent: row.parent === null ? null : (JSON.parse(row.parent) as RunRow['parent']),
    startedBy: row.startedBy === null || row.startedBy === undefined ? null : (JSON.parse(row.startedBy) as Json),
  };
}

/**
 * Rows of `from` (the runs table, or a page of it) as `r`, with trigger and parent from their
 * RunStarted (seq 1) and the published version from run_versions (`hasVersions` false: a store
 * below schema 4, read-only, where every version is null).
 */
function selectRuns(from: string, hasVersions: boolean): string {
  return (
    "SELECT r.id, r.flow, r.flow_path AS flowPath, r.flow_hash AS flowHash, r.mode, r.status, r.started_at AS startedAt, r.ended_at AS endedAt, " +
    `s.data -> '$.trigger' AS trigger, s.data -> '$.parent' AS parent, ${hasVersions ? 'v.version' : 'NULL'} AS version, s.data -> '$.startedBy' AS startedBy ` +
    `FROM ${from} r LEFT JOIN events s ON s.run_id = r.id AND s.seq = 1` +
    (hasVersions ? ' LEFT JOIN run_versions v ON v.run_id = r.id' : '')
  );
}
