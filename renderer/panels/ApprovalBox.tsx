/**
 * A waiting approval in the run panel: its message, who may decide, and Approve / Reject with
 * an identity (default ops-manager) and an optional comment (DESIGN.md: decisions are audited).
 */
import { useId, useState } from 'react';
import type { ApprovalState } from '../../engine/runtime/state';
import { useActions } from '../app-context';

/** One pending approval with its decision form. */
export function ApprovalBox({ step, approval }: { step: string; approval: ApprovalState }) {
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
    <div className="approval-box" data-approval-step={step} role="group" aria-label={`Approval ${step}`}>
      <div className="approval-head">
        <span className="badge waiting">Waiting for approval</span>
        <span className="mono">{step}</span>
        <span className="muted">
          {given}/{approval.quorum} · {approval.approvers.join(', ')}
          {approval.dueAt ? ` · due ${new Date(approval.dueAt).toLocaleTimeString()}` : ''}
        </span>
      </div>
      <p className="approval-message">{approval.message || 'Approve this step?'}</p>
      <div className="approval-form">
        <div className="field">
          <label htmlFor={asId}>Approve as</label>
          <input id={asId} value={as} onChange={(e) => setAs(e.target.value)} list={`${asId}-list`} />
          <datalist id={`${asId}-list`}>
            {approval.approvers.map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
        </div>
        <div className="field grow">
          <label htmlFor={commentId}>Comment</label>
          <input id={commentId} value={comment} placeholder="optional" onChange={(e) => setComment(e.target.value)} />
        </div>
        <button type="button" className="btn approve" disabled={isBusy} onClick={() => void decide('approve')}>
          Approve
        </button>
        <button type="button" className="btn reject" disabled={isBusy} onClick={() => void decide('reject')}>
          Reject
        </button>
      </div>
    </div>
  );
}
