/**
 * The step behind one task of a Flowsmith-exported DAG (engine/export/argo/steps.ts, map.ts):
 * shared no-op templates give branch, parallel, join and succeed steps; annotated templates give
 * task, approval, wait, fail and map steps back, read with the same leaf readers as any Argo
 * template (leaf.ts), so a hand-edited template still imports.
 */
import { Annotation, SharedTemplate } from '../../interop/argo/conventions.js';
import type { JoinMode, Step, StepId } from '../../model/flow.js';
import type { Frame, ImportContext } from './context.js';
import { leafStep, textTranslator } from './leaf.js';
import { arr, obj, str, type Obj } from './source.js';
import type { NamedStep } from './vars.js';

/** Builds a nested DAG's steps (flowsmith.ts scopeOf), passed in to keep imports one-way. */
export type ScopeReader = (ctx: ImportContext, dagTemplate: Obj, inMap: boolean) => { start: StepId; steps: Record<StepId, Step> };

/** The step that DAG task `task` runs, as step `id`; `names` maps the DAG's task names for variables. */
export function stepOfTemplate(ctx: ImportContext, task: Obj, id: StepId, names: Map<string, NamedStep>, inMap: boolean, readScope: ScopeReader): Step {
  const ref = obj(task['templateRef']);
  if (ref) return callStep(ctx, task, id, names, inMap, str(ref['name']) ?? 'subflow');
  const templateName = str(task['template']) ?? '';
  switch (templateName) {
    case SharedTemplate.branch:
      return { type: 'branch', cases: [] };
    case SharedTemplate.parallel:
      return { type: 'parallel', branches: [], join: '' };
    case SharedTemplate.join:
      return { type: 'join', mode: joinMode(str(task['depends']) ?? '') };
    case SharedTemplate.succeed:
      return { type: 'succeed' };
  }
  const tmpl = ctx.templates.get(templateName) ?? {};
  const annotations = obj(obj(tmpl['metadata'])?.['annotations']) ?? {};
  const frame = frameOf(templateName, names, inMap);
  switch (str(annotations[Annotation.type])) {
    case 'branch':
      return titled({ type: 'branch', cases: [] }, annotations);
    case 'parallel':
      return titled({ type: 'parallel', branches: [], join: '' }, annotations);
    case 'join':
      return titled({ type: 'join', mode: joinMode(str(task['depends']) ?? '') }, annotations);
    case 'succeed':
      return titled({ type: 'succeed' }, annotations);
    case 'map':
      return mapStep(ctx, tmpl, annotations, readScope);
    case 'fail': {
      const text = textTranslator(ctx, frame, templateName, id);
      const env = new Map(arr(obj(tmpl['script'])?.['env']).map((e) => [str(obj(e)?.['name']), str(obj(e)?.['value'])] as const));
      const message = env.get('FLOWSMITH_MESSAGE');
      const step: Step = { type: 'fail', error: str(annotations[Annotation.error]) ?? 'Failed', ...(message === undefined ? {} : { message: text(message) }) };
      return titled(step, annotations);
    }
    default:
      return leafStep(ctx, tmpl, frame, id, str(task['name']) ?? id).step;
  }
}

function frameOf(template: string, names: Map<string, NamedStep>, inMap: boolean): Frame {
  const params = new Map<string, string>(inMap ? [['item', '{{ $item }}']] : []);
  return { template, params, stack: [template], names, exitHandler: false, via: [] };
}

function titled(step: Step, annotations: Obj): Step {
  const title = str(annotations[Annotation.title]);
  const description = str(annotations[Annotation.description]);
  return { ...step, ...(title === undefined ? {} : { title }), ...(description === undefined ? {} : { description }) };
}

/** A subflow call written as a templateRef to `<flow>/main`. */
function callStep(ctx: ImportContext, task: Obj, id: StepId, names: Map<string, NamedStep>, inMap: boolean, flow: string): Step {
  const text = textTranslator(ctx, frameOf(str(task['name']) ?? id, names, inMap), str(task['name']) ?? id, id);
  const input = Object.fromEntries(
    arr(obj(task['arguments'])?.['parameters'])
      .map((p) => [str(obj(p)?.['name']), str(obj(p)?.['value'])] as const)
      .filter((p): p is [string, string] => p[0] !== undefined && p[1] !== undefined)
      .map(([k, v]) => [k, text(v)]),
  );
  return { type: 'task', call: Object.keys(input).length ? { flow: `${flow}.yaml`, input } : `${flow}.yaml` };
}

/** A map step: items and `as` from annotations, concurrency from a wrapper's parallelism, the body DAG. */
function mapStep(ctx: ImportContext, tmpl: Obj, annotations: Obj, readScope: ScopeReader): Step {
  const inner = arr(obj(tmpl['dag'])?.['tasks']).map(obj)[0];
  const wrapped = typeof tmpl['parallelism'] === 'number' && inner !== undefined && str(inner['name']) === 'each';
  const body = wrapped ? (ctx.templates.get(str(inner!['template']) ?? '') ?? {}) : tmpl;
  if (wrapped) ctx.used.add(str(body['name']) ?? '');
  const { start, steps } = readScope(ctx, body, true);
  const as = str(annotations[Annotation.as]);
  const step: Step = { type: 'map', items: str(annotations[Annotation.items]) ?? '[]', start, steps };
  if (as !== undefined) step.as = as;
  if (wrapped) step.concurrency = tmpl['parallelism'] as number;
  return titled(step, annotations);
}

/** all for `a && b`, any for `a || b`, {count: n} for alternatives of n (engine/export/argo/dag.ts). */
function joinMode(depends: string): JoinMode {
  let depth = 0;
  const alternatives: string[] = [''];
  for (let i = 0; i < depends.length; i++) {
    const ch = depends[i]!;
    depth += ch === '(' ? 1 : ch === ')' ? -1 : 0;
    if (depth === 0 && depends.startsWith(' || ', i)) {
      alternatives.push('');
      i += 3;
    } else alternatives[alternatives.length - 1] += ch;
  }
  if (alternatives.length === 1) return 'all';
  const size = alternatives[0]!.split('&&').length;
  return size === 1 ? 'any' : { count: size };
}
