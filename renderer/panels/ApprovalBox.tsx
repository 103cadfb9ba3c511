/**
 * A waiting approval in the run panel: its message, who may decide, and Approve / Reject with
 * an identity (default ops-manager) and an optional comment (DESIGN.md: decisions are audited).
 */
import { useId, useState } from 'react';
import type { ApprovalState } from '../../engine/runtime/state';
import { useActions } from '../app-context';
import { formatTime, useTranslation } from '../i18n';

/** One pending approval with its decision form. */
export function ApprovalBox({ step, approval }: { step: string; approval: ApprovalState }) {
  const { t, i18n } = useTranslation();
  const actions = useActions();
  const [as, setAs] = useState(approval.approvers[0] ?? 'ops-manager');
  const [comment, setComment] = useState('');
  const [isBusy, setBusy] = useState(false);
  const asId = useId();
  const commentId = useId();
  const decide = async (verdict: 'approve' | 'reject') => {
    setBusy(true);
    try {
      await actions.answerApproval(step, verdict, as.trim() || 'ops-manager', comment.trim());
    } finally {
      setBusy(false);
    }
  };
  const given = approval.decisions.length;
  return (
    <div className="approval-box" data-approval-step={step} role="group" aria-label={t('panels.approval.group', { step })}>
      <div className="approval-head">
        <span className="badge waiting">{t('panels.approval.waiting')}</span>
        <span className="mono">{step}</span>
        <span className="muted">
          {given}/{approval.quorum} · {approval.approvers.join(', ')}
          {approval.dueAt ? t('panels.approval.due', { time: formatTime(approval.dueAt, i18n.language) }) : ''}
        </span>
      </div>
      <p className="approval-message">{approval.message || t('panels.approval.defaultMessage')}</p>
      <div className="approval-form">
        <div className="field">
          <label htmlFor={asId}>{t('panels.approval.approveAs')}</label>
          <input id={asId} value={as} onChange={(e) => setAs(e.target.value)} list={`${asId}-list`} />
          <datalist id={`${asId}-list`}>
            {approval.approvers.map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
        </div>
        <div className="field grow">
          <label htmlFor={commentId}>{t('panels.approval.comment')}</label>
          <input id={commentId} value={comment} placeholder={t('panels.approval.optional')} onChange={(e) => setComment(e.target.value)} />
        </div>
        <button type="button" className="btn approve" disabled={isBusy} onClick={() => void decide('approve')}>
          {t('panels.approval.approve')}
        </button>
        <button type="button" className="btn reject" disabled={isBusy} onClick={() => void decide('reject')}>
          {t('panels.approval.reject')}
        </button>
      </div>
    </div>
  );
}
