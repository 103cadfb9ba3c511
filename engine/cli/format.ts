/**
 * Human-readable output of runs for the CLI (the `--json` forms print the run record instead).
 */
import type { RunRecord } from '../runtime/record.js';

const MARK: Record<string, string> = {
  succeeded: '✓',
  failed: '✗',
  running: '…',
  waiting: '⏸',
  skipped: '-',
  cancelled: '⊘',
  pending: ' ',
  compensated: '↺',
  'backing-off': '↻',
};

function seconds(from: string | null, to: string | null): string {
  if (!from || !to) return '';
  return `${((Date.parse(to) - Date.parse(from)) / 1000).toFixed(1)}s`;
}

/**
 * One line saying what a step was given (StepRecord.input): `$ command` for shell, `METHOD url`
 * for http, `notify: message`, `script` for a script; cut at 160 characters. '' when none.
 */
export function inputSummary(input: unknown): string {
  if (!input || typeof input !== 'object') return '';
  const i = input as { shell?: { command?: string }; http?: { method?: string; url?: string }; notify?: { message?: string }; script?: unknown };
  const line = i.shell
    ? `$ ${i.shell.command ?? ''}`
    : i.http
      ? `${i.http.method ?? 'GET'} ${i.http.url ?? ''}`
      : i.notify
        ? `notify: ${i.notify.message ?? ''}`
        : i.script
          ? 'script (bindings: flowsmith show --json)'
          : JSON.stringify(input);
  const flat = line.replace(/\s+/g, ' ');
  return flat.length > 160 ? `${flat.slice(0, 159)}…` : flat;
}

/** A run record as a few lines: header, one line per step in path order, then what it waits for. */
export function formatRun(r: RunRecord): string {
  const lines = [`run ${r.id} of ${r.flow}: ${r.status}${r.endedAt ? ` in ${seconds(r.startedAt, r.endedAt)}` : ''}`];
  const by = r.startedBy;
  if (by) {
    const who =
      by.kind === 'user' ? `${by.user} (${by.via})` : by.kind === 'cron' ? `cron "${by.cron}"` : by.kind === 'webhook' ? `webhook ${by.flow}/${by.name}` : `run ${by.run} (${by.step})`;
    lines.push(`  started by ${who}`);
  }
  const seen = new Set<string>();
  const width = Math.max(4, ...r.path.map((s) => s.length));
  for (const id of r.path) {
    if (seen.has(id)) continue;
    seen.add(id);
    const s = r.steps[id];
    if (!s) continue;
    const attempts = s.attempts > 1 ? ` (${s.attempts} attempts)` : '';
    const err = s.error ? `  ${s.error.name}: ${s.error.message}` : '';
    lines.push(`  ${MARK[s.status] ?? '?'} ${id.padEnd(width)} ${s.status.padEnd(9)} ${seconds(s.startedAt, s.endedAt).padStart(6)}${attempts}${err}`);
    const given = inputSummary(s.input);
    if (given) lines.push(`      ${given}`);
  }
  for (const w of r.waitingFor) {
    lines.push(`  waiting for approval at ${w.step} by one of: ${w.approvers.join(', ')}${w.message ? ` — ${w.message}` : ''}`);
    lines.push(`  answer with: flowsmith approve ${r.id} ${w.step} --as ${w.approvers[0] ?? 'USER'}`);
  }
  for (const w of r.waitingForCallback ?? []) {
    lines.push(`  waiting for a callback at ${w.step}${w.dueAt ? ` until ${w.dueAt}` : ''}`);
    lines.push('  answer with: flowsmith callback TOKEN --output JSON (or --fail ERROR --message TEXT); TOKEN is what the step sent');
  }
  if (r.paused) {
    const where = r.paused.step ? ` before ${r.paused.step}` : '';
    lines.push(`  paused${where} (${r.paused.reason}); go on with: flowsmith continue ${r.id} [--step], or skip/set-vars/retry`);
  }
  if (r.error) lines.push(`  error: ${r.error.name}: ${r.error.message}`);
  lines.push(`  work folder: ${r.workdir}`);
  return lines.join('\n');
}

