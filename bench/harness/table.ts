/**
 * Formats results as the bench's table: one row per case, with the ratio of each Flowsmith row to
 * each peer measured in the same run (same workload and size; the floor in the matching mode).
 */
import type { CaseResult, Engine } from './types.js';

/** A duration in ns as text with a unit that keeps 3 significant digits (850 ns, 52.1 µs, 1.20 s). */
export function formatNs(ns: number): string {
  if (ns < 1e3) return `${ns.toPrecision(3)} ns`;
  if (ns < 1e6) return `${(ns / 1e3).toPrecision(3)} µs`;
  if (ns < 1e9) return `${(ns / 1e6).toPrecision(3)} ms`;
  return `${(ns / 1e9).toPrecision(3)} s`;
}

/** Bytes as KB text (memory cases). */
export function formatKb(bytes: number): string {
  return `${(bytes / 1024).toPrecision(3)} KB`;
}

/** The row a Flowsmith row is compared with, for `peer`: same workload and size, matching mode. */
export function peerOf(results: readonly CaseResult[], r: CaseResult, peer: Engine): CaseResult | undefined {
  const mode = peer === 'sqlite-floor' ? (r.mode === 'durable' ? 'durable' : 'sim') : 'mem';
  return results.find((p) => p.engine === peer && p.workload === r.workload && p.param === r.param && p.mode === mode && !p.error && !p.na);
}

/** Flowsmith's per-unit figure over the peer's: above 1 means Flowsmith takes more (time or memory). */
export function ratio(results: readonly CaseResult[], r: CaseResult, peer: Engine): number | undefined {
  if (r.engine !== 'flowsmith' || r.error || r.na) return undefined;
  const p = peerOf(results, r, peer);
  return p ? r.perUnit / p.perUnit : undefined;
}

const PEERS: [Engine, string][] = [
  ['xstate', 'vs XState'],
  ['node-red', 'vs Node-RED'],
  ['sqlite-floor', 'vs floor'],
];

/** The result rows as a Markdown table (it reads as plain text too). */
export function formatTable(results: readonly CaseResult[]): string {
  const head = ['workload', 'size', 'engine', 'mode', 'median', 'min', 'max', 'per unit', 'peak MB', ...PEERS.map(([, t]) => t), 'load'];
  const rows = results.map((r) => {
    const id = [r.workload, r.param, r.engine, r.mode];
    if (r.na) return [...id, 'n/a', '', '', '', '', '', '', '', ''];
    if (r.error) return [...id, 'error', '', '', r.error.slice(0, 60), '', '', '', '', ''];
    const f = r.kind === 'memory' ? formatKb : formatNs;
    const perUnit = `${f(r.perUnit)}/${r.unit}${rate(r)}`;
    const ratios = PEERS.map(([peer]) => {
      const x = ratio(results, r, peer);
      return x === undefined ? '' : `${x < 10 ? x.toFixed(2) : x.toFixed(0)}×`;
    });
    return [...id, f(r.median), f(r.min), f(r.max), perUnit, r.peakRssMb.toFixed(0), ...ratios, r.loadAverage1m?.toFixed(1) ?? ''];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** Runs per second for per-run time figures (W5), as ` (24.1k/s)`. */
function rate(r: CaseResult): string {
  if (r.kind === 'memory' || r.unit !== 'run') return '';
  const perSecond = 1e9 / r.perUnit;
  return ` (${perSecond >= 1000 ? `${(perSecond / 1000).toPrecision(3)}k` : perSecond.toFixed(0)}/s)`;
}
