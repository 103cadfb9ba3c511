/**
 * The Analytics region (issue #9 point 8) for the open flow: success rate, runs per day (recharts
 * bar chart), p50/p95 duration per step and the most frequent failures, over its last runs in the
 * store (summaries from listRuns; step times from getRun of the last RECORDS finished ones).
 */
import { useEffect, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { RunRecord } from '../../engine/runtime/record';
import { useActions, useAppStore } from '../app-context';
import { formatDuration, formatNumber, useTranslation } from '../i18n';
import { analyze, type FlowAnalytics } from './analytics';

/** Finished runs whose records are read for step durations and failures. */
const RECORDS = 30;

/** The Analytics tab. */
export function AnalyticsPanel() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
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
  if (!flow) return <p className="muted pad">{t('runs.analytics.noFlow')}</p>;
  return (
    <section className="analytics" aria-label={t('regions.analytics')}>
      <div className="history-filters">
        <strong className="mono">{flow}</strong>
        <div className="field">
          <label htmlFor="analytics-mode">{t('runs.analytics.mode')}</label>
          <select id="analytics-mode" value={mode} onChange={(e) => setMode(e.target.value as 'run' | 'simulate')}>
            <option value="run">{t('runs.analytics.runs')}</option>
            <option value="simulate">{t('runs.analytics.simulations')}</option>
          </select>
        </div>
        {figures && (
          <span data-success-rate={figures.successRate ?? ''} data-runs={figures.total}>
            {t('runs.analytics.summary', {
              count: figures.total,
              rate: figures.successRate === null ? '—' : `${formatNumber(Math.round(figures.successRate * 100), lng)}%`,
            })}
          </span>
        )}
      </div>
      {error && <div className="error-box">{error}</div>}
      {figures && figures.total === 0 && <p className="muted pad">{t(mode === 'run' ? 'runs.analytics.noRuns' : 'runs.analytics.noSimulations', { flow })}</p>}
      {figures && figures.total > 0 && (
        <div className="analytics-grid">
          <figure aria-label={t('runs.analytics.overTime')}>
            <figcaption>{t('runs.analytics.perDay')}</figcaption>
            <ResponsiveContainer width="100%" height={160}>
              <BarChart data={figures.perDay}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="day" fontSize={11} />
                <YAxis allowDecimals={false} fontSize={11} />
                <Tooltip />
                <Legend />
                <Bar dataKey="runs" name={t('runs.analytics.seriesRuns')} fill="#3b82f6" isAnimationActive={false} />
                <Bar dataKey="failed" name={t('runs.analytics.seriesFailed')} fill="#dc2626" isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </figure>
          <figure aria-label={t('runs.analytics.stepDurations')}>
            <figcaption>{t('runs.analytics.perStep')}</figcaption>
            <table className="history-table">
              <thead>
                <tr>
                  <th>{t('runs.analytics.step')}</th>
                  <th>p50</th>
                  <th>p95</th>
                  <th>{t('runs.analytics.count')}</th>
                </tr>
              </thead>
              <tbody>
                {figures.steps.map((s) => (
                  <tr key={s.step} data-step={s.step}>
                    <td className="mono">{s.step}</td>
                    <td>{formatDuration(s.p50, lng)}</td>
                    <td>{formatDuration(s.p95, lng)}</td>
                    <td>{formatNumber(s.count, lng)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </figure>
          <figure aria-label={t('runs.analytics.failuresRegion')}>
            <figcaption>{t('runs.analytics.failures')}</figcaption>
            {figures.failures.length === 0 ? (
              <p className="muted">{t('runs.analytics.none')}</p>
            ) : (
              <ol>
                {figures.failures.map((f) => (
                  <li key={f.what}>
                    <span className="mono">{f.what}</span> × {formatNumber(f.count, lng)}
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
