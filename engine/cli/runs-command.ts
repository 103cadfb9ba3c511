/**
 * `runs [--flow NAME] [--status S] [--since DURATION|TIME] [--mode run|simulate] [--trigger] [--all]
 * [--limit N] [--json]` (DESIGN.md "Interfaces"): the run history, newest first. Child runs (map
 * items, `call` tasks) are left out unless `--all`; the table names each child's parent run and
 * each triggered run's cron pattern.
 */
import { Option } from 'commander';
import type { Command } from 'commander';
import type { RunSummary } from '../host/api.js';
import { runHistory } from '../service/run-history.js';
import { isDurationText, parseDurationMs } from '../model/duration.js';
import { RunStatus } from '../runtime/state.js';
import { openService } from './context.js';
import { UsageError } from './errors.js';

const DEFAULT_LIMIT = 50;

interface RunsOptions {
  flow?: string;
  status?: RunStatus;
  since?: string;
  mode?: 'run' | 'simulate';
  trigger?: boolean;
  all?: boolean;
  limit: string;
  json?: boolean;
}

/**
 * The start of the `--since` window, epoch ms: `now − duration` for a duration (`2h`, `30m`,
 * `1d`, `PT5M`), else the time itself (`2025-03-01` is midnight UTC, `2025-03-01T09:00:00+08:00`).
 * Throws UsageError for anything else.
 */
export function parseSince(text: string, nowMs: number): number {
  if (isDurationText(text)) return nowMs - parseDurationMs(text);
  // Date.parse alone would take "5" as the year 2001: only ISO 8601 dates are times here.
  const at = /^\d{4}-\d{2}-\d{2}/.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(at)) {
    throw new UsageError(`--since ${text} is neither a duration (2h, 30m, 1d, PT5M) nor an ISO 8601 time (2025-03-01 or 2025-03-01T09:00:00Z)`);
  }
  return at;
}

/** Parses `--limit`: a whole number of runs, at least 1. Throws UsageError. */
function parseLimit(text: string): number {
  const n = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw new UsageError(`--limit ${text} is not a number of runs; give a whole number like 20`);
  return n;
}

/** What the last column says: who started it, simulated, the cron pattern of a triggered run, the parent of a child run. */
function noteOf(r: RunSummary): string {
  const notes: string[] = [];
  const by = r.startedBy;
  if (by?.kind === 'user') notes.push(`by ${by.user} (${by.via})`);
  else if (by?.kind === 'webhook') notes.push(`webhook ${by.name}`);
  if (r.mode === 'simulate') notes.push('simulated');
  const trigger = r.trigger as { cron?: unknown; timezone?: unknown; webhook?: unknown } | null | undefined;
  if (trigger && typeof trigger === 'object' && typeof trigger.cron === 'string') {
    notes.push(`cron "${trigger.cron}"${typeof trigger.timezone === 'string' ? ` ${trigger.timezone}` : ''}`);
  }
  if (trigger && typeof trigger === 'object' && typeof trigger.webhook === 'string') notes.push(`webhook "${trigger.webhook}"`);
  if (r.parent) notes.push(`child of ${r.parent.run} (${r.parent.step}[${r.parent.index}])`);
  return notes.join(', ');
}

/** Runs as a table with a header: id, flow, status, start (ISO 8601) and a note column. */
export function formatRunTable(runs: readonly RunSummary[]): string {
  if (runs.length === 0) return 'no runs';
  const rows = [['RUN', 'FLOW', 'STATUS', 'STARTED', 'NOTE'], ...runs.map((r) => [r.id, r.flow, r.status, r.startedAt, noteOf(r)])];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  return rows.map((row) => row.map((cell, c) => (c === row.length - 1 ? cell : cell.padEnd(widths[c]!))).join('  ').trimEnd()).join('\n');
}

/** Registers `runs` on `program`. */
export function registerRuns(program: Command, global: () => { db?: string }): void {
  program
    .command('runs')
    .description('list runs, newest first (child runs of map and call steps only with --all)')
    .option('--flow <name>', 'only runs of this flow')
    .addOption(new Option('--status <status>', 'only runs with this status').choices(Object.values(RunStatus)))
    .option('--since <when>', 'only runs started since: a duration back from now (2h, 1d) or an ISO 8601 time')
    .addOption(new Option('--mode <mode>', 'only real runs or only simulations').choices(['run', 'simulate']))
    .option('--trigger', 'only runs a cron trigger started')
    .option('--all', 'include child runs (map items, call tasks)')
    .option('--limit <n>', 'at most this many runs', String(DEFAULT_LIMIT))
    .option('--json', 'print JSON: an array of {id, flow, status, mode, startedAt, endedAt, trigger, parent, startedBy}')
    .action((o: RunsOptions) => {
      const limit = parseLimit(o.limit);
      const sinceMs = o.since === undefined ? undefined : parseSince(o.since, Date.now());
      const runs = runHistory(openService(global().db, false, undefined, { readonly: true }), {
        limit,
        ...(o.flow !== undefined ? { flow: o.flow } : {}),
        ...(o.status !== undefined ? { status: o.status } : {}),
        ...(sinceMs !== undefined ? { sinceMs } : {}),
        ...(o.mode !== undefined ? { mode: o.mode } : {}),
        ...(o.trigger ? { isTriggered: true } : {}),
        ...(o.all ? {} : { isChild: false }),
      });
      process.stdout.write(o.json ? `${JSON.stringify(runs)}\n` : `${formatRunTable(runs)}\n`);
    });
}
