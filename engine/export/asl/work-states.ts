/**
 * Task and approval steps as ASL Task states (https://states-language.net/spec.html "Task State"):
 * the work (task-resources.ts), the per-attempt timeout (native `timeout` or `defaults.timeout`),
 * retry (task steps only, as in runtime/driver.ts) and catch.
 */
import type { ApprovalStep, TaskStep } from '../../model/flow.js';
import { type AslCatcher, catchField, retryField, wholeSeconds } from './errors.js';
import type { AslState } from './context.js';
import { outputFields, reportUnsupported, type StepSite } from './steps.js';
import { approvalWork, taskWork } from './task-resources.js';
import { callbackTaskWork, callbackTimeoutSeconds } from './callback.js';

/** A task step as a Task state (a task with `callback` as a `.waitForTaskToken` task: callback.ts). */
export function taskState(step: TaskStep, site: StepSite): AslState {
  const { ctx, builder } = site;
  const callback = step.callback ? { ...step, callback: step.callback } : undefined;
  const work = callback ? callbackTaskWork(callback, site, ctx) : taskWork(step, site, ctx);
  const state: AslState = { Type: 'Task', Resource: work.Resource, Arguments: work.Arguments };
  if (callback) {
    const seconds = callbackTimeoutSeconds(callback, site, ctx);
    if (seconds !== undefined) state.TimeoutSeconds = seconds;
  } else Object.assign(state, timeoutField(step.timeout ?? ctx.flow.defaults?.timeout, site));
  Object.assign(state, retryField(step.retry ?? ctx.flow.defaults?.retry, site.step, ctx));
  Object.assign(state, outputFields(step, work.result, site).fields);
  Object.assign(state, builder.transition(step.next));
  Object.assign(
    state,
    catchField(step.catch ?? [], work.kind, site.step, ctx, (to) => builder.target(to), {
      ...(step.continueOnError ? { continueTo: () => continueTarget(step.next, site) } : {}),
    }),
  );
  return state;
}

/**
 * An approval step as a callback Task state: its timeout is how long people have (TimeoutSeconds,
 * failing with States.Timeout), onReject is a Catch of the `Rejected` error the callback sends,
 * onTimeout a Catch of States.Timeout; both come before the catch clauses, as in runtime/routing.ts.
 */
export function approvalState(step: ApprovalStep, site: StepSite): AslState {
  const { ctx, builder } = site;
  reportUnsupported(step, site, ['timeout', 'catch', 'output', 'continueOnError', 'next']);
  const work = approvalWork(step, site, ctx);
  const state: AslState = { Type: 'Task', Resource: work.Resource, Arguments: work.Arguments };
  Object.assign(state, timeoutField(step.timeout ?? ctx.flow.defaults?.timeout, site));
  Object.assign(state, outputFields(step, work.result, site).fields);
  Object.assign(state, builder.transition(step.next));
  const first: AslCatcher[] = [];
  if (step.onReject !== undefined) first.push({ ErrorEquals: ['Rejected'], Next: builder.target(step.onReject) });
  if (step.onTimeout !== undefined) first.push({ ErrorEquals: ['States.Timeout'], Next: builder.target(step.onTimeout) });
  Object.assign(
    state,
    catchField(step.catch ?? [], work.kind, site.step, ctx, (to) => builder.target(to), {
      first,
      ...(step.continueOnError ? { continueTo: () => continueTarget(step.next, site) } : {}),
    }),
  );
  return state;
}

function timeoutField(timeout: string | undefined, site: StepSite): AslState {
  if (timeout === undefined) return {};
  const seconds = wholeSeconds(timeout, site.step, 'timeout', site.ctx);
  return seconds === undefined ? {} : { TimeoutSeconds: seconds };
}

/** Where continueOnError goes: the step's next, or a Pass that ends the path when it has none. */
function continueTarget(next: string | undefined, site: StepSite): string {
  const to = site.builder.transition(next);
  if ('Next' in to) return to.Next;
  return site.builder.addHelper(`${site.step} (continue after error)`, { Type: 'Pass', End: true });
}
