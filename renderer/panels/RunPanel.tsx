/**
 * The run view (issue #2 "Run"): run status (`data-run-status`), the path taken, waiting
 * approvals, and the selected step's details. Everything shown is the engine's own fold of the
 * run's events (run/run-tracker.ts).
 */
import { runStatusOf } from '../../engine/runtime/fold';
import { useAppStore } from '../app-context';
import { formatDuration, formatTime, useTranslation } from '../i18n';
import { statusLabel } from '../i18n/status';
import { runStatusLook, statusLook } from '../run/status-colors';
import { ApprovalBox } from './ApprovalBox';
import { StepDetails } from './StepDetails';

/** The Run tab. */
export function RunPanel() {
  const { t, i18n } = useTranslation();
  const runId = useAppStore((s) => s.runId);
  const run = useAppStore((s) => s.run);
  const isStarting = useAppStore((s) => s.isStarting);
  const selected = useAppStore((s) => s.selectedStep);
  const selectStep = useAppStore((s) => s.selectStep);
  if (!runId) {
    return <p className="muted pad">{isStarting ? t('panels.run.starting') : t('panels.run.empty')}</p>;
  }
  const status = run ? runStatusOf(run) : 'running';
  const look = runStatusLook(status);
  const waiting = run ? Object.entries(run.steps).filter(([, s]) => s.status === 'waiting' && s.approval) : [];
  const shown = selected ?? run?.path[run.path.length - 1] ?? null;
  return (
    <div className="run-panel" data-run-status={status} data-run-id={runId}>
      <div className="run-main">
        <div className="run-summary">
          <span className="badge" style={{ color: look.accent, background: look.tint }}>
            {statusLabel(t, status)}
          </span>
          <span className="mono">{runId}</span>
          {run && <span className="muted">{t('panels.run.started', { time: formatTime(run.startedAt, i18n.language) })}</span>}
          {run?.endedAt && (
            <span className="muted">{t('panels.run.took', { duration: formatDuration(run.endedAt - run.startedAt, i18n.language) })}</span>
          )}
        </div>
        {run?.error && (
          <div className="error-box">
            <strong>{run.error.name}</strong>: {run.error.message}
          </div>
        )}
        <ol className="run-path" aria-label={t('panels.run.path')}>
          {(run?.path ?? []).map((id, i) => {
            const st = statusLook(run?.steps[id]?.status ?? 'pending');
            return (
              <li key={`${id}-${i}`}>
                <button type="button" className={`path-step${id === shown ? ' current' : ''}`} data-path-step={id}
                  style={{ borderColor: st.accent }} onClick={() => selectStep(id)}>
                  <span className="dot" style={{ background: st.accent }} />
                  {id}
                </button>
              </li>
            );
          })}
        </ol>
        {waiting.map(([id, s]) => s.approval && <ApprovalBox key={id} step={id} approval={s.approval} />)}
      </div>
      <div className="run-side">{shown ? <StepDetails id={shown} /> : <p className="muted pad">{t('panels.run.selectStep')}</p>}</div>
    </div>
  );
}
