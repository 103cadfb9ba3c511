/** A modal dialog frame: title, body, Escape and backdrop click close it. */
import { useEffect, useId, type ReactNode } from 'react';
import { useTranslation } from '../i18n';

/** Props: `wide` for the export view. */
export function Modal(p: { title: string; onClose: () => void; children: ReactNode; wide?: boolean; footer?: ReactNode }) {
  const { t } = useTranslation();
  const titleId = useId();
  const { onClose } = p;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className={`modal${p.wide ? ' wide' : ''}`} role="dialog" aria-modal="true" aria-labelledby={titleId}>
        <header className="modal-head">
          <h2 id={titleId}>{p.title}</h2>
          <button type="button" className="btn icon" aria-label={t('dialogs.close')} onClick={onClose}>
            ✕
          </button>
        </header>
        <div className="modal-body">{p.children}</div>
        {p.footer && <footer className="modal-foot">{p.footer}</footer>}
      </div>
    </div>
  );
}
