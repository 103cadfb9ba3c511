/**
 * The run panel's step view: status, attempts, times, output (pretty JSON), error and logs of
 * one step. Finished steps load their stored logs (getStepLogs) so nothing streamed is missed.
 */
import { useEffect } from 'react';
import { useActions, useAppStore } from '../app-context';
import { statusLook } from '../run/status-colors';

const time = (ms: number | null) => (ms === null ? '—' : new Date(ms).toLocaleTimeString());

/** Details of step `id` in the run on display. */
export function StepDetails({ id }: { id: string }) {
  const actions = useActions();
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
          {look.label}
        </span>
        <span className="muted">
          attempts {state?.attempts ?? 0} · started {time(state?.startedAt ?? null)} · ended {time(state?.endedAt ?? null)}
        </span>
      </div>
      {state?.error && (
        <div className="error-box">
          <strong>{state.error.name}</strong>: {state.error.message}
        </div>
      )}
      {state?.approval && state.approval.decisions.length > 0 && (
        <ul className="decisions" aria-label="Approval decisions">
          {state.approval.decisions.map((d, i) => (
            <li key={i}>
              <strong className={d.verdict === 'approve' ? 'ok' : 'bad'}>{d.verdict === 'approve' ? 'Approved' : 'Rejected'}</strong>{' '}
              by <span className="mono">{d.by}</span> at {time(d.at)}
              {d.comment ? <>: “{d.comment}”</> : null}
            </li>
          ))}
        </ul>
      )}
      <div className="details-grid">
        <div>
          <h5>Output</h5>
          <pre className="json" aria-label="Step output">
            {state && state.output !== null ? JSON.stringify(state.output, null, 2) : '—'}
          </pre>
        </div>
        <div>
          <h5>Logs</h5>
          <pre className="logs" aria-label="Step logs">
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
