/**
 * A task with `callback` as an ASL callback task (AWS "Wait for a Callback with Task Token";
 * https://states-language.net/spec.html "Task State"): the Resource gets the `.waitForTaskToken`
 * suffix, the task token `$states.context.Task.Token` (`$$.Task.Token` in JSONPath) stands for
 * `$callback.token`, the state's output is what SendTaskSuccess sends, SendTaskFailure's error name
 * is caught like `--fail ERROR`, and TimeoutSeconds covers the executor and the wait together.
 * Step Functions' HTTP Task cannot wait for a token, so an http callback goes to a placeholder Lambda
 * that makes the request (README.md).
 */
import type { Json, TaskStep } from '../../model/flow.js';
import { AslExportCode } from './codes.js';
import type { ExportContext } from './context.js';
import { wholeSeconds } from './errors.js';
import { braced, payloadToAsl, templateToAsl, type ExprSite } from './expressions.js';
import { taskWork, type TaskWork } from './task-resources.js';

/** The task token in ASL's JSONata: what `$callback.token` becomes. */
export const TASK_TOKEN = '$states.context.Task.Token';

/** Placeholder Lambda that sends an http callback's request (the HTTP Task has no `.waitForTaskToken`). */
export const HTTP_CALLBACK_FUNCTION = '${FlowsmithHttpCallbackFunction}';

const LAMBDA = 'arn:aws:states:::lambda:invoke';

/** The Task state work of a task with `callback`, with one finding saying what changed. */
export function callbackTaskWork(step: TaskStep & { callback: NonNullable<TaskStep['callback']> }, site: ExprSite, ctx: ExportContext): TaskWork {
  const id = site.step;
  let work: TaskWork;
  let how: string;
  if (step.http !== undefined) {
    const field = { ...site, field: 'http' };
    const request: Record<string, Json> = { url: templateToAsl(step.http.url, field, ctx), method: step.http.method ?? 'GET' };
    if (step.http.headers !== undefined) request['headers'] = payloadToAsl(step.http.headers, field, ctx);
    if (step.http.body !== undefined) request['body'] = payloadToAsl(step.http.body, field, ctx);
    work = { Resource: LAMBDA, Arguments: { FunctionName: HTTP_CALLBACK_FUNCTION, Payload: { step: id, taskToken: braced(TASK_TOKEN), request } }, result: '$states.result', kind: 'lambda' };
    how = `the HTTP Task cannot wait for a token, so the request is made by the placeholder Lambda ${HTTP_CALLBACK_FUNCTION} (Payload.request; expectStatus is not checked)`;
  } else {
    work = taskWork(step, site, ctx);
    if (work.Resource === LAMBDA) {
      const args = work.Arguments as { Payload?: Record<string, Json> };
      args.Payload = { ...args.Payload, taskToken: braced(TASK_TOKEN) };
    }
    how = work.Resource === LAMBDA ? 'the placeholder Lambda receives Payload.taskToken' : 'the token reaches the outside system only where the step writes $callback.token';
  }
  work = { ...work, Resource: `${work.Resource}.waitForTaskToken`, result: '$states.result' };
  ctx.report(
    AslExportCode.approximated,
    id,
    `callback is a .waitForTaskToken task: ${how}; $callback.token is the task token ($states.context.Task.Token, $$.Task.Token in JSONPath), answered with SendTaskSuccess (output) or SendTaskFailure (error) instead of flowsmith callback; the executor's own result is not kept, and TimeoutSeconds covers the executor and the wait together`,
  );
  return work;
}

/**
 * TimeoutSeconds of a callback task: the step's timeout (the executor's) plus the callback's
 * timeout (the wait), since ASL has one timeout for both. HeartbeatSeconds is not set: a native
 * callback has no heartbeat.
 */
export function callbackTimeoutSeconds(step: TaskStep & { callback: NonNullable<TaskStep['callback']> }, site: ExprSite, ctx: ExportContext): number | undefined {
  const wait = wholeSeconds(step.callback.timeout, site.step, 'callback.timeout', ctx);
  if (wait === undefined) return undefined;
  const executor = step.timeout ?? ctx.flow.defaults?.timeout;
  const run = executor === undefined ? 0 : (wholeSeconds(executor, site.step, 'timeout', ctx) ?? 0);
  return wait + run;
}
