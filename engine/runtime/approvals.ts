/**
 * The rules of approval steps that need no effects (DESIGN.md "Approvals", "Security"): who may
 * decide or extend, and what an approval's outcome becomes. The driver journals the results.
 */
import type { Json, StepId } from '../model/flow.js';
import type { EpochMs, StepError } from './events.js';
import { RunRequestError } from './request-error.js';
import type { ApprovalState, RunState, StepState } from './state.js';

/**
 * The step state of waiting approval `step`, after checking that `by` is one of its approvers.
 * Throws RunRequestError with a CLI-ready message otherwise.
 */
export function waitingApproval(run: RunState, step: StepId, by: string): StepState & { approval: ApprovalState } {
  const s = run.steps[step];
  if (!s || s.status !== 'waiting' || !s.approval) {
    throw new RunRequestError(`step ${step} of run ${run.id} is not waiting for approval (status: ${s?.status ?? 'not started'})`);
  }
  if (!s.approval.approvers.includes(by)) {
    throw new RunRequestError(`${by} is not an approver of ${step}; approvers: ${s.approval.approvers.join(', ')}; answer as one of them (the CLI's --as NAME, the designer's "Approve as")`);
  }
  return s as StepState & { approval: ApprovalState };
}

/** Checks a new deadline `dueAt` (epoch ms): after `now` and after the current one. Throws RunRequestError. */
export function checkExtension(s: StepState & { approval: ApprovalState }, step: StepId, dueAt: EpochMs, now: EpochMs): void {
  if (dueAt <= now) throw new RunRequestError(`the new deadline of ${step} must be in the future`);
  const current = s.approval.dueAt;
  if (current !== null && dueAt <= current) {
    throw new RunRequestError(`the new deadline of ${step} must be later than the current one (${new Date(current).toISOString()})`);
  }
}

/**
 * What an answered (or expired) approval ends with: the output `{approvedBy, decisions}` when
 * approved, else the error `Rejected` (naming who, with their comment) or `Timeout`.
 */
export function approvalResult(
  id: StepId,
  approval: ApprovalState | null | undefined,
  outcome: 'approved' | 'rejected' | 'timedOut',
): { output: Json } | { error: StepError } {
  const decisions = approval?.decisions ?? [];
  if (outcome === 'approved') {
    return { output: { approvedBy: decisions.filter((d) => d.verdict === 'approve').map((d) => d.by), decisions } as unknown as Json };
  }
  if (outcome === 'timedOut') return { error: { name: 'Timeout', message: `${id}: nobody answered before the deadline` } };
  const by = decisions.find((d) => d.verdict === 'reject');
  return { error: { name: 'Rejected', message: `rejected by ${by?.by}${by?.comment ? `: ${by.comment}` : ''}` } };
}

