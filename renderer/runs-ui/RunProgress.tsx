/**
 * Progress of the run on display (issue #9 point 8): steps finished of the flow's steps, elapsed
 * time (virtual in simulations) and an ETA from the median duration of past succeeded runs of the
 * same flow and mode in the history list.
 */
import { useAppStore } from '../app-context';
import { formatDuration, useTranslation } from '../i18n';
import { useRunView } from './use-run-view';

const DONE = new Set(['succeeded', 'failed', 'skipped', 'cancelled', 'compensated']);

/** Median of non-empty `xs`. */
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** `3 of 7 steps · 12.0 s · ETA 20 s`. */
export function RunProgress() {
  const { t, i18n } = useTranslation();
  const { run, events, position, isLive } = useRunView();
  const total = useAppStore((s) => (s.flow ? Object.keys(s.flow.steps).length : 0));
  const history = useAppStore((s) => s.history);
  if (!run) return null;
  const done = Object.values(run.steps).filter((s) => DONE.has(s.status)).length;
  const last = events[position - 1];
  // Simulations run on a virtual clock: elapsed is the journal's own time, never the wall clock.
  // At a time-travel cursor, "now" is the time of the event there.
  const now = run.endedAt ?? (run.mode === 'simulate' || !isLive || !last ? last?.at ?? run.startedAt : Math.max(Date.now(), last.at));
  const elapsed = now - run.startedAt;
  const past = history
    .filter((h) => h.flow === run.flow && h.mode === run.mode && h.status === 'succeeded' && h.endedAt && h.id !== run.id)
    .map((h) => Date.parse(h.endedAt!) - Date.parse(h.startedAt));
  const typical = past.length ? median(past) : null;
  return (
    <span className="run-progress muted" data-steps-done={done} data-steps-total={total}>
      {t(run.endedAt ? 'runs.progress.took' : 'runs.progress.elapsed', { done, total, duration: formatDuration(elapsed, i18n.language) })}
      {run.mode === 'simulate' ? t('runs.progress.virtual') : ''}
      {!run.endedAt && typical !== null
        ? t('runs.progress.eta', { duration: formatDuration(Math.max(0, typical - elapsed), i18n.language), count: past.length })
        : ''}
    </span>
  );
}
