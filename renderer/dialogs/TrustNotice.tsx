/**
 * Why an untrusted flow cannot run for real, and the "Trust this flow" button (DESIGN.md
 * "Security": imported or downloaded flows run only in simulation until the user trusts them,
 * like editor workspace trust). Shown in the Run dialog.
 */
import { useState } from 'react';
import { useActions, useAppStore } from '../app-context';
import { useTranslation } from '../i18n';
import '../styles/interop.css';

/** The notice; `id` lets the disabled Start run button point at it (aria-describedby). */
export function TrustNotice(p: { id: string }) {
  const { t } = useTranslation();
  const actions = useActions();
  const reason = useAppStore((s) => s.trustReason);
  const [isTrusting, setTrusting] = useState(false);
  return (
    <div className="trust-box" role="note">
      <p id={p.id}>
        {reason ? t('dialogs.trust.notTrustedBecause', { reason }) : t('dialogs.trust.notTrusted')} {t('dialogs.trust.explain')}
      </p>
      <button type="button" className="btn" disabled={isTrusting}
        onClick={() => {
          setTrusting(true);
          void actions.trustFlow().finally(() => setTrusting(false));
        }}>
        {t('dialogs.trust.button')}
      </button>
    </div>
  );
}
