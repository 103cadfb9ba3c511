/**
 * Versions and release records of flows (issue #12 part 3, DESIGN.md "Interfaces": publish,
 * versions, diff, releases), over the store's tables (store/versions.ts). The CLI and HostApi
 * (host/versions-api.ts) both call these.
 *
 * Identity: a flow is its `name:`, as for `runs --flow`. Two files with the same name share one
 * line of versions; each version records the file it was published from.
 * Publishing a text that already is a version of the flow (same SHA-256) is a no-op that says
 * which version it is (`unchanged`), not an error: publishing from CI stays idempotent.
 * Only valid flows are published: a flow with error findings is refused with them (`invalid`).
 */
import type { Finding } from '../model/finding.js';
import type { Flow } from '../model/flow.js';
import { flowHash, type Journal } from '../store/journal.js';
import type { ReleaseRow, VersionRow } from '../store/versions.js';
import { validateText } from '../validate/index.js';
import { loadFlowText } from '../yaml/load.js';
import { diffFlows } from './diff.js';
import type { PublishResult, ReleaseInfo, VersionDiff, VersionInfo, VersionRef } from './types.js';

/** Why a versions request cannot be answered; `code` reaches the designer in the HostError. */
export type VersionErrorCode = 'NO_VERSIONS' | 'NO_SUCH_VERSION' | 'BAD_VERSION' | 'BAD_NOTE' | 'NOT_A_FLOW' | 'NO_WORKING_FILE';

/** The longest note a version keeps, in UTF-16 code units. */
export const MAX_NOTE_LENGTH = 2000;

/** A versions request that does not fit the store (unknown version, a text that is not a flow). */
export class VersionError extends Error {
  override name = 'VersionError';
  constructor(
    readonly code: VersionErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const iso = (ms: number) => new Date(ms).toISOString();

/** A stored version as VersionInfo (times ISO 8601). */
export function toVersionInfo(row: VersionRow): VersionInfo {
  return { flow: row.flow, version: row.version, hash: row.hash, path: row.path, note: row.note, author: row.author, publishedAt: iso(row.publishedAt) };
}

function toReleaseInfo(row: ReleaseRow): ReleaseInfo {
  return { flow: row.flow, version: row.version, target: row.target, output: row.output, findings: row.findings, errors: row.errors, by: row.by, at: iso(row.at) };
}

/**
 * Publishes the flow text read from `path` (absolute) as the next version of its flow, unless it is
 * one already (`unchanged`) or has error findings (`invalid`, nothing written). `at` is epoch ms.
 * Warnings do not stop a publish; they come back in `findings`. Throws VersionError BAD_NOTE for a
 * note over MAX_NOTE_LENGTH.
 */
export function publishText(journal: Journal, p: { text: string; path: string; note: string; author: string; at: number }): PublishResult {
  if (p.note.length > MAX_NOTE_LENGTH) {
    throw new VersionError('BAD_NOTE', `the note has ${p.note.length} characters; keep it under ${MAX_NOTE_LENGTH} (it is a summary; the diff holds the details)`);
  }
  const { loaded, findings } = validateText(p.text, p.path);
  if (!loaded.flow || findings.some((f) => f.severity === 'error')) return { outcome: 'invalid', version: null, findings };
  const { row, isNew } = journal.versions.publish({
    flow: loaded.flow.name,
    hash: flowHash(p.text),
    text: p.text,
    path: p.path,
    note: p.note,
    author: p.author,
    at: p.at,
  });
  return { outcome: isNew ? 'published' : 'unchanged', version: toVersionInfo(row), findings };
}

/** The published versions of flow `flow` (its name), oldest first; empty when it has none. */
export function listVersions(journal: Journal, flow: string): VersionInfo[] {
  return journal.versions.list(flow).map(toVersionInfo);
}

/** The release records of flow `flow`, oldest first. */
export function listReleases(journal: Journal, flow: string): ReleaseInfo[] {
  return journal.versions.releases(flow).map(toReleaseInfo);
}

/**
 * Reads a version argument: `3`, `v3` or `working` (also `current`). Throws VersionError BAD_VERSION
 * for anything else.
 */
export function parseVersionRef(text: string): VersionRef {
  const t = text.trim().toLowerCase();
  if (t === 'working' || t === 'current') return 'working';
  const m = /^v?(\d{1,9})$/.exec(t);
  if (!m || Number(m[1]) < 1) throw new VersionError('BAD_VERSION', `${text} is not a version; give a number like 2 (or v2), or working for the file as it is now`);
  return Number(m[1]);
}

/** The flow name in `text`, or throws VersionError NOT_A_FLOW naming `file` and the first problem. */
export function flowNameOf(text: string, file: string): string {
  const loaded = loadFlowText(text, file);
  const name = loaded.flow?.name;
  if (typeof name === 'string' && name !== '') return name;
  const first = loaded.findings[0];
  const where = first ? `${file}:${first.line ?? 0}:${first.col ?? 0}: ${first.message}` : `${file}: it has no name:`;
  throw new VersionError('NOT_A_FLOW', `${where}; only a flow file with a name: has versions`);
}

/** The parsed document of `text`, or throws VersionError NOT_A_FLOW with the first located problem. */
function parseFlow(text: string, label: string): Flow {
  const loaded = loadFlowText(text, label);
  if (loaded.flow) return loaded.flow;
  const f: Finding | undefined = loaded.findings[0];
  throw new VersionError('NOT_A_FLOW', `${label}:${f?.line ?? 0}:${f?.col ?? 0}: ${f?.message ?? 'does not parse'}; fix it to diff against it`);
}

/**
 * Diffs two sides of flow `flow`: published versions by number, or `working`, the text of
 * `working.path` as it is now (the caller reads it; from the last published version's path when
 * it has none of its own). Throws VersionError NO_VERSIONS / NO_SUCH_VERSION (saying which exist),
 * NO_WORKING_FILE, NOT_A_FLOW (a working text that does not parse, located).
 */
export function diffVersions(
  journal: Journal,
  p: { flow: string; from: VersionRef; to: VersionRef; working?: { path: string; text: string } },
): VersionDiff {
  const versions = journal.versions.list(p.flow);
  if (versions.length === 0) throw new VersionError('NO_VERSIONS', `${p.flow} has no published versions; publish one with: flowsmith publish FILE --note TEXT`);
  const textOf = (ref: VersionRef): { text: string; label: string } => {
    if (ref === 'working') {
      if (!p.working) throw new VersionError('NO_WORKING_FILE', `no working file of ${p.flow} to compare with; name the flow file instead of ${p.flow}`);
      return { text: p.working.text, label: p.working.path };
    }
    const text = journal.versions.text(p.flow, ref);
    if (text === undefined) {
      const known = versions.map((v) => v.version).join(', ');
      throw new VersionError('NO_SUCH_VERSION', `${p.flow} has no version ${ref}; its versions are ${known}`);
    }
    return { text, label: `${p.flow} v${ref}` };
  };
  const a = textOf(p.from);
  const b = textOf(p.to);
  const diff = diffFlows(parseFlow(a.text, a.label), parseFlow(b.text, b.label));
  return {
    flow: p.flow,
    from: p.from,
    to: p.to,
    workingPath: p.from === 'working' || p.to === 'working' ? (p.working?.path ?? null) : null,
    isSameText: a.text === b.text,
    ...diff,
  };
}

/** The path of the file the latest version of `flow` was published from, or undefined. */
export function lastPublishedPath(journal: Journal, flow: string): string | undefined {
  const versions = journal.versions.list(flow);
  return versions[versions.length - 1]?.path;
}

/**
 * Records one export (issue #12: a release record) when `text`, the native flow text exported, is
 * a published version of its flow; returns the record, or null when it is not (an unpublished or
 * edited flow leaves no record). `output`: the file written as the user gave it, null for stdout.
 */
export function recordRelease(
  journal: Journal,
  p: { text: string; target: string; output: string | null; findings: readonly Finding[]; by: string; at: number },
): ReleaseInfo | null {
  const name = loadFlowText(p.text).flow?.name;
  if (typeof name !== 'string') return null;
  const version = journal.versions.byHash(name, flowHash(p.text));
  if (!version) return null;
  const row = journal.versions.addRelease({
    flow: name,
    version: version.version,
    target: p.target,
    output: p.output,
    findings: p.findings.length,
    errors: p.findings.filter((f) => f.severity === 'error').length,
    by: p.by,
    at: p.at,
  });
  return toReleaseInfo(row);
}
