/**
 * The Run history region (issue #9 point 3): every top-level run of the workspace's store, newest
 * first: designer, CLI and cron runs (trigger shown), simulations marked. Filters by flow, status,
 * start time and mode; live through `runSummary` events and a re-read every few seconds (runs made
 * by another process stream nothing here). Rows carry `data-run-id` and `data-run-status`;
 * opening one shows it on the canvas, where a waiting or paused run can be driven.
 */
import { useActions, useAppStore } from '../app-context';
import { runStatusLook } from '../run/status-colors';
import { formatDuration } from './use-run-view';

const STATUSES = ['', 'running', 'waiting', 'paused', 'succeeded', 'failed', 'cancelled'];
const SINCE = [
  ['', 'any time'],
  ['1h', 'last hour'],
  ['24h', 'last 24 hours'],
  ['7d', 'last 7 days'],
] as const;

/** The History tab. */
export function RunHistory() {
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
    <section className="run-history" aria-label="Run history">
      <div className="history-filters">
        <div className="field">
          <label htmlFor="history-flow">Flow</label>
          <input id="history-flow" list="history-flows" value={filter.flow} placeholder="any flow" onChange={(e) => change({ flow: e.target.value })} />
          <datalist id="history-flows">
            {flows.map((f) => (
              <option key={f} value={f} />
            ))}
          </datalist>
        </div>
        <div className="field">
          <label htmlFor="history-status">Status</label>
          <select id="history-status" value={filter.status} onChange={(e) => change({ status: e.target.value })}>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {s || 'any status'}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="history-since">Since</label>
          <select id="history-since" value={filter.since} onChange={(e) => change({ since: e.target.value })}>
            {SINCE.map(([v, label]) => (
              <option key={v} value={v}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="history-mode">Mode</label>
          <select id="history-mode" value={filter.mode} onChange={(e) => change({ mode: e.target.value as '' | 'run' | 'simulate' })}>
            <option value="">runs and simulations</option>
            <option value="run">runs</option>
            <option value="simulate">simulations</option>
          </select>
        </div>
        <button type="button" className="btn" onClick={() => void runs.refreshHistory()}>
          Refresh
        </button>
      </div>
      {history.length === 0 ? (
        <p className="muted pad">No runs match.</p>
      ) : (
        <table className="history-table">
          <thead>
            <tr>
              <th>Status</th>
              <th>Flow</th>
              <th>Run</th>
              <th>Started</th>
              <th>Took</th>
              <th>Trigger</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {history.map((h) => {
              const look = runStatusLook(h.status as never);
              const took = h.endedAt ? formatDuration(Date.parse(h.endedAt) - Date.parse(h.startedAt)) : '—';
              const trigger = h.trigger && typeof h.trigger === 'object' && 'cron' in h.trigger ? `cron ${String(h.trigger.cron)}` : 'manual (designer or CLI)';
              return (
                <tr key={h.id} data-run-id={h.id} data-run-status={h.status} data-run-mode={h.mode} className={h.id === shown ? 'current' : ''}>
                  <td>
                    <span className="badge" style={{ color: look.accent, background: look.tint }}>
                      {h.status}
                    </span>
                  </td>
                  <td className="mono">{h.flow}</td>
                  <td className="mono">
                    {h.id}
                    {h.mode === 'simulate' && <span className="badge sim">Simulation</span>}
                  </td>
                  <td>{new Date(h.startedAt).toLocaleString()}</td>
                  <td>{took}{h.mode === 'simulate' && h.endedAt ? ' (virtual)' : ''}</td>
                  <td className="muted">{trigger}</td>
                  <td>
                    <button type="button" className="btn" aria-label={`Open run ${h.id}`} onClick={() => void runs.open(h.id)}>
                      Open
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
