/**
 * `logs RUN [STEP] [--attempt N] [--json]` (DESIGN.md "Interfaces"): a run's stored step logs,
 * grouped per step and attempt in the order they were written, each group under a heading
 * `── STEP (attempt N)`. Exit 2 for an unknown run, a step with no logs is not an error.
 */
import type { Command } from 'commander';
import type { LogRow } from '../store/journal.js';
import { openJournal } from '../store/journal.js';
import { defaultDbPath } from '../service/paths.js';
import { UsageError } from './errors.js';

interface LogsOptions {
  attempt?: string;
  json?: boolean;
}

/** Log rows as text: a heading per (step, attempt) group, then its lines as written. */
export function formatLogs(rows: readonly Pick<LogRow, 'step' | 'attempt' | 'stream' | 'text'>[]): string {
  let out = '';
  let group = '';
  for (const r of rows) {
    const key = `${r.step}\u0000${r.attempt}`;
    if (key !== group) {
      group = key;
      out += `── ${r.step} (attempt ${r.attempt})\n`;
    }
    out += r.text.endsWith('\n') ? r.text : `${r.text}\n`;
  }
  return out;
}

/** Registers `logs` on the program. */
export function registerLogs(program: Command, global: () => { db?: string }): void {
  program
    .command('logs <run> [step]')
    .description("print a run's or a step's stored logs, per attempt")
    .option('--attempt <n>', 'only this attempt (1 = the first)')
    .option('--json', 'print the log lines as JSON: [{step, attempt, stream, text}]')
    .action((run: string, step: string | undefined, o: LogsOptions) => {
      const attempt = o.attempt === undefined ? undefined : Number(o.attempt);
      if (attempt !== undefined && (!Number.isInteger(attempt) || attempt < 1)) {
        throw new UsageError(`--attempt must be a whole number from 1, got ${o.attempt}`);
      }
      const journal = openJournal(global().db ?? defaultDbPath());
      try {
        if (!journal.run(run)) throw new UsageError(`no run ${run} in this store; list runs with: flowsmith runs`);
        const rows = journal.logs(run, step).filter((r) => attempt === undefined || r.attempt === attempt);
        const lines = rows.map(({ step: s, attempt: a, stream, text }) => ({ step: s, attempt: a, stream, text }));
        process.stdout.write(o.json ? `${JSON.stringify(lines)}\n` : formatLogs(rows));
      } finally {
        journal.close();
      }
    });
}
