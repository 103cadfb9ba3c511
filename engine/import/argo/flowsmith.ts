/**
 * Reads back a WorkflowTemplate that Flowsmith's exporter wrote (engine/export/argo/), step for
 * step instead of by inlining: every DAG task whose template carries `flowsmith.io/step-type` is a
 * step again (shared no-op templates are branch, parallel, join and succeed steps), `depends` terms
 * are edges (`a.Succeeded` next, `(a.Failed || a.Errored)` catch, both continueOnError), route
 * tasks and `when`s are branch cases and approval decisions, the onExit DAG gives back the
 * compensations. A document edited by hand still imports; what no longer fits is reported.
 */
import { Annotation, SharedTemplate } from '../../interop/argo/conventions.js';
import type { JsonObject, Step, StepId } from '../../model/flow.js';
import { ordered, tidy } from './blocks.js';
import { ArgoImportCode } from './codes.js';
import type { ImportContext } from './context.js';
import { wireEdges, type Edge } from './flowsmith-edges.js';
import { stepOfTemplate } from './flowsmith-steps.js';
import { arr, obj, str, type ArgoSource, type Obj } from './source.js';
import { inputsOf } from './workflow.js';

/** True when the document says Flowsmith exported it and has the `main` DAG it writes. */
export function isFlowsmithExport(source: ArgoSource): boolean {
  const annotations = obj(source.metadata['annotations']);
  const main = arr(source.spec['templates']).map(obj).find((t) => str(t?.['name']) === SharedTemplate.main);
  return str(annotations?.['flowsmith.io/flow']) !== undefined && str(source.spec['entrypoint']) === SharedTemplate.main && obj(main?.['dag']) !== undefined;
}

/** The flow's steps, start and inputs from a Flowsmith-exported document. */
export function importFlowsmith(ctx: ImportContext): { start: StepId; steps: Record<StepId, Step>; inputs?: JsonObject } {
  ctx.nativeExport = true;
  const { inputs } = inputsOf(ctx);
  const main = ctx.templates.get(SharedTemplate.main)!;
  ctx.used.add(SharedTemplate.main);
  const scope = scopeOf(ctx, main, false);
  restoreCompensations(ctx, scope.steps);
  return inputs ? { ...scope, inputs } : scope;
}

/** Task name → what it is: a step (with its id), a route (an edge), or a synthesized failure. */
type TaskRole = { role: 'step'; id: StepId; step: Step } | { role: 'route' } | { role: 'outcome' };

/** One DAG (the main one, or a map body) back as steps and their wiring. */
export function scopeOf(ctx: ImportContext, dagTemplate: Obj, inMap: boolean): { start: StepId; steps: Record<StepId, Step> } {
  const tasks = arr(obj(dagTemplate['dag'])?.['tasks']).map(obj).filter((t): t is Obj => t !== undefined);
  const roles = new Map<string, TaskRole>();
  const names = new Map<string, { id: StepId; output: 'shell' | 'http' | 'other' }>();
  for (const task of tasks) {
    const name = str(task['name']) ?? 'task';
    const tmpl = ctx.templates.get(str(task['template']) ?? '');
    const annotations = obj(obj(tmpl?.['metadata'])?.['annotations']) ?? {};
    if (tmpl) ctx.used.add(str(tmpl['name'])!);
    if (str(task['template']) === SharedTemplate.route) roles.set(name, { role: 'route' });
    else if (tmpl && annotations[Annotation.error] !== undefined && annotations[Annotation.step] === undefined) roles.set(name, { role: 'outcome' });
    else {
      const id = ctx.ids.take(str(annotations[Annotation.step]) ?? name);
      names.set(name, { id, output: tmpl?.['http'] ? 'http' : tmpl?.['script'] ? 'shell' : 'other' });
      roles.set(name, { role: 'step', id, step: { type: 'succeed' } });
    }
  }
  for (const task of tasks) {
    const role = roles.get(str(task['name']) ?? 'task');
    if (role?.role === 'step') role.step = stepOfTemplate(ctx, task, role.id, names, inMap, scopeOf);
  }
  const edges: Edge[] = [];
  for (const task of tasks) {
    const role = roles.get(str(task['name']) ?? 'task');
    if (role?.role !== 'step') continue;
    edges.push(...incoming(task, role.id, roles, tasks));
  }
  const steps: Record<StepId, Step> = {};
  for (const role of roles.values()) if (role.role === 'step') steps[role.id] = tidy(role.step);
  wireEdges(ctx, steps, edges, names);
  const first = tasks.find((t) => roles.get(str(t['name']) ?? '')?.role === 'step' && str(t['depends']) === undefined);
  const start = first ? (roles.get(str(first['name'])!) as { id: StepId }).id : Object.keys(steps)[0];
  if (start === undefined) {
    ctx.report(ArgoImportCode.invalidResult, undefined, 'the exported DAG has no tasks');
    return { start: 'done', steps: { done: { type: 'succeed' } } };
  }
  return { start, steps: ordered(steps, start) };
}

/** The edges into task `task` (step `id`), through route tasks where there are any. */
function incoming(task: Obj, id: StepId, roles: Map<string, TaskRole>, tasks: Obj[]): Edge[] {
  const out: Edge[] = [];
  const when = str(task['when']);
  for (const [name, phases] of termsOf(str(task['depends']) ?? '')) {
    const role = roles.get(name);
    if (role?.role === 'step') {
      out.push({ from: role.id, to: id, outcome: outcomeOf(phases), ...(when === undefined ? {} : { when }) });
    } else if (role?.role === 'route') {
      const route = tasks.find((t) => str(t['name']) === name)!;
      const [[source, sourcePhases] = ['', []]] = termsOf(str(route['depends']) ?? '');
      const from = roles.get(source);
      if (from?.role !== 'step') continue;
      const routeWhen = str(route['when']);
      out.push({ from: from.id, to: id, outcome: outcomeOf(sourcePhases), ...(routeWhen === undefined ? {} : { when: routeWhen }) });
    }
  }
  return out;
}

/** Each task named in a depends expression, with the phases it is asked for. */
export function termsOf(depends: string): [string, string[]][] {
  const out = new Map<string, string[]>();
  for (const m of depends.matchAll(/([A-Za-z0-9][-A-Za-z0-9_]*)(?:\.([A-Za-z]+))?/g)) {
    out.set(m[1]!, [...(out.get(m[1]!) ?? []), m[2] ?? 'Succeeded']);
  }
  return [...out];
}

function outcomeOf(phases: string[]): Edge['outcome'] {
  const failed = phases.includes('Failed') || phases.includes('Errored');
  if (failed && phases.includes('Succeeded')) return 'any';
  return failed ? 'failure' : 'success';
}

/** Compensation bodies from the onExit DAG (engine/export/argo/compensation.ts). */
function restoreCompensations(ctx: ImportContext, steps: Record<StepId, Step>): void {
  const handler = ctx.templates.get(str(ctx.source.spec['onExit']) ?? '');
  if (!handler) return;
  ctx.used.add(str(handler['name'])!);
  for (const task of arr(obj(handler['dag'])?.['tasks']).map(obj)) {
    const tmpl = ctx.templates.get(str(task?.['template']) ?? '');
    const annotations = obj(obj(tmpl?.['metadata'])?.['annotations']) ?? {};
    const id = str(annotations[Annotation.step]);
    const step = id === undefined ? undefined : steps[id];
    if (!tmpl || !step || !task) continue;
    ctx.used.add(str(tmpl['name'])!);
    const body = stepOfTemplate(ctx, task, id!, new Map(), false, scopeOf);
    if (body.type === 'task') {
      const { shell, http, script, notify, call } = body;
      step.compensate = { ...(shell ? { shell } : {}), ...(http ? { http } : {}), ...(script ? { script } : {}), ...(notify ? { notify } : {}), ...(call ? { call } : {}) };
    }
  }
}
