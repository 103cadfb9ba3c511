/**
 * The Run history region (issue #9 point 3): every top-level run of the workspace's store, newest
 * first: designer, CLI and cron runs (who or what started each shown), simulations marked. Filters by flow, status,
 * start time and mode, child runs (map items, called flows) on request; live through `runSummary` events and a re-read every few seconds (runs made
 * by another process stream nothing here). Rows carry `data-run-id` and `data-run-status`;
 * opening one shows it on the canvas, where a waiting or paused run can be driven.
 */
import { useActions, useAppStore } from '../app-context';
import { formatDateTime, formatDuration, useTranslation } from '../i18n';
import { statusLabel } from '../i18n/status';
import { runStatusLook } from '../run/status-colors';
import type { RunSummary } from '../../engine/host/api';
import type { TFunction } from 'i18next';

/** Who or what started a run, in words (RunSummary.startedBy; older runs: their trigger, else "manual"). */
function starterOf(t: TFunction, h: RunSummary): string {
  const by = h.startedBy;
  if (by?.kind === 'user') return t('runs.history.byUser', { user: by.user, via: t(`runs.history.via_${by.via}`) });
  if (by?.kind === 'cron') return t('runs.history.cron', { pattern: by.cron });
  if (by?.kind === 'webhook') return t('runs.history.byWebhook', { name: by.name });
  if (by?.kind === 'parent') return t('runs.history.byParent', { run: by.run, step: by.step });
  return h.trigger && typeof h.trigger === 'object' && 'cron' in h.trigger ? t('runs.history.cron', { pattern: String(h.trigger.cron) }) : t('runs.history.manual');
}

const STATUSES = ['', 'running', 'waiting', 'paused', 'succeeded', 'failed', 'cancelled'];
const SINCE = [
  ['', 'sinceAny'],
  ['1h', 'since1h'],
  ['24h', 'since24h'],
  ['7d', 'since7d'],
] as const;

/** The History tab. */
export function RunHistory() {
  const { t, i18n } = useTranslation();
  const { runs } = useActions();
  const history = useAppStore((s) => s.history);
  const filter = useAppStore((s) => s.historyFilter);
  const setFilter = useAppStore((s) => s.setHistoryFilter);
  const shown = useAppStore((s) => s.runId);
  const flows = [...new Set(history.map((h) => h.flow))].sort();
  const change = (f: Parameters<typeof setFilter>[0]) => {
    setFilter(f);
    runs.refreshHistorySoon();
  };
  return (
    <section className="run-history" aria-label={t('regions.runHistory')}>
      <div className="history-filters">
        <div className="field">
          <label htmlFor="history-flow">{t('runs.history.flow')}</label>
          <input id="history-flow" list="history-flows" value={filter.flow} placeholder={t('runs.history.anyFlow')} onChange={(e) => change({ flow: e.target.value })} />
          <datalist id="history-flows">
            {flows.map((f) => (
              <option key={f} value={f} />
            ))}
          </datalist>
        </div>
        <div className="field">
          <label htmlFor="history-status">{t('runs.history.status')}</label>
          <select id="history-status" value={filter.status} onChange={(e) => change({ status: e.target.value })}>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s ? statusLabel(t, s) : t('runs.history.anyStatus')}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="history-since">{t('runs.history.since')}</label>
          <select id="history-since" value={filter.since} onChange={(e) => change({ since: e.target.value })}>
            {SINCE.map(([v, label]) => (
              <option key={v} value={v}>
                {t(`runs.history.${label}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="history-mode">{t('runs.history.mode')}</label>
          <select id="history-mode" value={filter.mode} onChange={(e) => change({ mode: e.target.value as '' | 'run' | 'simulate' })}>
            <option value="">{t('runs.history.modeAll')}</option>
            <option value="run">{t('runs.history.modeRun')}</option>
            <option value="simulate">{t('runs.history.modeSimulate')}</option>
          </select>
        </div>
        <label className="check">
          <input type="checkbox" checked={filter.children} onChange={(e) => change({ children: e.target.checked })} />
          {t('runs.history.children')}
        </label>
        <button type="button" className="btn" onClick={() => void runs.refreshHistory()}>
          {t('runs.history.refresh')}
        </button>
      </div>
      {history.length === 0 ? (
        <p className="muted pad">{t('runs.history.none')}</p>
      ) : (
        <table className="history-table">
          <thead>
            <tr>
              <th>{t('runs.history.status')}</th>
              <th>{t('runs.history.flow')}</th>
              <th>{t('runs.history.run')}</th>
              <th>{t('runs.history.started')}</th>
              <th>{t('runs.history.took')}</th>
              <th>{t('runs.history.startedBy')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {history.map((h) => {
              const look = runStatusLook(h.status as never);
              const took = h.endedAt ? formatDuration(Date.parse(h.endedAt) - Date.parse(h.startedAt), i18n.language) : '—';
              const trigger = starterOf(t, h);
              return (
                <tr key={h.id} data-run-id={h.id} data-run-status={h.status} data-run-mode={h.mode} className={h.id === shown ? 'current' : ''}>
                  <td>
                    <span className="badge" style={{ color: look.accent, background: look.tint }}>
                      {statusLabel(t, h.status)}
                    </span>
                  </td>
                  <td className="mono">{h.flow}</td>
                  <td className="mono">
                    {h.id}
                    {h.mode === 'simulate' && <span className="badge sim">{t('runs.simulation')}</span>}
                  </td>
                  <td>{formatDateTime(Date.parse(h.startedAt), i18n.language)}</td>
                  <td>{took}{h.mode === 'simulate' && h.endedAt ? t('runs.history.virtual') : ''}</td>
                  <td className="muted" data-started-by={h.startedBy?.kind ?? ''}>{trigger}</td>
                  <td>
                    <button type="button" className="btn" aria-label={t('runs.history.openRun', { run: h.id })} onClick={() => void runs.open(h.id)}>
                      {t('runs.history.open')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
