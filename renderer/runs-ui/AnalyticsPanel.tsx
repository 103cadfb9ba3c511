/**
 * The Analytics region (issue #9 point 8) for the open flow: success rate, runs per day (recharts
 * bar chart), p50/p95 duration per step and the most frequent failures, over its last runs in the
 * store (summaries from listRuns; step times from getRun of the last RECORDS finished ones).
 */
import { useEffect, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { RunRecord } from '../../engine/runtime/record';
import { useActions, useAppStore } from '../app-context';
import { analyze, type FlowAnalytics } from './analytics';
import { formatDuration } from './use-run-view';

/** Finished runs whose records are read for step durations and failures. */
const RECORDS = 30;

/** The Analytics tab. */
export function AnalyticsPanel() {
  const { host } = useActions();
  const flow = useAppStore((s) => s.flow?.name ?? null);
  const [mode, setMode] = useState<'run' | 'simulate'>('run');
  const [figures, setFigures] = useState<FlowAnalytics | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!flow) return;
    let isCurrent = true;
    (async () => {
      const runs = await host.listRuns({ flow, mode, limit: 500 });
      const finished = runs.filter((r) => r.endedAt).slice(0, RECORDS);
      const records: RunRecord[] = [];
      for (const r of finished) records.push((await host.getRun({ run: r.id })).record);
      if (isCurrent) setFigures(analyze(runs, records));
    })().catch((err: unknown) => isCurrent && setError((err as Error).message));
    return () => {
      isCurrent = false;
    };
  }, [host, flow, mode]);
  if (!flow) return <p className="muted pad">Open a flow to see its analytics.</p>;
  return (
    <section className="analytics" aria-label="Analytics">
      <div className="history-filters">
        <strong className="mono">{flow}</strong>
        <div className="field">
          <label htmlFor="analytics-mode">Mode</label>
          <select id="analytics-mode" value={mode} onChange={(e) => setMode(e.target.value as 'run' | 'simulate')}>
            <option value="run">runs</option>
            <option value="simulate">simulations</option>
          </select>
        </div>
        {figures && (
          <span data-success-rate={figures.successRate ?? ''} data-runs={figures.total}>
            {figures.total} runs · success rate {figures.successRate === null ? '—' : `${Math.round(figures.successRate * 100)}%`}
          </span>
        )}
      </div>
      {error && <div className="error-box">{error}</div>}
      {figures && figures.total === 0 && <p className="muted pad">No {mode === 'run' ? 'runs' : 'simulations'} of {flow} yet.</p>}
      {figures && figures.total > 0 && (
        <div className="analytics-grid">
          <figure aria-label="Runs over time">
            <figcaption>Runs per day</figcaption>
            <ResponsiveContainer width="100%" height={160}>
              <BarChart data={figures.perDay}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="day" fontSize={11} />
                <YAxis allowDecimals={false} fontSize={11} />
                <Tooltip />
                <Legend />
                <Bar dataKey="runs" fill="#3b82f6" isAnimationActive={false} />
                <Bar dataKey="failed" fill="#dc2626" isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </figure>
          <figure aria-label="Step durations">
            <figcaption>Duration per step (p50 / p95)</figcaption>
            <table className="history-table">
              <thead>
                <tr>
                  <th>Step</th>
                  <th>p50</th>
                  <th>p95</th>
                  <th>n</th>
                </tr>
              </thead>
              <tbody>
                {figures.steps.map((s) => (
                  <tr key={s.step} data-step={s.step}>
                    <td className="mono">{s.step}</td>
                    <td>{formatDuration(s.p50)}</td>
                    <td>{formatDuration(s.p95)}</td>
                    <td>{s.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </figure>
          <figure aria-label="Frequent failures">
            <figcaption>Most frequent failures</figcaption>
            {figures.failures.length === 0 ? (
              <p className="muted">None.</p>
            ) : (
              <ol>
                {figures.failures.map((f) => (
                  <li key={f.what}>
                    <span className="mono">{f.what}</span> × {f.count}
                  </li>
                ))}
              </ol>
            )}
          </figure>
        </div>
      )}
    </section>
  );
}
