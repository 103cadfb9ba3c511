/**
 * Which of this flow's cron triggers the engine process has scheduled, and when each fires next
 * (HostApi listTriggers). Saved files only: the engine schedules what is on disk, and only for
 * trusted flows, so an edited trigger shows up here after Save.
 */
import { useEffect, useState } from 'react';
import type { TriggerInfo } from '../../engine/host/api';
import { useActions, useAppStore } from '../app-context';
import { formatDateTime, useTranslation } from '../i18n';

/** The scheduled triggers of the open file, re-read after each save. */
export function ScheduledTriggers() {
  const { t, i18n } = useTranslation();
  const actions = useActions();
  const path = useAppStore((s) => s.path);
  const savedText = useAppStore((s) => s.savedText);
  const [scheduled, setScheduled] = useState<TriggerInfo[] | null>(null);
  useEffect(() => {
    let isCurrent = true;
    actions.host
      .listTriggers({})
      .then((all) => isCurrent && setScheduled(all.filter((x) => x.path === path)))
      .catch(() => isCurrent && setScheduled(null));
    return () => {
      isCurrent = false;
    };
  }, [actions, path, savedText]);
  if (scheduled === null) return null;
  return (
    <div className="scheduled-triggers" data-scheduled={scheduled.length}>
      {scheduled.length === 0 ? (
        <p className="muted">{t('inspector.notScheduled')}</p>
      ) : (
        scheduled.map((x, i) => (
          <p key={i} className="muted">
            {t('inspector.scheduled', {
              cron: x.cron,
              next: x.nextRunAt ? formatDateTime(Date.parse(x.nextRunAt), i18n.language) : t('inspector.never'),
            })}
          </p>
        ))
      )}
    </div>
  );
}
