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

/** A run record as a few lines: header, one line per step in path order, then what it waits for. */
export function formatRun(r: RunRecord): string {
  const lines = [`run ${r.id} of ${r.flow}: ${r.status}${r.endedAt ? ` in ${seconds(r.startedAt, r.endedAt)}` : ''}`];
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
  }
  for (const w of r.waitingFor) {
    lines.push(`  waiting for approval at ${w.step} by one of: ${w.approvers.join(', ')}${w.message ? ` — ${w.message}` : ''}`);
    lines.push(`  answer with: flowsmith approve ${r.id} ${w.step} --as ${w.approvers[0] ?? 'USER'}`);
  }
  if (r.paused) {
    const where = r.paused.step ? ` before ${r.paused.step}` : '';
    lines.push(`  paused${where} (${r.paused.reason}); go on with: flowsmith continue ${r.id} [--step], or skip/set-vars/retry`);
  }
  if (r.error) lines.push(`  error: ${r.error.name}: ${r.error.message}`);
  lines.push(`  work folder: ${r.workdir}`);
  return lines.join('\n');
}

