/**
 * A waiting approval: its message, deadline, who may decide, and Approve / Reject / Extend as an
 * identity that defaults to the OS user name (getWorkspace `user`), else the first approver,
 * with an optional comment (DESIGN.md: decisions and extensions are audited). Used by the Run
 * tab (the run on display) and the Approvals inbox (any run).
 */
import { useId, useState } from 'react';
import type { RunId } from '../../engine/runtime/events';
import type { ApprovalState } from '../../engine/runtime/state';
import { useActions, useAppStore } from '../app-context';
import { formatDateTime, useTranslation } from '../i18n';

/** What the form needs of an approval; ApprovalState fits. `dueAt` is epoch ms or null. */
export type ApprovalInfo = Pick<ApprovalState, 'approvers' | 'message' | 'dueAt'> & Partial<Pick<ApprovalState, 'quorum' | 'decisions'>>;

/** One pending approval with its decision form; `run` defaults to the run on display. */
export function ApprovalBox({ step, approval, run, flow }: { step: string; approval: ApprovalInfo; run?: RunId; flow?: string }) {
  const { t, i18n } = useTranslation();
  const { runs } = useActions();
  const shownRun = useAppStore((s) => s.runId);
  const user = useAppStore((s) => s.user);
  const target = run ?? shownRun;
  const [as, setAs] = useState(user || approval.approvers[0] || '');
  const [comment, setComment] = useState('');
  const [by, setBy] = useState('1h');
  const [isBusy, setBusy] = useState(false);
  const asId = useId();
  const commentId = useId();
  const byId = useId();
  const busy = async (fn: () => Promise<void>) => {
    setBusy(true);
    try {
      await fn();
    } finally {
      setBusy(false);
    }
  };
  if (!target) return null;
  const decide = (verdict: 'approve' | 'reject') => busy(() => runs.answer(target, step, verdict, as.trim(), comment.trim()));
  const extend = () => busy(() => runs.extend(target, step, by.trim(), as.trim(), comment.trim()));
  const given = approval.decisions?.length ?? 0;
  return (
    <div className="approval-box" data-approval-step={step} data-approval-run={target} role="group" aria-label={t('panels.approval.group', { step })}>
      <div className="approval-head">
        <span className="badge waiting">{t('panels.approval.waiting')}</span>
        <span className="mono">{step}</span>
        {flow && <span className="mono muted">{flow} · {target}</span>}
        <span className="muted">
          {approval.quorum !== undefined ? `${given}/${approval.quorum} · ` : ''}
          {t('panels.approval.mayAnswer', { who: approval.approvers.join(', ') })}
          {approval.dueAt ? t('panels.approval.due', { time: formatDateTime(approval.dueAt, i18n.language) }) : t('panels.approval.noDeadline')}
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
        <button type="button" className="btn approve" disabled={isBusy || !as.trim()} onClick={() => void decide('approve')}>
          {t('panels.approval.approve')}
        </button>
        <button type="button" className="btn reject" disabled={isBusy || !as.trim()} onClick={() => void decide('reject')}>
          {t('panels.approval.reject')}
        </button>
        <div className="field narrow">
          <label htmlFor={byId}>{t('panels.approval.extendBy')}</label>
          <input id={byId} value={by} onChange={(e) => setBy(e.target.value)} />
        </div>
        <button type="button" className="btn" disabled={isBusy || !as.trim() || !by.trim()} onClick={() => void extend()}>
          {t('panels.approval.extend')}
        </button>
      </div>
    </div>
  );
}
