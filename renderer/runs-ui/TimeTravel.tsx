/**
 * The time-travel control (DESIGN.md: a slider named "Time travel") over the run's journal: the
 * canvas, step details and variables show the state after the chosen event. Home is the start,
 * End is now (live again); the arrow keys and the two buttons move by one event.
 */
import { useActions } from '../app-context';
import { formatTime, useTranslation } from '../i18n';
import { useRunView } from './use-run-view';

/** The slider with back/forward buttons and the event at the cursor. */
export function TimeTravel() {
  const { t, i18n } = useTranslation();
  const { runs } = useActions();
  const { length, position, isLive, events } = useRunView();
  if (length === 0) return null;
  const event = events[position - 1];
  const at = event ? formatTime(event.at, i18n.language) : '';
  // The event's type and step are journal data (RunStarted, StepSucceeded…), shown as written.
  const what = event ? `${event.type}${'step' in event ? ` ${event.step}` : ''}` : '';
  return (
    <div className="time-travel">
      <button type="button" className="btn icon" aria-label={t('runs.timeTravel.back')} disabled={position <= 1} onClick={() => runs.setCursor(position - 1)}>
        ‹
      </button>
      <input type="range" aria-label={t('runs.timeTravel.slider')} min={1} max={length} step={1} value={position}
        aria-valuetext={t(isLive ? 'runs.timeTravel.valueTextNow' : 'runs.timeTravel.valueText', { position, length })}
        onChange={(e) => runs.setCursor(Number(e.target.value))} />
      <button type="button" className="btn icon" aria-label={t('runs.timeTravel.forward')} disabled={isLive} onClick={() => runs.setCursor(position + 1)}>
        ›
      </button>
      <span className="muted mono tt-where" data-cursor={position} data-live={isLive ? 'true' : 'false'}
        title={`${position}/${length} · ${what} · ${at}`}>
        {position}/{length} · {what} · {at}
        {isLive ? t('runs.timeTravel.now') : ''}
      </span>
      {!isLive && (
        <button type="button" className="btn" onClick={() => runs.setCursor(null)}>
          {t('runs.timeTravel.goNow')}
        </button>
      )}
    </div>
  );
}
