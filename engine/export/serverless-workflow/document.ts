/**
 * The top of an exported Serverless Workflow document (dsl-reference.md "Workflow", "Document",
 * "Input", "Schedule"): document metadata from the flow's name/title/description, input.schema from
 * `inputs`, schedule.cron from the first trigger, and the task that puts `vars` into `$context`.
 */
import { isCronTrigger } from '../../model/flow.js';
import { SwExportCode } from './codes.js';
import type { ExportContext, SwTaskItem } from './context.js';
import { META_KEY, SW_DSL_VERSION, SW_FLOW_VERSION, SW_NAMESPACE, TaskRole } from '../../interop/serverless-workflow/conventions.js';
import { item } from './goto.js';
import { jsonToSw } from './values.js';

/** SW name pattern (schema `document.name`): letters, digits and dashes, at most 63 characters. */
const SW_NAME = /^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/;

/** `document`, and `input`/`schedule` when the flow has them, in document key order. */
export function documentHead(ctx: ExportContext): Record<string, unknown> {
  const { flow } = ctx;
  let name = flow.name;
  if (!SW_NAME.test(name)) {
    name = name.slice(0, 63).replace(/-+$/, '') || 'flow';
    ctx.report(SwExportCode.documentApproximated, undefined, `the flow name is longer than SW's 63 characters: exported as ${name}`);
  }
  const document: Record<string, unknown> = { dsl: SW_DSL_VERSION, namespace: SW_NAMESPACE, name, version: SW_FLOW_VERSION };
  if (flow.title !== undefined) document['title'] = flow.title;
  if (flow.description !== undefined) document['summary'] = flow.description;
  const head: Record<string, unknown> = { document };
  if (flow.inputs !== undefined) {
    head['input'] = { schema: { format: 'json', document: flow.inputs } };
    const defaults = Object.keys(ctx.inputDefaults);
    if (defaults.length > 0) {
      ctx.report(
        SwExportCode.documentApproximated,
        undefined,
        `SW does not apply input schema defaults: expressions read ${defaults.map((d) => `$workflow.input.${d}`).join(', ')} with the default as a fallback (\`// value\`)`,
        { severity: 'info' },
      );
    }
  }
  const [first, ...others] = (flow.triggers ?? []).filter(isCronTrigger);
  // Issue #12: webhooks are served by `flowsmith serve`; SW starts workflows on events elsewhere.
  for (const t of (flow.triggers ?? []).filter((x) => !isCronTrigger(x))) {
    ctx.report(
      SwExportCode.triggerApproximated,
      undefined,
      `the webhook trigger "${'webhook' in t ? t.webhook.name : ''}" was not exported: SW has no webhook start; start the workflow from the runtime's event source`,
    );
  }
  if (first !== undefined) {
    head['schedule'] = { cron: first.cron };
    const lost: string[] = [];
    if (others.length > 0) lost.push(`${others.length} more trigger(s) (${others.map((t) => t.cron).join(', ')}) were not exported: SW has one schedule`);
    if (first.timezone !== undefined) lost.push(`the time zone ${first.timezone} is not expressible (the runtime's zone applies)`);
    if (first.input !== undefined) lost.push('the trigger input is not expressible (scheduled runs start with no input)');
    for (const l of lost) ctx.report(SwExportCode.triggerApproximated, undefined, l);
  }
  return head;
}

/**
 * The task that starts every run with the flow's `vars` in `$context`, named so it cannot clash
 * with a step id. Undefined when the flow has no vars.
 */
export function varsTask(ctx: ExportContext, taken: ReadonlySet<string>): SwTaskItem | undefined {
  const vars = ctx.flow.vars;
  if (vars === undefined || Object.keys(vars).length === 0) return undefined;
  let name = 'init-vars';
  for (let n = 2; taken.has(name); n++) name = `init-vars-${n}`;
  if (Object.hasOwn(vars, 'steps')) {
    ctx.report(SwExportCode.documentApproximated, undefined, 'a var named steps shares $context.steps with the exported step outputs; rename it');
  }
  const set = jsonToSw(vars, ctx.values(name, undefined));
  return item(name, { set, export: { as: '${ $context + . }' }, metadata: { [META_KEY]: { role: TaskRole.vars } } });
}
