/**
 * A task with `callback` in Argo (issue #12 part 1): the executor's template, then a `suspend`
 * node whose output parameter `output` the outside system supplies when it resumes the workflow
 * (https://argo-workflows.readthedocs.io/en/latest/intermediate-inputs/), both inside a small DAG
 * template that stands for the step and passes the supplied output on. Argo has no task tokens:
 * `$callback.token` becomes `<workflow name>:<step id>`.
 */
import type { StepId, TaskStep } from '../../model/flow.js';
import { ArgoExportCode } from './codes.js';
import type { ArgoTemplate, ExportContext } from './context.js';
import { toGoDuration } from '../../interop/argo/duration.js';
import { annotate } from './steps.js';

/** The output parameter a resume supplies: the answer's output, as JSON text. */
export const CALLBACK_OUTPUT = 'output';

/** Adds the templates of callback task `id` around its executor template `call`; returns the step's template name. */
export function callbackTemplates(ctx: ExportContext, id: StepId, step: TaskStep & { callback: NonNullable<TaskStep['callback']> }, name: string, call: ArgoTemplate): string {
  // Shell steps also read the token as FLOWSMITH_CALLBACK_TOKEN (runtime/task.ts).
  const script = call.script as { env?: { name: string; value: string }[] } | undefined;
  if (script && step.shell !== undefined) script.env = [...(script.env ?? []), { name: 'FLOWSMITH_CALLBACK_TOKEN', value: `{{workflow.name}}:${id}` }];
  const callName = ctx.addTemplate(call);
  const wait: ArgoTemplate = {
    name: ctx.templateNames.take(`${id}-callback`),
    suspend: { duration: toGoDuration(step.callback.timeout) },
    outputs: { parameters: [{ name: CALLBACK_OUTPUT, valueFrom: { supplied: {}, default: 'null' } }] },
  };
  const waitName = ctx.addTemplate(wait);
  ctx.report(ArgoExportCode.approvalDecision, id, `callback is exported as the executor then a suspend node (${waitName}): answer by resuming it with the output parameter ${CALLBACK_OUTPUT} set to the JSON output ` +
      `(argo node set --output-parameter ${CALLBACK_OUTPUT}='{…}' then argo resume); $callback.token becomes "<workflow name>:${id}", which is neither secret nor single-use; ` +
      `a failure cannot be answered, and when ${step.callback.timeout} pass without an answer Argo resumes the node itself with output null instead of failing with Timeout` +
      (step.script !== undefined ? '; the script reads $callback.token, which the script template does not define: pass the token to it yourself' : ''));
  const wrapper: ArgoTemplate = {
    name,
    dag: { tasks: [{ name: 'call', template: callName }, { name: 'callback', template: waitName, depends: 'call' }] },
    outputs: { parameters: [{ name: CALLBACK_OUTPUT, valueFrom: { parameter: `{{tasks.callback.outputs.parameters.${CALLBACK_OUTPUT}}}` } }] },
  };
  return ctx.addTemplate(annotate(wrapper, id, step));
}
