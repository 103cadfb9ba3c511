/**
 * Virtual time of the simulation on display (issue #9 point 7): the virtual now, whether it is held
 * while an approval waits, the next timer, a "Virtual time speed" choice (jump to each timer and
 * hold at approvals, or 1×/10×/60× real time) and a "Next timer" button that moves time on to the
 * next timer, retry or deadline. Shown only for a simulation this engine process drives.
 */
import { useEffect, useState } from 'react';
import type { VirtualTime } from '../../engine/host/api';
import { useActions, useAppStore } from '../app-context';
import { formatDateTime, useTranslation } from '../i18n';
import { useRunView } from './use-run-view';

/** Speeds offered besides `held`: virtual seconds per real second. */
const SPEEDS = [1, 10, 60] as const;

/** `held` or `speed:<factor>`: the select's value for a pace (a speed not offered shows as its own value). */
function paceValue(pace: VirtualTime['pace']): string {
  // `jump` (a CLI-paced clock) is shown as the nearest choice, which also jumps.
  return pace.kind === 'speed' ? `speed:${pace.factor}` : 'held';
}

/** The virtual-time bar of the Run tab. */
export function VirtualClockBar() {
  const { t, i18n } = useTranslation();
  const { runs } = useActions();
  const { runId, run, isLive } = useRunView();
  const clock = useAppStore((s) => s.virtualTime);
  const [wallNow, setWallNow] = useState(() => Date.now());
  const isFlowing = clock?.pace.kind === 'speed' && run?.endedAt === null;
  // At a speed, the virtual now moves between the host's reports: redraw it once a second.
  useEffect(() => {
    if (!isFlowing) return;
    const timer = setInterval(() => setWallNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [isFlowing]);
  if (!run || run.mode !== 'simulate' || !clock || clock.run !== runId) return null;
  const isOver = run.endedAt !== null;
  const reported = Date.parse(clock.now);
  const now = clock.pace.kind === 'speed' && !isOver ? reported + Math.max(0, wallNow - clock.receivedAt) * clock.pace.factor : reported;
  const nowText = formatDateTime(isOver ? run.endedAt : now, i18n.language);
  return (
    <div className="virtual-clock" role="group" aria-label={t('runs.clock.label')} data-virtual-now={new Date(isOver ? run.endedAt! : now).toISOString()}
      data-held={clock.isHeld && !isOver ? 'true' : 'false'}>
      <span className="mono">{t('runs.clock.now', { time: nowText })}</span>
      {clock.isHeld && !isOver && <span className="badge sim">{t('runs.clock.held')}</span>}
      {clock.nextTimerAt && !isOver && <span className="muted">{t('runs.clock.next', { time: formatDateTime(Date.parse(clock.nextTimerAt), i18n.language) })}</span>}
      <select aria-label={t('runs.clock.speed')} value={paceValue(clock.pace)} disabled={isOver || !isLive}
          onChange={(e) => {
            const v = e.target.value;
            void runs.setClockPace(v.startsWith('speed:') ? { kind: 'speed', factor: Number(v.slice(6)) } : { kind: 'held' });
          }}>
        <option value="held">{t('runs.clock.paceHeld')}</option>
        {SPEEDS.map((f) => (
          <option key={f} value={`speed:${f}`}>
            {t('runs.clock.paceSpeed', { factor: f })}
          </option>
        ))}
      </select>
      <button type="button" className="btn" title={t('runs.clock.nextTimerTitle')} disabled={isOver || !isLive || clock.nextTimerAt === null}
        onClick={() => void runs.advanceClock({ to: 'next-timer' })}>
        {t('runs.clock.nextTimer')}
      </button>
    </div>
  );
}
