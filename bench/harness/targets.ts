/**
 * Issue #3's targets, checked against one run's results. Simulation targets are read from the
 * `sim` rows (the engine's own `:memory:` journal); the `sim-mem` figure (events kept in a JS array)
 * is shown beside them as what an in-memory journal would reach.
 */
import { formatKb, formatNs, peerOf } from './table.js';
import type { CaseResult } from './types.js';

export interface TargetCheck {
  target: string;
  size: string;
  reached: string;
  /** The same figure with the bench's in-memory journal (sim-mem), when there is one. */
  withMemoryJournal: string;
  met: boolean | undefined;
}

const find = (rs: readonly CaseResult[], workload: string, mode: string, param?: string) =>
  rs.filter((r) => r.engine === 'flowsmith' && r.workload === workload && r.mode === mode && (param === undefined || r.param === param) && !r.error && !r.na);

export function checkTargets(results: readonly CaseResult[]): TargetCheck[] {
  const out: TargetCheck[] = [];
  const perUnitAtMost = (workload: string, limitNs: number, label: string) => {
    for (const r of find(results, workload, 'sim')) {
      const mem = find(results, workload, 'sim-mem', r.param)[0];
      out.push({
        target: label,
        size: r.param,
        reached: `${formatNs(r.perUnit)}/${r.unit}`,
        withMemoryJournal: mem ? `${formatNs(mem.perUnit)}/${mem.unit}` : '',
        met: r.perUnit <= limitNs,
      });
    }
  };
  perUnitAtMost('W1', 5_000, 'W1 sim ≤ 5 µs/step');
  perUnitAtMost('W2', 15_000, 'W2 sim ≤ 15 µs/step');
  const w2 = find(results, 'W2', 'sim').sort((a, b) => a.units - b.units);
  if (w2.length >= 2) {
    const growth = w2[w2.length - 1]!.perUnit / w2[0]!.perUnit;
    const m = find(results, 'W2', 'sim-mem').sort((a, b) => a.units - b.units);
    out.push({
      target: 'W2 no growth with K (per-step ratio, ≤ 1.5×)',
      size: `${w2[0]!.param} → ${w2[w2.length - 1]!.param}`,
      reached: `${growth.toFixed(2)}×`,
      withMemoryJournal: m.length >= 2 ? `${(m[m.length - 1]!.perUnit / m[0]!.perUnit).toFixed(2)}×` : '',
      met: growth <= 1.5,
    });
  }
  perUnitAtMost('W3', 5_000, 'W3 sim ≤ 5 µs/iteration');
  for (const r of find(results, 'W5', 'sim')) {
    const mem = find(results, 'W5', 'sim-mem', r.param)[0];
    const rate = (x: CaseResult) => `${Math.round(1e9 / x.perUnit).toLocaleString('en-US')} runs/s`;
    out.push({ target: 'W5 sim ≥ 20,000 runs/s', size: r.param, reached: rate(r), withMemoryJournal: mem ? rate(mem) : '', met: 1e9 / r.perUnit >= 20_000 });
  }
  for (const r of find(results, 'W6', 'sim')) {
    const mem = find(results, 'W6', 'sim-mem', r.param)[0];
    out.push({ target: 'W6 sim, N = 10,000, < 100 ms', size: r.param, reached: formatNs(r.median), withMemoryJournal: mem ? formatNs(mem.median) : '', met: r.median < 100e6 });
  }
  for (const r of find(results, 'W7', 'sim')) {
    const mem = find(results, 'W7', 'sim-mem', r.param)[0];
    out.push({ target: 'W7 ≤ 8 KB per waiting run', size: r.param, reached: `${formatKb(r.perUnit)}/run`, withMemoryJournal: mem ? `${formatKb(mem.perUnit)}/run` : '', met: r.perUnit <= 8 * 1024 });
  }
  for (const r of results.filter((x) => x.engine === 'flowsmith' && x.mode === 'durable' && x.kind === 'time' && !x.error)) {
    const floor = peerOf(results, r, 'sqlite-floor');
    if (!floor) continue;
    const x = r.perUnit / floor.perUnit;
    out.push({ target: `durable ≤ 2× SQLite floor (${r.workload})`, size: r.param, reached: `${x.toFixed(2)}× (${formatNs(r.perUnit)} vs ${formatNs(floor.perUnit)}/${r.unit})`, withMemoryJournal: '', met: x <= 2 });
  }
  for (const r of find(results, 'W5', 'durable')) {
    const events = Number(r.extra?.eventsPerRep);
    if (!events) continue;
    const perEvent = r.median / events;
    out.push({ target: 'durable ≤ 20 µs/event, concurrent runs (W5)', size: r.param, reached: `${formatNs(perEvent)}/event`, withMemoryJournal: '', met: perEvent <= 20_000 });
  }
  return out;
}

export function formatTargets(checks: readonly TargetCheck[]): string {
  const head = ['target', 'size', 'reached (sim: SQLite :memory:)', 'with in-memory journal', 'met'];
  const rows = checks.map((c) => [c.target, c.size, c.reached, c.withMemoryJournal, c.met === undefined ? '?' : c.met ? 'yes' : 'NO']);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
