/**
 * SQLite schema of the store (DESIGN.md "Store"): published flow versions, runs, the event
 * journal, step logs and the flow files a person has trusted. Applied with `user_version` so later
 * versions can migrate. Every statement is `IF NOT EXISTS`, so a store at an older version is
 * brought up to date by running the whole script again.
 * Version 2 (issue #4) added `trusted_flows`, and the `runs_by_start` index (issue #3).
 * Version 3 (issue #11 item 9) added `run_leases` (which process drives a run, with its
 * heartbeat) and `run_requests` (requests a non-owner hands to the owner; leases.ts).
 * Version 4 (issue #12 part 3) added `flow_versions` (numbered published versions; their text is
 * in `flows`), `run_versions` (the published version a run ran, when its text was one) and
 * `releases` (each export of a published version; versions.ts).
 */
export const SCHEMA_VERSION = 4;

export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS flows (
  name TEXT NOT NULL,
  hash TEXT NOT NULL,
  text TEXT NOT NULL,
  published_at INTEGER NOT NULL,
  PRIMARY KEY (name, hash)
);
CREATE TABLE IF NOT EXISTS runs (
  id TEXT PRIMARY KEY,
  flow TEXT NOT NULL,
  flow_path TEXT NOT NULL,
  flow_hash TEXT NOT NULL,
  mode TEXT NOT NULL,
  status TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  ended_at INTEGER
);
CREATE INDEX IF NOT EXISTS runs_by_flow ON runs (flow, started_at);
CREATE INDEX IF NOT EXISTS runs_by_status ON runs (status);
-- flowsmith runs lists newest first and stops at --limit (issue #3).
CREATE INDEX IF NOT EXISTS runs_by_start ON runs (started_at, id);
CREATE TABLE IF NOT EXISTS events (
  run_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  type TEXT NOT NULL,
  at INTEGER NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (run_id, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS step_logs (
  run_id TEXT NOT NULL,
  step TEXT NOT NULL,
  attempt INTEGER NOT NULL,
  stream TEXT NOT NULL,
  at INTEGER NOT NULL,
  text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS step_logs_by_run ON step_logs (run_id, step);
CREATE TABLE IF NOT EXISTS trusted_flows (
  path TEXT PRIMARY KEY,
  trusted_at INTEGER NOT NULL,
  by TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS run_leases (
  run_id TEXT PRIMARY KEY,
  owner TEXT NOT NULL,
  heartbeat_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS run_requests (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  run_id TEXT NOT NULL,
  at INTEGER NOT NULL,
  request TEXT NOT NULL,
  done_at INTEGER,
  error TEXT
);
CREATE INDEX IF NOT EXISTS run_requests_open ON run_requests (run_id) WHERE done_at IS NULL;
-- Issue #12 part 3 (versions.ts): numbered, immutable published versions of a flow (by its name);
-- the text lives in flows (name, hash).
CREATE TABLE IF NOT EXISTS flow_versions (
  flow TEXT NOT NULL,
  version INTEGER NOT NULL,
  hash TEXT NOT NULL,
  path TEXT NOT NULL,
  note TEXT NOT NULL,
  author TEXT NOT NULL,
  published_at INTEGER NOT NULL,
  PRIMARY KEY (flow, version)
);
CREATE UNIQUE INDEX IF NOT EXISTS flow_versions_by_hash ON flow_versions (flow, hash);
CREATE TABLE IF NOT EXISTS run_versions (
  run_id TEXT PRIMARY KEY,
  version INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS releases (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  flow TEXT NOT NULL,
  version INTEGER NOT NULL,
  target TEXT NOT NULL,
  output TEXT,
  findings INTEGER NOT NULL,
  errors INTEGER NOT NULL,
  by TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS releases_by_flow ON releases (flow, at);
`;
