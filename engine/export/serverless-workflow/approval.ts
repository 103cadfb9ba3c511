/**
 * A native approval (DESIGN.md "Step types": approvers, quorum, message, timeout, next, onReject,
 * onTimeout) as Serverless Workflow tasks (dsl-reference.md "Emit", "Listen", "Try", "Switch"):
 *
 * ```yaml
 * - approve:                       # do (or try, when onTimeout is set)
 *     do:
 *       - approve-request: {emit: {event: {with: {type: dev.flowsmith.approval.requested, data: {…}}}}}
 *       - approve-decision: {listen: {to: {one: {with: {type: dev.flowsmith.approval, subject: approve}}}}, timeout: …}
 * - approve-route:                 # reject → onReject (or a raise of Rejected), timeout → onTimeout, else next
 *     switch: […]
 * ```
 * The decision event's data is `{decision: approve | reject, by, comment}`. Nothing in SW checks
 * that the sender is a listed approver or counts a quorum; that is reported as a finding.
 */
import type { ApprovalStep, FailStep, StepId } from '../../model/flow.js';
import { SwExportCode } from './codes.js';
import type { ExportContext, ListPlan, SwTask, SwTaskItem } from './context.js';
import { taskMetadata } from './context.js';
import { APPROVAL_EVENT, APPROVAL_REQUEST_EVENT, EVENT_SOURCE, META_KEY, TaskRole } from '../../interop/serverless-workflow/conventions.js';
import { errorTypeOf } from '../../interop/serverless-workflow/error-types.js';
import { Goto, item } from './goto.js';
import { toIsoDuration } from '../../interop/serverless-workflow/iso-duration.js';
import { raiseTask } from './simple-steps.js';
import { templateToSw } from './values.js';

/** jq reading the decision from the listen output (an array of consumed events) or a catch marker. */
const DECISION = '(.[0]? // .) | .decision';

/** The items of one approval step, in list order, with Gotos for its three outcomes. */
export function approvalItems(id: StepId, step: ApprovalStep, plan: ListPlan, ctx: ExportContext): SwTaskItem[] {
  const values = ctx.values(id, plan);
  const data: Record<string, unknown> = { flow: ctx.flow.name, step: id, approvers: step.approvers, quorum: step.quorum ?? 1 };
  if (step.message !== undefined) data['message'] = templateToSw(step.message, values);
  const request = item(`${id}-request`, { emit: { event: { with: { source: EVENT_SOURCE, type: APPROVAL_REQUEST_EVENT, data } } } });
  const listen: SwTask = { listen: { to: { one: { with: { type: APPROVAL_EVENT, subject: id } } } } };
  const timeout = step.timeout ?? ctx.flow.defaults?.timeout;
  if (timeout !== undefined) listen['timeout'] = { after: toIsoDuration(timeout) };
  const sequence = [request, item(`${id}-decision`, listen)];

  const onTimeoutStep = step.onTimeout === undefined ? undefined : plan.scope[step.onTimeout];
  let core: SwTask;
  if (step.onTimeout === undefined || timeout === undefined) {
    core = { do: sequence };
  } else {
    // A fail target is raised right in catch.do; any other target is routed by the switch below.
    if (onTimeoutStep?.type === 'fail') ctx.emitted.add(step.onTimeout);
    const handler =
      onTimeoutStep?.type === 'fail'
        ? item(step.onTimeout, raiseTask(step.onTimeout, onTimeoutStep as FailStep, ctx.values(step.onTimeout, plan)))
        : item(`${id}-timed-out`, { set: { decision: 'timeout' } });
    core = { try: sequence, catch: { errors: { with: { type: errorTypeOf('Timeout') } }, do: [handler] } };
  }
  const meta = taskMetadata(step, { role: TaskRole.approval, approvers: step.approvers, quorum: step.quorum, message: step.message });
  if (meta !== undefined) core['metadata'] = meta;

  const cases: Record<string, unknown>[] = [
    { rejected: { when: `\${ ${DECISION} == "reject" }`, then: new Goto(step.onReject ?? `${id}-rejected`) } },
  ];
  if (step.onTimeout !== undefined && timeout !== undefined && onTimeoutStep?.type !== 'fail') {
    cases.push({ 'timed-out': { when: `\${ ${DECISION} == "timeout" }`, then: new Goto(step.onTimeout) } });
  }
  cases.push({ default: { then: new Goto(step.next) } });
  const route: SwTask = { switch: cases, metadata: { [META_KEY]: { role: TaskRole.approvalRoute, step: id } } };
  const items = [item(id, core), item(`${id}-route`, route)];
  if (step.onReject === undefined) {
    const rejected: FailStep = { type: 'fail', error: 'Rejected', message: `${id} was rejected` };
    const raise = raiseTask(`${id}-rejected`, rejected, values);
    items.push(item(`${id}-rejected`, { ...raise, metadata: { [META_KEY]: { role: TaskRole.rejected, step: id } } }));
  }
  if (step.onTimeout !== undefined && timeout === undefined) {
    ctx.report(SwExportCode.fieldDropped, id, `onTimeout ${step.onTimeout} has no effect without a timeout and was not exported`, { severity: 'info' });
  }
  ctx.report(SwExportCode.approvalListen, id, `the approval is exported as emit ${APPROVAL_REQUEST_EVENT} + listen for ${APPROVAL_EVENT} (subject ${id}); ` +
      `SW does not check that the sender is one of ${step.approvers.join(', ')}` +
      `${(step.quorum ?? 1) > 1 ? ` nor count a quorum of ${step.quorum}` : ''}: the first decision event wins, ` +
      'and reject/timeout are routed by a switch on its data.decision (reject) or the listen timeout');
  if (step.retry !== undefined || step.catch !== undefined || step.continueOnError) {
    ctx.report(SwExportCode.fieldDropped, id, 'retry, catch and continueOnError on an approval are not exported; route the outcome with onReject/onTimeout instead');
  }
  return items;
}

