/**
 * Published flow versions and release records in the store (issue #12 part 3, DESIGN.md "Store").
 * A flow's identity is its `name:` (the same key `runs --flow` uses): versions are numbered 1, 2, …
 * per name, immutable, and keyed by the SHA-256 of the text (store/journal.ts flowHash), whose text
 * is kept in the `flows` table. One text is at most one version of a flow (the unique index on
 * (flow, hash)): publishing a text that is already a version changes nothing.
 * A release record is one export of a published version: target, output file, findings, when, who.
 * Times are epoch ms here; ISO 8601 at the edges (CLI `--json`, HostApi).
 */
import type Database from 'better-sqlite3';
import type { FlowVersionRecord, ReleaseRecord } from './version-records.js';

export type { FlowVersionRecord, ReleaseRecord } from './version-records.js';

/** One published version of a flow as stored (times epoch ms). */
export type VersionRow = FlowVersionRecord<number>;

/** One export of a published version as stored (times epoch ms), with its row id. */
export interface ReleaseRow extends ReleaseRecord<number> {
  id: number;
}

/** What publish did: `isNew` false when the text already was `version` (nothing was written). */
export interface PublishOutcome {
  row: VersionRow;
  isNew: boolean;
}

const VERSION_COLUMNS = 'flow, version, hash, path, note, author, published_at AS publishedAt';

/** The versions and releases tables of one store. Reads on a store without them (older, read-only) give nothing. */
export class FlowVersions {
  private readonly hasTables: boolean;

  constructor(private readonly db: Database.Database) {
    // A store below schema 4 opened read-only (`runs`, `versions` on a read-only file) has no tables yet.
    this.hasTables = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'flow_versions'").get() !== undefined;
  }

  /**
   * Publishes `text` as the next version of `flow` unless that text already is a version of it
   * (then returns that one with `isNew` false). The text goes into `flows` too. One IMMEDIATE
   * transaction, so two processes publishing at once get 1 and 2, never the same number.
   */
  publish(p: { flow: string; hash: string; text: string; path: string; note: string; author: string; at: number }): PublishOutcome {
    const tx = this.db.transaction((): PublishOutcome => {
      const existing = this.byHash(p.flow, p.hash);
      if (existing) return { row: existing, isNew: false };
      const last = this.db.prepare('SELECT MAX(version) AS v FROM flow_versions WHERE flow = ?').get(p.flow) as { v: number | null };
      const version = (last.v ?? 0) + 1;
      this.db.prepare('INSERT OR IGNORE INTO flows (name, hash, text, published_at) VALUES (?, ?, ?, ?)').run(p.flow, p.hash, p.text, p.at);
      this.db
        .prepare('INSERT INTO flow_versions (flow, version, hash, path, note, author, published_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(p.flow, version, p.hash, p.path, p.note, p.author, p.at);
      return { row: { flow: p.flow, version, hash: p.hash, path: p.path, note: p.note, author: p.author, publishedAt: p.at }, isNew: true };
    });
    return tx.immediate();
  }

  /** The versions of `flow`, oldest first. */
  list(flow: string): VersionRow[] {
    if (!this.hasTables) return [];
    return this.db.prepare(`SELECT ${VERSION_COLUMNS} FROM flow_versions WHERE flow = ? ORDER BY version`).all(flow) as VersionRow[];
  }

  /** Version `version` of `flow`, or undefined. */
  get(flow: string, version: number): VersionRow | undefined {
    if (!this.hasTables) return undefined;
    return this.db.prepare(`SELECT ${VERSION_COLUMNS} FROM flow_versions WHERE flow = ? AND version = ?`).get(flow, version) as
      | VersionRow
      | undefined;
  }

  /** The version of `flow` whose text has SHA-256 `hash`, or undefined. */
  byHash(flow: string, hash: string): VersionRow | undefined {
    if (!this.hasTables) return undefined;
    return this.db.prepare(`SELECT ${VERSION_COLUMNS} FROM flow_versions WHERE flow = ? AND hash = ?`).get(flow, hash) as
      | VersionRow
      | undefined;
  }

  /** The text of a version (from `flows`), or undefined when there is no such version. */
  text(flow: string, version: number): string | undefined {
    if (!this.hasTables) return undefined;
    const row = this.db
      .prepare('SELECT f.text FROM flow_versions v JOIN flows f ON f.name = v.flow AND f.hash = v.hash WHERE v.flow = ? AND v.version = ?')
      .get(flow, version) as { text: string } | undefined;
    return row?.text;
  }

  /** Records one export of a published version and returns it. */
  addRelease(p: Omit<ReleaseRow, 'id'>): ReleaseRow {
    const info = this.db
      .prepare('INSERT INTO releases (flow, version, target, output, findings, errors, by, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(p.flow, p.version, p.target, p.output, p.findings, p.errors, p.by, p.at);
    return { ...p, id: Number(info.lastInsertRowid) };
  }

  /** The release records of `flow`, oldest first. */
  releases(flow: string): ReleaseRow[] {
    if (!this.hasTables) return [];
    return this.db
      .prepare('SELECT id, flow, version, target, output, findings, errors, by, at FROM releases WHERE flow = ? ORDER BY at, id')
      .all(flow) as ReleaseRow[];
  }
}
