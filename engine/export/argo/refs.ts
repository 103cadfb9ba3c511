/**
 * What Flowsmith's expression bindings (DESIGN.md "Expressions") stand for in an Argo DAG:
 * `$input.x` → `workflow.parameters.x`; `$steps.<id>.output` → `tasks.<id>.outputs.result` (stdout,
 * or an http template's response body), fields of it read with jsonpath; `$steps.<id>.status` →
 * `tasks.<id>.status`; `$item` → the loop body's `inputs.parameters.item`; `$run.id` →
 * `workflow.name`; `$vars.x` → its value when it is a constant. Everything else has no Argo
 * equivalent and resolves to a reason. Source: https://argo-workflows.readthedocs.io/en/latest/variables/.
 * The internal root `@argo` names an Argo variable directly (the exporter's own conditions).
 */
import type { Json, Step } from '../../model/flow.js';
import type { ExportContext, Scope } from './context.js';
import type { ArgoRef, Resolve } from './expr-print.js';

type Resolved = ReturnType<Resolve>;

const fail = (reason: string): Resolved => ({ kind: 'error', reason });

/** The resolver for expressions written in `scope`. */
export function resolverFor(ctx: ExportContext, scope: Scope): Resolve {
  return ({ root, segments }) => {
    switch (root) {
      case '@argo':
        return { kind: 'var', base: segments.map(String), json: [], type: 'string' };
      case 'input': {
        const [name, ...rest] = segments;
        if (name === undefined) return { kind: 'var', base: ['workflow', 'parameters', 'json'], json: [], type: 'string' };
        if (typeof name !== 'string') return fail('$input has no numbered fields');
        return { kind: 'var', base: ['workflow', 'parameters', name], json: rest, type: rest.length ? 'json' : 'string' };
      }
      case 'vars':
        return constantVar(ctx, segments);
      case 'steps':
        return stepRef(scope, segments);
      case 'run':
        if (segments.length === 1 && segments[0] === 'id') return { kind: 'var', base: ['workflow', 'name'], json: [], type: 'string' };
        if (segments.length === 1 && segments[0] === 'flow') return { kind: 'literal', value: ctx.flow.name };
        return fail(`$run.${segments.join('.')} has no Argo variable (only $run.id → workflow.name and $run.flow)`);
      case 'index':
        return fail('Argo loops do not expose the index of the current item ($index)');
      case 'error':
        return fail('$error has no Argo equivalent: tasks cannot read why another task failed');
      default:
        if (scope.itemNames?.includes(root)) {
          return { kind: 'var', base: ['inputs', 'parameters', 'item'], json: segments, type: segments.length ? 'json' : 'string' };
        }
        if (root === 'item') return fail('$item is only defined inside a map body');
        return fail(`the binding $${root} has no Argo equivalent`);
    }
  };
}

function constantVar(ctx: ExportContext, segments: (string | number)[]): Resolved {
  const [name, ...rest] = segments;
  const value: Json | undefined = typeof name === 'string' ? ctx.flow.vars?.[name] : undefined;
  if (value === undefined) return fail(`$vars.${segments.join('.')} is not a declared run variable`);
  let node: Json | undefined = value;
  for (const s of rest) node = node !== null && typeof node === 'object' ? (node as Record<string, Json>)[s as string] : undefined;
  const isConstant = (v: Json | undefined): v is string | number | boolean | null =>
    v === null || typeof v === 'number' || typeof v === 'boolean' || (typeof v === 'string' && !v.includes('{{'));
  if (!isConstant(node)) {
    return fail(`$vars.${segments.join('.')} is not a constant; Argo has no run variables`);
  }
  if (Object.values(ctx.flow.steps).some((s) => s.set && String(name) in s.set)) {
    return fail(`$vars.${String(name)} is changed by a step's set:, and Argo has no run variables`);
  }
  return { kind: 'literal', value: node };
}

function stepRef(scope: Scope, segments: (string | number)[]): Resolved {
  const [id, field, ...rest] = segments;
  const step = typeof id === 'string' ? scope.steps[id] : undefined;
  const task = typeof id === 'string' ? scope.taskNames.get(id) : undefined;
  if (!step || task === undefined) {
    const where = scope.mapStep ? `the body of map ${scope.mapStep}` : 'the main DAG';
    return fail(`$steps.${String(id)} is not a task of ${where}; Argo tasks only see tasks of their own DAG`);
  }
  if (field === 'status' && rest.length === 0) return { kind: 'var', base: ['tasks', task, 'status'], json: [], type: 'status' };
  if (field !== 'output') return fail(`$steps.${id}.${String(field ?? '')} is not translatable; use .output or .status`);
  return outputRef(step, id as string, task, rest);
}

/** `$steps.<id>.output…` by the step's executor (DESIGN.md "Executors"). */
function outputRef(step: Step, id: string, task: string, rest: (string | number)[]): Resolved {
  const result = (json: (string | number)[]): ArgoRef => ({
    kind: 'var',
    base: ['tasks', task, 'outputs', 'result'],
    json,
    type: json.length ? 'json' : 'string',
  });
  if (step.type !== 'task') return fail(`the output of ${step.type} step ${id} has no Argo equivalent`);
  // A callback's output is what the resume supplied (callback.ts), as JSON text.
  if (step.callback) return { kind: 'var', base: ['tasks', task, 'outputs', 'parameters', 'output'], json: rest, type: rest.length ? 'json' : 'string' };
  if (step.http) {
    if (rest[0] === 'body') return result(rest.slice(1));
    return fail(`$steps.${id}.output.${rest.join('.')}: an Argo http template only outputs the response body`);
  }
  if (step.shell || step.script) {
    if (rest.length === 1 && rest[0] === 'stdout') return result([]);
    if (rest.length === 1 && rest[0] === 'exitCode') return { kind: 'var', base: ['tasks', task, 'exitCode'], json: [], type: 'string' };
    if (rest[0] === 'stderr') return fail(`$steps.${id}.output.stderr: Argo does not keep a task's stderr as a value`);
    return result(rest);
  }
  return fail(`the output of step ${id} (${step.notify ? 'notify' : 'call'}) has no Argo equivalent`);
}
