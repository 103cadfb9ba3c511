/**
 * Who or what started a run (RunStarted.startedBy, issue #12 point 4): the OS user from the
 * designer or the CLI, a cron trigger, a webhook, or a parent run. Runs journaled before the field
 * existed are told from RunStarted.trigger and .parent where they can be.
 */
import { userInfo } from 'node:os';
import type { Json } from '../model/flow.js';
import type { RunId, StartedBy } from '../runtime/events.js';

/** The OS user name of this process, or `unknown` where the OS has none. */
export function osUserName(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * What a new run records: `given` when the caller knows (a webhook, a parent), else the cron
 * trigger it came from (`trigger.cron`), else `user` started it `via` the designer, CLI or service.
 */
export function startedByOf(given: StartedBy | undefined, trigger: Json | undefined, user: string, via: 'designer' | 'cli' | 'service'): StartedBy {
  if (given) return given;
  const t = trigger as { cron?: unknown; timezone?: unknown } | undefined;
  if (t && typeof t === 'object' && typeof t.cron === 'string') {
    return { kind: 'cron', cron: t.cron, ...(typeof t.timezone === 'string' ? { timezone: t.timezone } : {}) };
  }
  return { kind: 'user', user, via };
}

/**
 * A stored run's startedBy: as journaled, else what its trigger or parent says, else null (an
 * older run started by a person whose name was not recorded).
 */
export function startedByOfRow(row: { startedBy?: Json | null; trigger: Json | null; parent: { run: RunId; step: string } | null }): StartedBy | null {
  if (row.startedBy && typeof row.startedBy === 'object' && !Array.isArray(row.startedBy) && typeof row.startedBy.kind === 'string') {
    return row.startedBy as unknown as StartedBy;
  }
  if (row.parent) return { kind: 'parent', run: row.parent.run, step: row.parent.step };
  const cron = startedByOf(undefined, row.trigger ?? undefined, '', 'cli');
  return cron.kind === 'cron' ? cron : null;
}
