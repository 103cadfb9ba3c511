/**
 * Retry policies and timeouts on Argo templates (DESIGN.md "Errors"; engine/runtime/retry-delay.ts).
 * retryStrategy: `limit` = maxAttempts − 1 (Argo counts retries, not attempts), `retryPolicy:
 * Always` (Flowsmith retries every error), `backoff.duration` = delay (default 1s), `factor` =
 * multiplier when exponential (default 2), `cap` = maxDelay (the per-retry ceiling; Argo's
 * `maxDuration` bounds the whole retrying and has no Flowsmith counterpart).
 * Timeouts: per attempt, as activeDeadlineSeconds on pod templates and timeoutSeconds on http ones.
 * Source: https://argo-workflows.readthedocs.io/en/latest/retries/ and …/fields/#backoff.
 */
import type { RetryPolicy, StepId } from '../../model/flow.js';
import { ArgoExportCode } from './codes.js';
import type { ArgoTemplate, ExportContext } from './context.js';
import { toGoDuration, toWholeSeconds } from '../../interop/argo/duration.js';

/** Argo's retryStrategy for `policy`, or undefined when it allows no retry. */
export function retryStrategy(ctx: ExportContext, policy: RetryPolicy, step: StepId): Record<string, unknown> | undefined {
  if (policy.maxAttempts <= 1) return undefined;
  // IntOrString fields are written as strings: the Argo JSON schema types them `string`.
  const backoff: Record<string, string> = { duration: toGoDuration(policy.delay ?? '1s') };
  if (policy.backoff === 'exponential') {
    const multiplier = policy.multiplier ?? 2;
    const factor = Math.max(1, Math.round(multiplier));
    if (factor !== multiplier) {
      ctx.report(ArgoExportCode.retry, step, `Argo's backoff factor is a whole number; the multiplier ${multiplier} was rounded to ${factor}`);
    }
    if (factor > 1) backoff['factor'] = String(factor);
  }
  if (policy.maxDelay !== undefined) backoff['cap'] = toGoDuration(policy.maxDelay);
  if (policy.jitter) {
    ctx.report(ArgoExportCode.retry, step, 'Argo has no retry jitter; retries wait exactly the backoff delay');
  }
  return { limit: String(policy.maxAttempts - 1), retryPolicy: 'Always', backoff };
}

/**
 * Sets the per-attempt timeout and the retry policy of `template` for a task step.
 * http templates take `timeoutSeconds`; pod templates `activeDeadlineSeconds`.
 */
export function applyLimits(
  ctx: ExportContext,
  template: ArgoTemplate,
  limits: { timeout?: string; retry?: RetryPolicy },
  step: StepId,
): void {
  if (limits.timeout !== undefined) {
    if (template.http) template.http['timeoutSeconds'] = toWholeSeconds(limits.timeout);
    else template.activeDeadlineSeconds = String(toWholeSeconds(limits.timeout));
  }
  if (limits.retry !== undefined) {
    const strategy = retryStrategy(ctx, limits.retry, step);
    if (strategy) template.retryStrategy = strategy;
  }
}
