/**
 * One scope (the flow's steps, or a map body) as the tasks of an Argo DAG: names its tasks, builds
 * its edges (graph.ts), the template behind each step (steps.ts, map.ts) and the tasks (dag.ts).
 * A scope whose failures are handled (catch, continueOnError) turns Argo's failFast off, so the
 * handler is still scheduled after the failure (https://argo-workflows.readthedocs.io/en/latest/fields/#dagtemplate).
 */
import type { StepId } from '../../model/flow.js';
import { ArgoExportCode } from './codes.js';
import type { ExportContext, Scope, ScopeDag } from './context.js';
import { dagTasks } from './dag.js';
import { scopeGraph } from './graph.js';
import { mapTarget } from './map.js';
import { NameAllocator } from '../../interop/argo/names.js';
import { stepTarget, type TaskTarget } from './steps.js';
import { TextRewriter } from './text.js';

/** Builds the DAG of `scope`; its steps' templates are added to `ctx`. */
export function buildScope(ctx: ExportContext, scope: Scope): ScopeDag {
  const names = new NameAllocator();
  for (const id of Object.keys(scope.steps)) {
    const name = names.take(id);
    scope.taskNames.set(id, name);
    if (name !== id) {
      ctx.report(ArgoExportCode.rename, id, `step ${id} is the Argo task ${name} (task names are lowercase DNS-1123 labels)`, { severity: 'info' });
    }
  }
  const graph = scopeGraph(ctx, scope);
  const targets = new Map<StepId, TaskTarget>();
  for (const id of graph.order) {
    const step = scope.steps[id]!;
    const text = new TextRewriter(ctx, scope, id);
    targets.set(id, step.type === 'map' ? mapTarget(ctx, scope, id, step, buildScope) : stepTarget(ctx, text, id, step));
  }
  const tasks = dagTasks(ctx, scope, graph, targets);
  const handled = [...new Set(graph.edges.filter((e) => e.outcome !== 'success').map((e) => e.from))];
  for (const id of handled) {
    ctx.report(
      ArgoExportCode.handledFailure,
      id,
      `when ${id} fails, the flow goes on, and so does Argo (failFast is off for this DAG), but Argo may still mark the workflow Failed in the end; failFast off also lets other branches finish after an unhandled failure`,
    );
  }
  return handled.length ? { tasks, failFast: false, order: graph.order } : { tasks, order: graph.order };
}
