/** A one-line notice under the toolbar: errors stay until dismissed, info fades after a few seconds. */
import { useEffect } from 'react';
import { useAppStore } from '../app-context';
import { useTranslation } from '../i18n';

const INFO_MS = 3000;

/** The notice bar (role=alert for errors, status for info). */
export function NoticeBar() {
  const { t } = useTranslation();
  const notice = useAppStore((s) => s.notice);
  const notify = useAppStore((s) => s.notify);
  useEffect(() => {
    if (notice?.kind !== 'info') return;
    const t = setTimeout(() => notify(null), INFO_MS);
    return () => clearTimeout(t);
  }, [notice, notify]);
  if (!notice) return null;
  return (
    <div className={`notice ${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
      <span>{notice.text}</span>
      <button type="button" className="btn icon small" aria-label={t('panels.notice.dismiss')} onClick={() => notify(null)}>
        ✕
      </button>
    </div>
  );
}
