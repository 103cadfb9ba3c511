/**
 * A task with `callback` as Serverless Workflow 1.0.3 (dsl-reference.md "Listen", "Event filter"):
 * the executor's task, then a `listen` for one `dev.flowsmith.callback` event whose subject is the
 * step id and whose `data.token` correlates with the token the executor sent, with the callback's
 * timeout. SW has no task tokens: `$callback.token` becomes `<workflow id>:<step id>`.
 *
 * ```yaml
 * - build:
 *     do:
 *       - build-call: {run: {shell: …}}
 *       - build-callback:
 *           listen: {to: {one: {with: {type: dev.flowsmith.callback, subject: build}, correlate: {token: {from: …, expect: …}}}}}
 *           timeout: {after: PT1H}
 * ```
 */
import type { StepId, TaskStep } from '../../model/flow.js';
import { SwExportCode } from './codes.js';
import type { ExportContext, SwTask } from './context.js';
import { item } from './goto.js';
import { toIsoDuration } from '../../interop/serverless-workflow/iso-duration.js';
import { jqStringText } from './jq-print.js';

/** Type of the CloudEvent that answers a callback: data `{token, output}` or `{token, error: {name, message}}`. */
export const CALLBACK_EVENT = 'dev.flowsmith.callback';

/** The step's native output from the listen's output (the consumed events): the answer's `output`. */
export const CALLBACK_OUTPUT = '(.[0]? // .) | .data.output';

/** The `do` task that runs `executor` then waits for the answer; reports what SW cannot keep. */
export function callbackDo(id: StepId, step: TaskStep & { callback: NonNullable<TaskStep['callback']> }, executor: SwTask, ctx: ExportContext): SwTask {
  const token = `\${ $workflow.id + "${jqStringText(`:${id}`)}" }`;
  // Shell steps also read the token as FLOWSMITH_CALLBACK_TOKEN (runtime/task.ts).
  const shell = (executor['run'] as { shell?: { environment?: Record<string, string> } } | undefined)?.shell;
  if (shell) shell.environment = { ...shell.environment, FLOWSMITH_CALLBACK_TOKEN: token };
  const listen: SwTask = {
    listen: { to: { one: { with: { type: CALLBACK_EVENT, subject: id }, correlate: { token: { from: '${ .data.token }', expect: token } } } } },
    timeout: { after: toIsoDuration(step.callback.timeout) },
  };
  ctx.report(SwExportCode.callbackListen, id, `callback is exported as the executor followed by listen for one ${CALLBACK_EVENT} event (subject ${id}, data.token correlated with ` +
      `$callback.token, which becomes "<workflow id>:${id}"): the token is neither secret nor single-use, an answer's data.error ` +
      'does not fail the step (its data.output becomes the output; route errors with a switch), and a retry sends the same token again' +
      (step.script !== undefined ? '; the script reads $callback.token, which run.script does not define: pass the token to it yourself' : ''));
  return { do: [item(`${id}-call`, executor), item(`${id}-callback`, listen)] };
}
