/**
 * `publish FILE [--note TEXT]`, `versions FLOW`, `diff FLOW V1 [V2]` and `releases FLOW` (DESIGN.md
 * "Interfaces", issue #12 part 3; semantics in engine/versions/versions.ts). FLOW is a flow's name
 * or its file (`*.yaml`/`*.yml`, or any path that exists: its `name:` is used). Each takes `--json`.
 * Exit codes: 0 done (publishing a text that already is a version is a no-op, 0), 1 a publish
 * refused for an invalid flow, 2 bad usage (unknown version, unreadable file).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { formatFinding } from '../model/finding.js';
import { defaultDbPath } from '../service/paths.js';
import { openJournal, type Journal } from '../store/journal.js';
import type { ReleaseInfo, VersionDiff, VersionInfo } from '../versions/types.js';
import {
  diffVersions,
  flowNameOf,
  lastPublishedPath,
  listReleases,
  listVersions,
  parseVersionRef,
  publishText,
  VersionError,
} from '../versions/versions.js';
import { defaultIdentity } from './context.js';
import { ExitCode, UsageError } from './errors.js';

type Global = { db?: string };

/** Opens the store of `--db` (else FLOWSMITH_DB, else the default); read-only commands don't create it. Closed at exit. */
export function openStore(db: string | undefined, options: { readonly?: boolean } = {}): Journal {
  const file = db ?? defaultDbPath();
  const journal = openJournal(file, { readonly: options.readonly === true && existsSync(file) });
  process.once('exit', () => {
    try {
      journal.close();
    } catch {
      // Already closed.
    }
  });
  return journal;
}

/** Reads a file for a command, or throws UsageError naming it. */
function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

/** A FLOW argument: a flow file (its name and text) or a flow name. */
interface FlowArg {
  name: string;
  /** The file when FLOW named one, else undefined. */
  file?: { path: string; text: string };
}

/** Reads FLOW: a path ending in .yaml/.yml, or any existing file, is a flow file; anything else a name. */
export function readFlowArg(arg: string): FlowArg {
  const isFile = /\.ya?ml$/i.test(arg) || (existsSync(arg) && statSync(arg).isFile());
  if (!isFile) return { name: arg };
  const path = resolve(arg);
  const text = readText(path);
  return { name: asUsage(() => flowNameOf(text, arg)), file: { path, text } };
}

/** Runs `fn`, turning a VersionError (a request that does not fit the store) into exit 2 with its message. */
function asUsage<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof VersionError) throw new UsageError(err.message);
    throw err;
  }
}

/** A cell on one line: control characters (newlines, escape sequences in a note) become spaces. */
const cell = (text: string) => text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');

/** Lines as an aligned table; the last column is not padded. */
function table(cells: string[][]): string {
  const rows = cells.map((row) => row.map(cell));
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  return rows.map((row) => row.map((cell, c) => (c === row.length - 1 ? cell : cell.padEnd(widths[c]!))).join('  ').trimEnd()).join('\n');
}

/** The versions as a table: VERSION, PUBLISHED, AUTHOR, HASH (12 hex digits), NOTE. */
export function formatVersions(flow: string, versions: readonly VersionInfo[]): string {
  if (versions.length === 0) return `no published versions of ${flow}; publish one with: flowsmith publish FILE --note TEXT`;
  return table([['VERSION', 'PUBLISHED', 'AUTHOR', 'HASH', 'NOTE'], ...versions.map((v) => [String(v.version), v.publishedAt, v.author, v.hash.slice(0, 12), v.note])]);
}

/** The release records as a table: VERSION, TARGET, AT, BY, FINDINGS, OUTPUT. */
export function formatReleases(flow: string, releases: readonly ReleaseInfo[]): string {
  if (releases.length === 0) return `no releases of ${flow}; exporting a published version records one (flowsmith export FILE --to TARGET -o OUT)`;
  return table([
    ['VERSION', 'TARGET', 'AT', 'BY', 'FINDINGS', 'OUTPUT'],
    ...releases.map((r) => [String(r.version), r.target, r.at, r.by, r.errors > 0 ? `${r.findings} (${r.errors} errors)` : String(r.findings), r.output ?? '(stdout)']),
  ]);
}

const side = (ref: VersionDiff['from']) => (ref === 'working' ? 'working file' : `v${ref}`);

/** A diff for people: `~ id  paths`, `+ id`, `- id` (with the map it sits in), then top-level fields. */
export function formatDiff(diff: VersionDiff): string {
  const lines = [`${diff.flow}: ${side(diff.from)} → ${side(diff.to)}${diff.workingPath ? ` (${diff.workingPath})` : ''}`];
  if (diff.isSame) {
    lines.push(diff.isSameText ? 'no differences' : 'no step or field changes (the texts differ in comments or formatting only)');
    return lines.join('\n');
  }
  const mark = { added: '+', removed: '-', changed: '~' } as const;
  for (const s of diff.steps) {
    const where = s.scope ? ` (in ${s.scope})` : '';
    const moved = s.movedFrom !== undefined ? ` moved from ${s.movedFrom ?? 'the top level'}` : '';
    lines.push(`${mark[s.change]} ${s.id}${where}${moved}${s.paths.length ? `  ${s.paths.join(', ')}` : ''}`);
  }
  if (diff.fields.length > 0) lines.push(`fields: ${diff.fields.join(', ')}`);
  return lines.join('\n');
}

/** Registers publish, versions, diff and releases on `program`. */
export function registerVersionCommands(program: Command, global: () => Global): void {
  program
    .command('publish <file>')
    .description('store the flow as its next numbered, immutable version (by its name:), with a note; only valid flows')
    .option('--note <text>', 'what changed, for the versions list', '')
    .option('--json', 'print {outcome: published|unchanged|invalid, version, findings} as JSON')
    .action((file: string, o: { note: string; json?: boolean }) => {
      const path = resolve(file);
      const text = readText(file);
      const result = asUsage(() => publishText(openStore(global().db), { text, path, note: o.note, author: defaultIdentity(), at: Date.now() }));
      if (o.json) process.stdout.write(`${JSON.stringify(result)}\n`);
      for (const f of result.findings) process.stderr.write(`${formatFinding(f)}\n`);
      if (result.outcome === 'invalid') {
        process.stderr.write(`flowsmith: ${file} is not a valid flow; fix the errors above, then publish again\n`);
        process.exitCode = ExitCode.failed;
        return;
      }
      const v = result.version;
      const message =
        result.outcome === 'published'
          ? `published ${v.flow} version ${v.version} (sha256 ${v.hash.slice(0, 12)})`
          : `${file} is already version ${v.version} of ${v.flow} (same text); nothing published`;
      if (!o.json) process.stdout.write(`${message}\n`);
      process.exitCode = ExitCode.ok;
    });

  program
    .command('versions <flow>')
    .description('list the published versions of a flow (its name, or its file)')
    .option('--json', 'print an array of {flow, version, hash, path, note, author, publishedAt}')
    .action((flow: string, o: { json?: boolean }) => {
      const { name } = readFlowArg(flow);
      const versions = listVersions(openStore(global().db, { readonly: true }), name);
      process.stdout.write(o.json ? `${JSON.stringify(versions)}\n` : `${formatVersions(name, versions)}\n`);
    });

  program
    .command('diff <flow> <from> [to]')
    .description('step- and field-level changes between two versions (numbers, or working for the file as it is now; default to: working)')
    .option('--json', 'print {flow, from, to, steps: [{id, change, scope, paths}], fields, isSame} as JSON')
    .action((flow: string, from: string, to: string | undefined, o: { json?: boolean }) => {
      const arg = readFlowArg(flow);
      const journal = openStore(global().db, { readonly: true });
      const refs = asUsage(() => ({ from: parseVersionRef(from), to: parseVersionRef(to ?? 'working') }));
      let working = arg.file;
      if (!working && (refs.from === 'working' || refs.to === 'working')) {
        // A flow given by name: its working file is the one its latest version was published from.
        const path = lastPublishedPath(journal, arg.name);
        if (path && existsSync(path)) working = { path, text: readText(path) };
      }
      const diff = asUsage(() => diffVersions(journal, { flow: arg.name, ...refs, ...(working ? { working } : {}) }));
      process.stdout.write(o.json ? `${JSON.stringify(diff)}\n` : `${formatDiff(diff)}\n`);
    });

  program
    .command('releases <flow>')
    .description('list the release records of a flow: each export of a published version (target, version, time, output file, findings)')
    .option('--json', 'print an array of {flow, version, target, output, findings, errors, by, at}')
    .action((flow: string, o: { json?: boolean }) => {
      const { name } = readFlowArg(flow);
      const releases = listReleases(openStore(global().db, { readonly: true }), name);
      process.stdout.write(o.json ? `${JSON.stringify(releases)}\n` : `${formatReleases(name, releases)}\n`);
    });
}
