/**
 * The debugger's buttons over the run on display (issue #9 point 2, DESIGN.md names): Pause,
 * Continue, Step, Cancel run for the run; Toggle breakpoint (F9), Skip step, Retry step and Run
 * from here for the selected step. Each is offered only when the runtime would accept it.
 */
import { runStatusOf } from '../../engine/runtime/fold';
import { useActions, useAppStore } from '../app-context';
import { useTranslation } from '../i18n';
import { selectHasBreakpoint } from '../store/run-slice';
import { useRunView } from './use-run-view';

/** The toolbar of the Run tab. */
export function DebugBar() {
  const { t } = useTranslation();
  const { runs } = useActions();
  const { run, isLive } = useRunView();
  const selected = useAppStore((s) => s.selectedStep);
  const hasFlow = useAppStore((s) => s.flow !== null);
  const hasBreakpoint = useAppStore(selectHasBreakpoint(selected ?? ''));
  const status = run ? runStatusOf(run) : null;
  const isOver = status === 'succeeded' || status === 'failed' || status === 'cancelled';
  const canDrive = run !== null && isLive;
  const step = selected ? run?.steps[selected] : undefined;
  const stepStatus = step?.status ?? 'pending';
  const canSkip = canDrive && !isOver && selected !== null && (run.ready.has(selected) || stepStatus === 'running' || stepStatus === 'backing-off' || stepStatus === 'waiting' || run.paused?.step === selected);
  return (
    <div className="debug-bar" role="toolbar" aria-label={t('runs.debugger.label')}>
      <button type="button" className="btn" disabled={!canDrive || status !== 'running'} onClick={() => void runs.pause()}>
        {t('runs.debugger.pause')}
      </button>
      <button type="button" className="btn" disabled={!canDrive || status !== 'paused'} onClick={() => void runs.continue(false)}>
        {t('runs.debugger.continue')}
      </button>
      <button type="button" className="btn" disabled={!canDrive || status !== 'paused'} onClick={() => void runs.continue(true)}>
        {t('runs.debugger.step')}
      </button>
      <button type="button" className="btn reject" disabled={!canDrive || isOver} onClick={() => void runs.cancel()}>
        {t('runs.debugger.cancel')}
      </button>
      <span className="sep" />
      <button type="button" className={`btn${hasBreakpoint ? ' active' : ''}`} disabled={!hasFlow || !selected} aria-pressed={hasBreakpoint}
        title={t('runs.debugger.toggleBreakpointTitle')} onClick={() => selected && void runs.toggleBreakpoint(selected)}>
        {t('runs.debugger.toggleBreakpoint')}
      </button>
      <button type="button" className="btn" disabled={!canSkip} onClick={() => selected && void runs.skip(selected)}>
        {t('runs.debugger.skip')}
      </button>
      <button type="button" className="btn" disabled={!canDrive || stepStatus !== 'failed'} onClick={() => selected && void runs.retry(selected)}>
        {t('runs.debugger.retry')}
      </button>
      <button type="button" className="btn" disabled={!run || !selected} onClick={() => selected && void runs.runFrom(selected)}>
        {t('runs.debugger.runFrom')}
      </button>
    </div>
  );
}
