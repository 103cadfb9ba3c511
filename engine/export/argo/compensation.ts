/**
 * Compensation (DESIGN.md "Runtime semantics": when a run fails, the `compensate` bodies of
 * completed steps run in reverse order of completion) as Argo's exit handler: `spec.onExit` names a
 * DAG whose tasks run the compensations one after the other when `{{workflow.status}} != Succeeded`.
 * Argo's exit handler cannot see which tasks completed, so every compensation runs, in reverse
 * order of the flow (FS128). Source: https://argo-workflows.readthedocs.io/en/latest/walk-through/exit-handlers/.
 */
import type { StepId } from '../../model/flow.js';
import { bodyTarget } from './bodies.js';
import { ArgoExportCode } from './codes.js';
import { Annotation, SharedTemplate } from '../../interop/argo/conventions.js';
import type { ArgoTask, ExportContext, Scope } from './context.js';
import { NameAllocator } from '../../interop/argo/names.js';
import { TextRewriter } from './text.js';

/**
 * Adds the exit handler for the compensations of `scope`'s steps, taken in reverse of `order`
 * (a topological order); returns its template name, or undefined when no step compensates.
 */
export function compensationHandler(ctx: ExportContext, scope: Scope, order: StepId[]): string | undefined {
  reportNested(ctx, scope);
  const steps = [...order].reverse().filter((id) => scope.steps[id]?.compensate !== undefined);
  if (steps.length === 0) return undefined;
  // The handler is a DAG of its own: expressions in it cannot read the main DAG's tasks.
  const handlerScope: Scope = { steps: scope.steps, start: scope.start, taskNames: new Map() };
  const names = new NameAllocator();
  const tasks: ArgoTask[] = [];
  let previous: string | undefined;
  for (const id of steps) {
    const step = scope.steps[id]!;
    const text = new TextRewriter(ctx, handlerScope, id);
    const target = bodyTarget(ctx, text, ctx.templateNames.take(`${id}-undo`), step.compensate!, id);
    const task: ArgoTask = { name: names.take(`undo-${id}`), when: '{{workflow.status}} != Succeeded' };
    if (target.kind === 'ref') {
      task.templateRef = target.templateRef;
      if (target.parameters.length) task.arguments = { parameters: target.parameters };
    } else {
      const annotations = { [Annotation.step]: id, [Annotation.type]: 'compensate' };
      task.template = ctx.addTemplate({ ...target.template, metadata: { annotations } });
    }
    // Each compensation runs after the previous one, whether it ran, failed or was skipped.
    if (previous !== undefined) task.depends = `${previous}.Succeeded || ${previous}.Failed || ${previous}.Errored || ${previous}.Skipped`;
    previous = task.name;
    tasks.push(task);
  }
  ctx.addTemplate({ name: SharedTemplate.compensate, dag: { tasks } });
  ctx.report(
    ArgoExportCode.compensation,
    steps[0],
    `compensations run from the onExit handler ${SharedTemplate.compensate} when the workflow does not succeed: all of them (${steps.join(', ')}), in reverse flow order, also for steps that never ran — not only for completed steps in reverse order of completion`,
  );
  return SharedTemplate.compensate;
}

/** Compensations inside map bodies run per item in Flowsmith; Argo's exit handler cannot reach them. */
function reportNested(ctx: ExportContext, scope: Scope): void {
  for (const [id, step] of Object.entries(scope.steps)) {
    if (step.type !== 'map') continue;
    for (const [inner, s] of Object.entries(step.steps)) {
      if (s.compensate !== undefined) {
        ctx.report(ArgoExportCode.compensation, inner, `the compensation of ${inner} in map ${id} was left out: Argo's exit handler cannot run it per item`);
      }
    }
    reportNested(ctx, { steps: step.steps, start: step.start, taskNames: new Map() });
  }
}
