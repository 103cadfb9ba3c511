/**
 * How a command that drove a run ends: print the run record, return the exit code for its status.
 */
import { toRunRecord } from '../runtime/record.js';
import type { RunState } from '../runtime/state.js';
import { exitCodeOf } from './errors.js';
import { formatRun } from './format.js';

/**
 * Prints the run (`--json`: one record line) and returns DESIGN.md's exit code for its status.
 * `version`: the published version the run ran (issue #12), added to the record when given.
 */
export function finish(state: RunState, json: boolean, version?: number | null): number {
  const record = version === undefined ? toRunRecord(state) : { ...toRunRecord(state), version };
  process.stdout.write(json ? `${JSON.stringify(record)}\n` : `${formatRun(record)}\n`);
  return exitCodeOf(record.status);
}
