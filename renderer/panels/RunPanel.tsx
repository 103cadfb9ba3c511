/**
 * The Run tab (issues #2 and #9): the run on display with its status (`data-run-status`), a
 * Simulation mark, progress, the debugger's buttons, the time-travel slider, the path taken (one
 * chip per attempt, failed attempts red), waiting approvals, the Variables region and the selected
 * step's details. Everything shown is the engine's own fold of the run's journal at the cursor.
 */
import { runStatusOf } from '../../engine/runtime/fold';
import { useAppStore } from '../app-context';
import { useTranslation } from '../i18n';
import { statusLabel } from '../i18n/status';
import { runStatusLook, statusLook } from '../run/status-colors';
import { DebugBar } from '../runs-ui/DebugBar';
import { RunProgress } from '../runs-ui/RunProgress';
import { TimeTravel } from '../runs-ui/TimeTravel';
import { useRunView } from '../runs-ui/use-run-view';
import { VariablesPanel } from '../runs-ui/VariablesPanel';
import { VirtualClockBar } from '../runs-ui/VirtualClockBar';
import { SaveScenario } from '../runs-ui/SaveScenario';
import { ApprovalBox } from './ApprovalBox';
import { CallbackBox } from './CallbackBox';
import { StepDetails } from './StepDetails';

/** The Run tab. */
export function RunPanel() {
  const { t } = useTranslation();
  const { runId, run, attempts, isLive } = useRunView();
  const isStarting = useAppStore((s) => s.isStarting);
  const selected = useAppStore((s) => s.selectedStep);
  const selectStep = useAppStore((s) => s.selectStep);
  if (!runId) {
    return (
      <section className="run-empty" aria-label={t('regions.run')}>
        <DebugBar />
        <p className="muted pad">{isStarting ? t('panels.run.starting') : t('panels.run.empty')}</p>
      </section>
    );
  }
  const status = run ? runStatusOf(run) : 'running';
  const look = runStatusLook(status);
  const waiting = run && isLive ? Object.entries(run.steps).filter(([, s]) => s.status === 'waiting' && (s.approval || s.callback)) : [];
  const shown = selected ?? attempts[attempts.length - 1]?.step ?? null;
  return (
    <section className={`run-panel${isLive ? '' : ' is-travelling'}`} aria-label={t('regions.run')} data-run-status={status} data-run-id={runId} data-run-mode={run?.mode ?? ''}>
      <div className="run-main">
        <div className="run-summary">
          <span className="badge" style={{ color: look.accent, background: look.tint }}>
            {statusLabel(t, status)}
            {run?.paused ? t('panels.run.before', { step: run.paused.step ?? '…' }) : ''}
          </span>
          {run?.mode === 'simulate' && (
            <span className="badge sim" title={t('panels.run.simulationTitle')}>
              {t('panels.run.simulation')}
            </span>
          )}
          <span className="mono">{runId}</span>
          {run && <RunProgress />}
        </div>
        <DebugBar />
        <VirtualClockBar />
        <SaveScenario />
        <TimeTravel />
        {run?.error && (
          <div className="error-box">
            <strong>{run.error.name}</strong>: {run.error.message}
          </div>
        )}
        {run?.compensation && <div className="notice-box">{t('panels.run.rollingBack')}</div>}
        {run && run.compensationsRun.size > 0 && (
          <p className="muted">{t('panels.run.rolledBack', { steps: [...run.compensationsRun].join(', ') })}</p>
        )}
        <ol className="run-path" aria-label={t('panels.run.path')}>
          {attempts.map((a, i) => {
            const st = statusLook(a.status);
            return (
              <li key={`${a.step}-${i}`}>
                <button type="button" className={`path-step${a.step === shown ? ' current' : ''}`} data-path-step={a.step}
                  data-attempt={a.attempt} data-status={a.status} style={{ borderColor: st.accent }} onClick={() => selectStep(a.step)}
                  title={t('panels.run.pathStep', { step: a.step, attempt: a.attempt, status: statusLabel(t, a.status) })}>
                  <span className="dot" style={{ background: st.accent }} />
                  {a.step}
                  {a.attempt > 1 ? ` #${a.attempt}` : ''}
                </button>
              </li>
            );
          })}
        </ol>
        {waiting.map(([id, s]) => s.approval && <ApprovalBox key={id} step={id} approval={s.approval} />)}
        {waiting.map(([id, s]) => s.callback && !s.callback.answer && <CallbackBox key={`cb-${id}`} step={id} callback={s.callback} />)}
      </div>
      <div className="run-vars">
        <VariablesPanel />
      </div>
      <div className="run-side">{shown ? <StepDetails id={shown} /> : <p className="muted pad">{t('panels.run.selectStep')}</p>}</div>
    </section>
  );
}
