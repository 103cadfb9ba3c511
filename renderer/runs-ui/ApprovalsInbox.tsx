/**
 * The Approvals region (issue #9 point 6): every approval waiting in the workspace's store, from
 * any run (designer, CLI, cron, simulations marked), with message, deadline and who may answer;
 * Approve, Reject and Extend as the OS user by default. Re-read on run summaries and every few
 * seconds while shown.
 */
import { useActions, useAppStore } from '../app-context';
import { useTranslation } from '../i18n';
import { ApprovalBox } from '../panels/ApprovalBox';

/** The Approvals tab. */
export function ApprovalsInbox() {
  const { t } = useTranslation();
  const { runs } = useActions();
  const inbox = useAppStore((s) => s.inbox);
  return (
    <section className="approvals-inbox" aria-label={t('regions.approvals')}>
      {inbox.length === 0 && <p className="muted pad">{t('runs.inbox.none')}</p>}
      {inbox.map((a) => (
        <div key={`${a.run}/${a.step}`} className="inbox-item" data-run-id={a.run}>
          {a.mode === 'simulate' && <span className="badge sim">{t('runs.simulation')}</span>}
          <ApprovalBox run={a.run} flow={a.flow} step={a.step}
            approval={{ approvers: a.approvers, message: a.message, dueAt: a.dueAt ? Date.parse(a.dueAt) : null }} />
          <button type="button" className="btn link" onClick={() => void runs.open(a.run)}>
            {t('runs.inbox.showRun')}
          </button>
        </div>
      ))}
    </section>
  );
}
