/**
 * Run history for `flowsmith runs` (DESIGN.md "Interfaces"): the journal's runs narrowed in SQL,
 * with the status people see. A run stored as `running` shows `waiting` while only approvals are
 * open (runtime/fold.ts runStatusOf), so filtering by running or waiting needs a fold of each one.
 */
import { runStatusOf } from '../runtime/fold.js';
import type { RunState, RunStatus } from '../runtime/state.js';
import type { Journal, RunFilter, RunRow } from '../store/journal.js';
import type { Json, StepId } from '../model/flow.js';
import type { RunId, RunMode } from '../runtime/events.js';

/** The journal's RunFilter, with a shown status (waiting included) in place of the stored one. */
export interface RunHistoryFilter extends Omit<RunFilter, 'status'> {
  status?: RunStatus;
}

/** Where the history comes from: the store, and a run's current state (a held driver's, else a fold). */
export interface RunHistorySource {
  journal: Journal;
  state(id: string): RunState;
}

/** Statuses that are stored as `running` and told apart by folding the run. */
const SHOWN_AS_RUNNING: ReadonlySet<string> = new Set(['running', 'waiting']);

/**
 * Runs, newest first, as RunSummary (times ISO 8601, with trigger and parent), at most
 * `filter.limit` (default 1000). Throws what the journal throws.
 */
export function runHistory(source: RunHistorySource, filter: RunHistoryFilter = {}): RunSummary[] {
  const { status, limit, ...rest } = filter;
  const summarize = (r: RunRow) => toSummary(r, r.status === 'running' ? runStatusOf(source.state(r.id)) : r.status);
  if (status === undefined || !SHOWN_AS_RUNNING.has(status)) {
    return source.journal.runs({ ...filter }).map(summarize);
  }
  // Stored `running` runs are the live ones, so there are few: fold up to the journal's default
  // cap of them, then keep those with the shown status.
  const shown = source.journal.runs({ ...rest, status: 'running' }).map(summarize).filter((s) => s.status === status);
  return shown.slice(0, limit ?? 1000);
}

function toSummary(r: RunRow, status: string): RunSummary {
  return {
    id: r.id,
    flow: r.flow,
    status,
    mode: r.mode,
    startedAt: new Date(r.startedAt).toISOString(),
    endedAt: r.endedAt === null ? null : new Date(r.endedAt).toISOString(),
    trigger: r.trigger,
    parent: r.parent,
    version: r.version,
  };
}

export interface RunSummary {
  id: RunId;
  flow: string;
  status: string;
  mode: RunMode;
  startedAt: string;
  endedAt: string | null;
  /** What started the run when not a person (RunStarted.trigger): for cron, `{cron, timezone?, firedAt}`. */
  trigger?: Json | null;
  /** Set for a child run (a map item or a `call` task): the parent run, its step and the item index. */
  parent?: { run: RunId; step: StepId; index: number } | null;
  /** The published version of the flow the run ran (`flowsmith publish`; issue #12), null when its text was none. */
  version?: number | null;
}
