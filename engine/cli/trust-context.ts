/**
 * The CLI's side of flow trust (DESIGN.md "Security", engine/service/trust.ts): which folder is the
 * workspace, and the check RunService applies before a real run.
 */
import { resolve } from 'node:path';
import type { RunServiceOptions } from '../service/run-service.js';
import { trustOf } from '../service/trust.js';
import type { Journal } from '../store/journal.js';

/**
 * The CLI's workspace folder: `--workspace DIR`, else $FLOWSMITH_WORKSPACE, else none. With none,
 * where a file lies does not matter and only imported flows (`origin`) need `--trust`: a path typed
 * on the command line is the user's own choice, and scripts and cron jobs run flows by absolute
 * path from any folder (taking the current folder would refuse every one of them once).
 */
export function cliWorkspace(option: string | undefined): string | undefined {
  const dir = option ?? process.env.FLOWSMITH_WORKSPACE;
  return dir === undefined || dir === '' ? undefined : resolve(dir);
}

/** The RunService trust check for the CLI: engine/service/trust.ts over `journal` and `workspaceRoot`. */
export function cliTrust(journal: Journal, workspaceRoot: string | undefined): NonNullable<RunServiceOptions['trust']> {
  return (path, flow) => trustOf(path, flow, { journal, ...(workspaceRoot === undefined ? {} : { workspaceRoot }) });
}
