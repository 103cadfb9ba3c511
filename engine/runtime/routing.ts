/**
 * Where a failed step's path goes (DESIGN.md "Errors"): onReject/onTimeout for approvals, then the
 * first catch clause naming the error (or `*`), then continueOnError's `next`.
 */
import type { Step, StepId } from '../model/flow.js';
import type { StepError } from './events.js';

/** The steps to activate after `step` failed with `error`, or null when the failure fails the run. */
export function routeFailure(step: Step, error: StepError): StepId[] | null {
  if (step.type === 'fail') return null;
  if (step.type === 'approval') {
    if (error.name === 'Rejected' && step.onReject) return [step.onReject];
    if (error.name === 'Timeout' && step.onTimeout) return [step.onTimeout];
  }
  const clause = step.catch?.find((c) => c.errors.includes(error.name) || c.errors.includes('*'));
  if (clause) return [clause.next];
  if (step.continueOnError) return step.next ? [step.next] : [];
  return null;
}
