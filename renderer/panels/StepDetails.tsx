/**
 * The Step details region (issue #9 point 5): one step of the run on display at the cursor: its
 * status, input (what the journal has), output, error, and each attempt separately with its own
 * times, error, resolved input (StepInput: the command, request, message or script bindings,
 * secrets redacted) and logs. Finished steps load their stored logs (getStepLogs) so nothing
 * streamed is missed. Input shows the latest attempt's resolved input; a step that recorded none
 * (not started, not a task, or a simulation) shows the run's input and the variables at the cursor.
 */
import { useEffect } from 'react';
import { useActions, useAppStore } from '../app-context';
import { statusLook } from '../run/status-colors';
import { formatDuration, formatTime, useTranslation } from '../i18n';
import { statusLabel } from '../i18n/status';
import { useRunView } from '../runs-ui/use-run-view';

/** Details of step `id` in the run on display. */
export function StepDetails({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const time = (ms: number | null) => formatTime(ms, i18n.language);
  const actions = useActions();
  const { runId, run, attempts: all, logs } = useRunView();
  const state = run?.steps[id];
  const status = state?.status ?? 'pending';
  const isFinished = status !== 'pending' && status !== 'running' && status !== 'waiting' && status !== 'backing-off';
  useEffect(() => {
    if (runId && isFinished) void actions.loadStepLogs(id);
  }, [actions, runId, id, isFinished]);
  const look = statusLook(status);
  const attempts = all.filter((a) => a.step === id);
  const resolved = [...attempts].reverse().find((a) => a.input !== undefined)?.input;
  return (
    <section className="step-details" data-step-details={id} aria-label={t('regions.stepDetails')}>
      <div className="details-head">
        <span className="mono strong">{id}</span>
        <span className="badge" style={{ color: look.accent, background: look.tint }}>
          {statusLabel(t, status)}
        </span>
        <span className="muted">
          {t('panels.stepDetails.meta', { attempts: state?.attempts ?? 0, started: time(state?.startedAt ?? null), ended: time(state?.endedAt ?? null) })}
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
              <strong className={d.verdict === 'approve' ? 'ok' : 'bad'}>{d.verdict === 'approve' ? t('panels.stepDetails.approved') : t('panels.stepDetails.rejected')}</strong>{' '}
              {t('panels.stepDetails.decidedBy', { who: d.by, time: time(d.at) })}
              {d.comment ? <>: “{d.comment}”</> : null}
            </li>
          ))}
        </ul>
      )}
      <div className="details-grid">
        <div>
          <h5>{t('panels.stepDetails.input')}</h5>
          <pre className="json" aria-label={t('panels.stepDetails.stepInput')} data-resolved={resolved !== undefined ? 'true' : 'false'}>
            {resolved !== undefined ? JSON.stringify(resolved, null, 2) : run ? JSON.stringify({ input: run.input, vars: run.vars }, null, 2) : '—'}
          </pre>
          <p className="field-hint">{resolved !== undefined ? t('panels.stepDetails.resolvedNote') : t('panels.stepDetails.inputNote')}</p>
        </div>
        <div>
          <h5>{t('panels.stepDetails.output')}</h5>
          <pre className="json" aria-label={t('panels.stepDetails.stepOutput')}>
            {state && state.output !== null ? JSON.stringify(state.output, null, 2) : '—'}
          </pre>
        </div>
      </div>
      <h5 className="attempts-head">{t('panels.stepDetails.attempts')}</h5>
      {attempts.length === 0 && <p className="muted">{t('panels.stepDetails.notStarted')}</p>}
      <ol className="attempts" aria-label={t('panels.stepDetails.attempts')}>
        {attempts.map((a, i) => {
          const lines = logs.filter((l) => l.step === id && l.attempt === a.attempt);
          const al = statusLook(a.status);
          return (
            <li key={i} className="attempt" data-attempt={a.attempt} data-status={a.status}>
              <div className="details-head">
                <strong>{t('panels.stepDetails.attempt', { n: a.attempt })}</strong>
                <span className="badge" style={{ color: al.accent, background: al.tint }}>
                  {statusLabel(t, a.status)}
                </span>
                <span className="muted">
                  {time(a.startedAt)} → {time(a.endedAt)}
                  {a.endedAt !== null ? ` (${formatDuration(a.endedAt - a.startedAt, i18n.language)})` : ''}
                </span>
              </div>
              {a.error && (
                <div className="error-box">
                  <strong>{a.error.name}</strong>: {a.error.message}
                </div>
              )}
              {a.input !== undefined && (
                <pre className="json attempt-input" aria-label={t('panels.stepDetails.inputOf', { n: a.attempt })}>
                  {JSON.stringify(a.input, null, 2)}
                </pre>
              )}
              <pre className="logs" aria-label={t('panels.stepDetails.logsOf', { n: a.attempt })}>
                {lines.length === 0
                  ? '—'
                  : lines.map((l, j) => (
                      <span key={j} className={l.stream}>
                        {l.text}
                        {l.text.endsWith('\n') ? '' : '\n'}
                      </span>
                    ))}
              </pre>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
