/**
 * `logs RUN [STEP] [--attempt N] [--json]` (DESIGN.md "Interfaces"): a run's stored step logs,
 * grouped per step and attempt in the order they were written, each group under a heading
 * `── STEP (attempt N)` followed by the attempt's recorded input (`input: {...}`, issue #12 point 4). Exit 2 for an unknown run, a step with no logs is not an error.
 */
import type { Command } from 'commander';
import type { Json } from '../model/flow.js';
import type { LogRow } from '../store/journal.js';
import { openJournal } from '../store/journal.js';
import { defaultDbPath } from '../service/paths.js';
import { UsageError } from './errors.js';

interface LogsOptions {
  attempt?: string;
  json?: boolean;
}

/** One attempt's recorded input (StepInput), for the heading of its group. */
export interface AttemptInput {
  step: string;
  attempt: number;
  input: Json;
}

/**
 * Log rows as text: a heading per (step, attempt) group, then (when `inputs` has one for the
 * attempt) a line `input: <JSON>`, then its lines as written. Attempts with an input and no logs
 * get a group too, in the order of `inputs`.
 */
export function formatLogs(rows: readonly Pick<LogRow, 'step' | 'attempt' | 'stream' | 'text'>[], inputs: readonly AttemptInput[] = []): string {
  const groups = new Map<string, { step: string; attempt: number; input?: Json; text: string }>();
  const group = (step: string, attempt: number) => {
    const key = `${step}\u0000${attempt}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { step, attempt, text: '' }));
    return g;
  };
  for (const i of inputs) group(i.step, i.attempt).input = i.input;
  for (const r of rows) group(r.step, r.attempt).text += r.text.endsWith('\n') ? r.text : `${r.text}\n`;
  let out = '';
  for (const g of groups.values()) {
    out += `── ${g.step} (attempt ${g.attempt})\n`;
    if (g.input !== undefined) out += `input: ${JSON.stringify(g.input)}\n`;
    out += g.text;
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
        const inputs: AttemptInput[] = [];
        for (const { event: e } of journal.events(run)) {
          if (e.type === 'StepInput' && (step === undefined || e.step === step) && (attempt === undefined || e.attempt === attempt)) {
            inputs.push({ step: e.step, attempt: e.attempt, input: e.input });
          }
        }
        process.stdout.write(o.json ? `${JSON.stringify(lines)}\n` : formatLogs(rows, inputs));
      } finally {
        journal.close();
      }
    });
}
