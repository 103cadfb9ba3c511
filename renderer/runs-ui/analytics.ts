/**
 * Figures over past runs of one flow (issue #9 point 8), pure: success rate, runs per day, p50/p95
 * duration per step, and the most frequent failures. Input: run summaries and the records of the
 * finished ones; times ISO 8601 as HostApi gives them.
 */
import type { RunSummary } from '../../engine/host/api';
import type { RunRecord } from '../../engine/runtime/record';

export interface FlowAnalytics {
  total: number;
  succeeded: number;
  failed: number;
  /** Succeeded of finished (succeeded, failed, cancelled), 0..1; null with none finished. */
  successRate: number | null;
  /** Runs started per UTC day, oldest first: `{ day: '2026-12-05', runs, failed }`. */
  perDay: { day: string; runs: number; failed: number }[];
  /** Per step: p50 and p95 duration in ms over its finished executions, slowest p95 first. */
  steps: { step: string; p50: number; p95: number; count: number }[];
  /** Failures by `step: ErrorName`, most frequent first (at most 5). */
  failures: { what: string; count: number }[];
}

/** The q-quantile (0..1) of sorted `xs` by nearest rank. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1]!;
}

/** Computes the figures. */
export function analyze(runs: readonly RunSummary[], records: readonly RunRecord[]): FlowAnalytics {
  const finished = runs.filter((r) => r.status === 'succeeded' || r.status === 'failed' || r.status === 'cancelled');
  const succeeded = runs.filter((r) => r.status === 'succeeded').length;
  const failed = runs.filter((r) => r.status === 'failed').length;
  const days = new Map<string, { runs: number; failed: number }>();
  for (const r of runs) {
    const day = r.startedAt.slice(0, 10);
    const d = days.get(day) ?? { runs: 0, failed: 0 };
    d.runs += 1;
    if (r.status === 'failed') d.failed += 1;
    days.set(day, d);
  }
  const durations = new Map<string, number[]>();
  const failures = new Map<string, number>();
  for (const rec of records) {
    for (const [step, s] of Object.entries(rec.steps)) {
      if (s.startedAt && s.endedAt) {
        const list = durations.get(step) ?? [];
        list.push(Date.parse(s.endedAt) - Date.parse(s.startedAt));
        durations.set(step, list);
      }
      if (s.status === 'failed' && s.error) {
        const what = `${step}: ${s.error.name}`;
        failures.set(what, (failures.get(what) ?? 0) + 1);
      }
    }
  }
  return {
    total: runs.length,
    succeeded,
    failed,
    successRate: finished.length ? succeeded / finished.length : null,
    perDay: [...days.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([day, d]) => ({ day, ...d })),
    steps: [...durations.entries()]
      .map(([step, xs]) => {
        const sorted = [...xs].sort((a, b) => a - b);
        return { step, p50: quantile(sorted, 0.5), p95: quantile(sorted, 0.95), count: xs.length };
      })
      .sort((a, b) => b.p95 - a.p95),
    failures: [...failures.entries()].map(([what, count]) => ({ what, count })).sort((a, b) => b.count - a.count).slice(0, 5),
  };
}
