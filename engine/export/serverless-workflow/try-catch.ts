/**
 * Native retry, catch and continueOnError (DESIGN.md "Errors") as a Serverless Workflow `try` task
 * (dsl-reference.md "Try", "Retry"). The step's own task runs inside `try`; `catch` filters by error
 * type (errorTypeOf), retries with the native policy, and then:
 * - when every clause goes to the same fail step, `catch.do` raises that step's error (a copy of it);
 * - otherwise `catch.do` leaves a marker `{flowsmith-caught: <target>}` as the try's output and a
 *   switch right after the try (`<id>-route`) sends each marker to its native target, the rest to
 *   `next`. This keeps every target a task of the same list, which is all `then` can name.
 * An error that `catch` matches counts as handled once retries run out, so a retry without catch
 * re-raises the error from `catch.do` to keep the native "fail the run" meaning.
 */
import type { CatchClause, FailStep, RetryPolicy, Step, StepId } from '../../model/flow.js';
import { SwExportCode } from './codes.js';
import type { ExportContext, ListPlan, SwTask, SwTaskItem } from './context.js';
import { CAUGHT_KEY, META_KEY, TaskRole } from '../../interop/serverless-workflow/conventions.js';
import { errorTypeOf, SHARED_TYPE_NAMES } from '../../interop/serverless-workflow/error-types.js';
import { Goto, item, setThen } from './goto.js';
import { toIsoDuration } from '../../interop/serverless-workflow/iso-duration.js';
import { raiseTask } from './simple-steps.js';

/** How a step's catch clauses are exported. */
export type CatchMode = 'none' | 'raise' | 'route';

/** 'raise' when all clauses go to one fail step (and no continueOnError), 'route' for other clauses. */
export function catchMode(step: Step, scope: Readonly<Record<StepId, Step>>): CatchMode {
  const clauses = step.catch ?? [];
  if (clauses.length === 0) return 'none';
  const targets = new Set(clauses.map((c) => c.next));
  const [only] = targets;
  if (targets.size === 1 && only !== undefined && scope[only]?.type === 'fail' && !step.continueOnError) return 'raise';
  return 'route';
}

/**
 * Wraps `core` (the step's task, without `then`) for its retry/catch/continueOnError, and sets the
 * Gotos that continue to `step.next`. Returns the items to put in the list, in order.
 */
export function wrapErrors(
  id: StepId,
  step: Step,
  core: SwTask,
  retry: RetryPolicy | undefined,
  plan: ListPlan,
  ctx: ExportContext,
): SwTaskItem[] {
  const mode = catchMode(step, plan.scope);
  if (mode === 'none' && !step.continueOnError && retry === undefined) {
    setThen(core, new Goto(step.next));
    return [item(id, core)];
  }
  const clauses = step.catch ?? [];
  const names = clauses.flatMap((c) => c.errors);
  const catchAll = step.continueOnError === true || names.includes('*');
  const c: Record<string, unknown> = {};
  if (!catchAll && names.length > 0) Object.assign(c, errorFilter(names, id, ctx));
  if (retry !== undefined) {
    // A policy from `defaults` is reported once for the flow, not once per task.
    c['retry'] = retryPolicy(retry, retry === step.retry ? id : undefined, ctx);
    if (!catchAll && names.length > 0) {
      ctx.report(SwExportCode.retryApproximated, id, `SW retries only the errors its catch filters (${names.join(', ')}); Flowsmith retries every error`, { severity: 'info' });
    }
  }
  const wrapper: SwTask = { try: [item(id, core)], catch: c };
  if (mode === 'raise') {
    const fail = plan.scope[clauses[0]!.next] as FailStep;
    ctx.emitted.add(clauses[0]!.next);
    c['do'] = [item(clauses[0]!.next, raiseTask(clauses[0]!.next, fail, ctx.values(clauses[0]!.next, plan)))];
    setThen(wrapper, new Goto(step.next));
    return [item(id, wrapper)];
  }
  if (mode === 'none') {
    // continueOnError: a caught error continues with next, as natively. A retry alone must not
    // swallow the error once the retries run out (SW treats a caught error as handled): re-raise it.
    if (!step.continueOnError) c['do'] = [item(`${id}-rethrow`, rethrowTask(id))];
    setThen(wrapper, new Goto(step.next));
    return [item(id, wrapper)];
  }
  const marker: SwTask = { set: { [CAUGHT_KEY]: markerValue(clauses, step.continueOnError === true) } };
  marker['metadata'] = { [META_KEY]: { role: TaskRole.caught, step: id } };
  c['do'] = [item(`${id}-caught`, marker)];
  return [item(id, wrapper), item(`${id}-route`, routeSwitch(id, step, clauses))];
}

/**
 * A raise of the caught error (`as: error` is the default name). SW 1.0.0 takes the status only as a
 * literal integer, so the re-raised error has status 500 whatever the original had.
 */
function rethrowTask(id: StepId): SwTask {
  return {
    raise: { error: { type: '${ $error.type }', status: 500, title: '${ $error.title }', detail: '${ $error.detail }' } },
    metadata: { [META_KEY]: { role: TaskRole.rethrow, step: id } },
  };
}

/** The `errors.with` filter for one SW type, or a `when` over `$error.type` for several. */
function errorFilter(names: string[], step: StepId, ctx: ExportContext): Record<string, unknown> {
  const types = [...new Set(names.map(errorTypeOf))];
  const shared = names.filter((n) => SHARED_TYPE_NAMES.has(n));
  if (shared.length > 0 && !(names.includes('ShellExit') && names.includes('ScriptError'))) {
    ctx.report(
      SwExportCode.errorTypes,
      step,
      `${shared.join(', ')} maps to SW's runtime error type, which also covers ${shared.includes('ShellExit') ? 'ScriptError' : 'ShellExit'}`,
      { severity: 'info' },
    );
  }
  if (types.length === 1) return { errors: { with: { type: types[0] } } };
  return { when: `\${ ${types.map((t) => `$error.type == ${JSON.stringify(t)}`).join(' or ')} }` };
}

/** jq giving the target of the first clause whose errors match `$error` (clause order is native priority). */
function markerValue(clauses: CatchClause[], continueOnError: boolean): string {
  const test = (c: CatchClause) =>
    c.errors.includes('*') ? 'true' : [...new Set(c.errors.map(errorTypeOf))].map((t) => `$error.type == ${JSON.stringify(t)}`).join(' or ');
  const [first] = clauses;
  if (clauses.length === 1 && first !== undefined && (test(first) === 'true' || !continueOnError)) return first.next;
  let jq = '';
  for (const [i, c] of clauses.entries()) jq += `${i === 0 ? 'if' : ' elif'} ${test(c)} then ${JSON.stringify(c.next)}`;
  // Unmatched errors reach here only with continueOnError: no marker, so the route goes to next.
  return `\${ ${jq} else null end }`;
}

function routeSwitch(id: StepId, step: Step, clauses: CatchClause[]): SwTask {
  const targets = [...new Set(clauses.map((c) => c.next))];
  const cases: Record<string, unknown>[] = targets.map((t, i) => ({
    [`caught-${i + 1}`]: { when: `\${ (.[${JSON.stringify(CAUGHT_KEY)}]? // null) == ${JSON.stringify(t)} }`, then: new Goto(t) },
  }));
  cases.push({ default: { then: new Goto(step.next) } });
  return { switch: cases, metadata: { [META_KEY]: { role: TaskRole.catchRoute, step: id, catch: clauses } } };
}

/**
 * A native retry policy as an SW retry (dsl-reference.md "Retry"): limit.attempt.count counts
 * retries, so it is maxAttempts − 1; fixed backoff is `constant`; jitter becomes a 0…delay range.
 */
export function retryPolicy(policy: RetryPolicy, step: StepId | undefined, ctx: ExportContext): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const delay = policy.delay ?? '0s';
  out['delay'] = toIsoDuration(delay);
  out['backoff'] = policy.backoff === 'exponential' ? { exponential: {} } : { constant: {} };
  out['limit'] = { attempt: { count: Math.max(0, policy.maxAttempts - 1) } };
  if (policy.jitter) {
    out['jitter'] = { from: 'PT0S', to: toIsoDuration(delay) };
    ctx.report(SwExportCode.retryApproximated, step, 'jitter is exported as a 0…delay range, which SW runtimes add to the delay rather than draw the delay from', { severity: 'info' });
  }
  if (policy.backoff === 'exponential' && policy.multiplier !== undefined && policy.multiplier !== 2) {
    ctx.report(SwExportCode.retryApproximated, step, `the backoff multiplier ${policy.multiplier} is not expressible: SW's exponential backoff uses the runtime's factor`);
  }
  if (policy.maxDelay !== undefined) {
    ctx.report(SwExportCode.retryApproximated, step, `maxDelay ${policy.maxDelay} is not expressible in SW 1.0 retry; delays are not capped`);
  }
  return out;
}
