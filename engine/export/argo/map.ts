/**
 * A map step as an Argo loop: the DAG task fans out with `withItems` (a literal list),
 * `withSequence` (a range of numbers) or `withParam` (a JSON list from a parameter or a task's output), each item running the map body as
 * a nested DAG template that receives the item as the input parameter `item`. With `concurrency`,
 * a wrapper template with `parallelism` fans out the items. Argo has no item index ($index).
 * Source: https://argo-workflows.readthedocs.io/en/latest/walk-through/loops/ and
 * …/fields/#template (parallelism), examples/parallelism-nested-dag.yaml.
 */
import { parseJsonataSubset } from '../../expr/subset.js';
import type { MapStep, StepId } from '../../model/flow.js';
import { ArgoExportCode } from './codes.js';
import { Annotation } from '../../interop/argo/conventions.js';
import type { ArgoTask, ArgoTemplate, ExportContext, Scope, ScopeDag } from './context.js';
import { printItems } from './expr-print.js';
import { resolverFor } from './refs.js';
import { annotate, type TaskTarget } from './steps.js';

/** The loop task's target for map step `id`; adds the body (and wrapper) templates to `ctx`. */
export function mapTarget(
  ctx: ExportContext,
  parent: Scope,
  id: StepId,
  step: MapStep,
  build: (ctx: ExportContext, scope: Scope) => ScopeDag,
): TaskTarget & Pick<ArgoTask, 'withItems' | 'withParam' | 'withSequence'> {
  const itemNames = ['item', ...(step.as !== undefined && step.as !== 'item' ? [step.as] : [])];
  const body = build(ctx, { steps: step.steps, start: step.start, taskNames: new Map(), itemNames, mapStep: id });
  const wrapped = step.concurrency !== undefined;
  const bodyTemplate: ArgoTemplate = {
    name: ctx.templateNames.take(wrapped ? `${id}-body` : id),
    inputs: { parameters: [{ name: 'item' }] },
    dag: { tasks: body.tasks, ...(body.failFast === false ? { failFast: false } : {}) },
  };
  const outer = wrapped ? { name: ctx.templateNames.take(id) } : bodyTemplate;
  const annotations: Record<string, string> = { [Annotation.items]: step.items };
  if (step.as !== undefined) annotations[Annotation.as] = step.as;
  Object.assign(outer, annotate({ ...outer, metadata: { annotations } }, id, step));
  if (step.retry !== undefined) {
    ctx.report(ArgoExportCode.map, id, 'retry on a map step was left out: retry the steps of its body instead');
  }
  if (step.timeout !== undefined) {
    ctx.report(ArgoExportCode.map, id, `timeout ${step.timeout} on a map step was left out: Argo applies timeouts to pods, not to DAG templates; set timeouts on the body's steps`);
  }
  const loop = items(ctx, parent, id, step.items);
  const itemArgument = { parameters: [{ name: 'item', value: '{{item}}' }] };
  ctx.addTemplate(bodyTemplate);
  if (!wrapped) return { template: bodyTemplate.name, arguments: itemArgument, ...loop };

  ctx.report(
    ArgoExportCode.map,
    id,
    `concurrency ${step.concurrency} became parallelism ${step.concurrency} on template ${outer.name}, which fans out the items; Argo counts the nodes running under it`,
    { severity: 'info' },
  );
  const inner: ArgoTask = { name: 'each', template: bodyTemplate.name, arguments: itemArgument };
  if (loop.withItems) inner.withItems = loop.withItems;
  else if (loop.withSequence) inner.withSequence = loop.withSequence;
  else inner.withParam = '{{inputs.parameters.items}}';
  ctx.addTemplate({
    ...outer,
    parallelism: step.concurrency,
    ...(loop.withParam ? { inputs: { parameters: [{ name: 'items' }] } } : {}),
    dag: { tasks: [inner] },
  });
  return {
    template: outer.name,
    ...(loop.withParam ? { arguments: { parameters: [{ name: 'items', value: loop.withParam }] } } : {}),
  };
}

/** A JSONata range of whole numbers, `[a..b]` or `$reverse([a..b])`: Argo's withSequence counts either way. */
const RANGE = /^\s*\[\s*(-?\d+)\s*\.\.\s*(-?\d+)\s*\]\s*$/;
const REVERSED = /^\s*\$reverse\(\s*\[\s*(-?\d+)\s*\.\.\s*(-?\d+)\s*\]\s*\)\s*$/;

/** `withItems` for a literal JSON list, `withSequence` for a range, else `withParam` from the items expression. */
function items(ctx: ExportContext, parent: Scope, id: StepId, expr: string): Pick<ArgoTask, 'withItems' | 'withParam' | 'withSequence'> {
  const range = RANGE.exec(expr);
  if (range) return { withSequence: { start: range[1]!, end: range[2]! } };
  const reversed = REVERSED.exec(expr);
  if (reversed) return { withSequence: { start: reversed[2]!, end: reversed[1]! } };
  try {
    const literal: unknown = JSON.parse(expr);
    if (Array.isArray(literal)) return { withItems: literal };
  } catch {
    // Not JSON: an expression, printed below.
  }
  const parsed = parseJsonataSubset(expr);
  const printed = parsed.ok ? printItems(parsed.expr, resolverFor(ctx, parent)) : parsed;
  if (printed.ok) return { withParam: printed.text };
  ctx.report(ArgoExportCode.expression, id, `items "${expr}" cannot be written for Argo (${printed.reason}); withParam is "[untranslated: …]", which fails until you rewrite it`);
  return { withParam: `[untranslated: ${expr}]` };
}
