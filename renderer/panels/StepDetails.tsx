/**
 * The run panel's step view: status, attempts, times, output (pretty JSON), error and logs of
 * one step. Finished steps load their stored logs (getStepLogs) so nothing streamed is missed.
 */
import { useEffect } from 'react';
import { useActions, useAppStore } from '../app-context';
import { formatTime, useTranslation } from '../i18n';
import { statusLabel } from '../i18n/status';
import { statusLook } from '../run/status-colors';

/** Details of step `id` in the run on display. */
export function StepDetails({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const actions = useActions();
  const time = (ms: number | null) => formatTime(ms, i18n.language);
  const runId = useAppStore((s) => s.runId);
  const state = useAppStore((s) => s.run?.steps[id]);
  const logs = useAppStore((s) => s.logs);
  const status = state?.status ?? 'pending';
  const isFinished = status !== 'pending' && status !== 'running' && status !== 'waiting';
  useEffect(() => {
    if (runId && isFinished) void actions.loadStepLogs(id);
  }, [actions, runId, id, isFinished]);
  const look = statusLook(status);
  const lines = logs.filter((l) => l.step === id);
  return (
    <div className="step-details" data-step-details={id}>
      <div className="details-head">
        <span className="mono strong">{id}</span>
        <span className="badge" style={{ color: look.accent, background: look.tint }}>
          {statusLabel(t, status)}
        </span>
        <span className="muted">
          {t('panels.stepDetails.meta', {
            attempts: state?.attempts ?? 0,
            started: time(state?.startedAt ?? null),
            ended: time(state?.endedAt ?? null),
          })}
        </span>
      </div>
      {state?.error && (
        <div className="error-box">
          <strong>{state.error.name}</strong>: {state.error.message}
        </div>
      )}
      {state?.approval && state.approval.decisions.length > 0 && (
        <ul className="decisions" aria-label={t('panels.stepDetails.decisions')}>
          {state.approval.decisions.map((d, i) => (
            <li key={i}>
              <strong className={d.verdict === 'approve' ? 'ok' : 'bad'}>
                {d.verdict === 'approve' ? t('panels.stepDetails.approved') : t('panels.stepDetails.rejected')}
              </strong>{' '}
              {t('panels.stepDetails.by')} <span className="mono">{d.by}</span> {t('panels.stepDetails.at', { time: time(d.at) })}
              {d.comment ? <>: “{d.comment}”</> : null}
            </li>
          ))}
        </ul>
      )}
      <div className="details-grid">
        <div>
          <h5>{t('panels.stepDetails.output')}</h5>
          <pre className="json" aria-label={t('panels.stepDetails.stepOutput')}>
            {state && state.output !== null ? JSON.stringify(state.output, null, 2) : '—'}
          </pre>
        </div>
        <div>
          <h5>{t('panels.stepDetails.logs')}</h5>
          <pre className="logs" aria-label={t('panels.stepDetails.stepLogs')}>
            {lines.length === 0
              ? '—'
              : lines.map((l, i) => (
                  <span key={i} className={l.stream}>
                    {l.text}
                    {l.text.endsWith('\n') ? '' : '\n'}
                  </span>
                ))}
          </pre>
        </div>
      </div>
    </div>
  );
}
