/**
 * Imports a Serverless Workflow task list (dsl-reference.md "Do", "Flow Directive") into native
 * steps. Each task becomes zero or more steps; its `then` picks what follows: `continue` (default)
 * the next task, `exit` whatever follows the enclosing list, `end` the end of the path, or a task
 * name of the same list (or, leniently, of an enclosing one). A task's `if` becomes a branch step in
 * front of it. `.` of each task is taken to be the previous task's output (the SW data flow of a
 * plain sequence), reported once per flow.
 */
import type { StepId } from '../../model/flow.js';
import { importFlowsmithApproval, importListen, isFlowsmithApproval } from './approval.js';
import { condition, importFor, importFork, importSwitch, stepTarget } from './branching.js';
import { SwImportCode } from './codes.js';
import { addSimpleStep, flowsmithMeta, report, type ListEnv, type TaskEnv, type TaskResult } from './common.js';
import { guarded, taskSubject, type ImportContext, type SourcePath, type Target } from './context.js';
import { importCall } from './http-call.js';
import { importRun, placeholder } from './process.js';
import { importEmit, importRaise, importSet, importWait } from './tasks.js';
import { importTry } from './try-catch.js';
import { TaskRole } from '../../interop/serverless-workflow/conventions.js';

type Obj = Record<string, unknown>;

/** Names of the lists around the one being imported, for lenient `then` to an enclosing list. */
interface Frame {
  names: Map<string, number>;
  entries: Target[];
  outer?: Frame;
}

/** Imports task lists for one flow. `onDot` counts reads of `.`; `vars` receives a Flowsmith vars task. */
export function listImporter(ctx: ImportContext, hooks: { onDot: () => void; onVars: (task: Obj, env: TaskEnv) => void }) {
  const frames: Frame[] = [];

  const importList = (tasks: unknown, list: ListEnv): Target => {
    const items = taskItems(tasks, list.at, ctx);
    const entries: Target[] = [];
    const resolved: (Target | undefined)[] = [];
    const frame: Frame = { names: new Map(items.map(([name], i) => [name, i])), entries };
    if (frames.length > 0 && !list.isolated) frame.outer = frames[frames.length - 1]!;
    const cont = (i: number): Target => (i + 1 < items.length ? entries[i + 1]! : list.exit);
    items.forEach((_, i) => (entries[i] = guarded(() => (resolved[i] ?? cont(i))())));
    frames.push(frame);
    let dot = list.dot;
    const consumed = new Set<number>();
    for (let i = 0; i < items.length; i++) {
      if (consumed.has(i)) continue;
      const [name, task, at] = items[i]!;
      const thenOf = (directive: unknown): Target => directiveTarget(ctx, directive, name, at, frame, list, cont(i));
      const env: TaskEnv = {
        ctx,
        list,
        name,
        task,
        at,
        after: thenOf(task['then']),
        below: cont(i),
        thenOf,
        peek: (k) => (items[i + k] === undefined ? undefined : [items[i + k]![0], items[i + k]![1]]),
        consume: (k) => {
          consumed.add(i + k);
          // Whatever named a folded task lands on the step it was folded into.
          resolved[i + k] = entries[i];
        },
        onDot: hooks.onDot,
        ...(dot === undefined ? {} : { dot }),
      };
      const result = importTask(env);
      resolved[i] = result.entry;
      if (result.last !== undefined) {
        dot = { kind: 'path', root: 'steps', segments: [result.last, 'output', ...(result.shape ?? [])] };
        if (result.rename !== undefined) dot.rename = result.rename;
      }
    }
    frames.pop();
    return items.length === 0 ? list.exit : entries[0]!;
  };

  /** The task itself, then its `if` in front of it. */
  const importTask = (env: TaskEnv): TaskResult => {
    const core = importCore(env);
    if (env.task['if'] === undefined) return core;
    const when = condition(env, env.task['if'], 'if');
    const branchEnv: TaskEnv = { ...env, name: `${env.name}-if`, task: {} };
    const step = { type: 'branch' as const, cases: [{ when, next: '' }] };
    const result = addSimpleStep(branchEnv, step, { linkNext: false });
    ctx.link(stepTarget(env, core.entry, `${env.name}-end`), (id) => void (step.cases[0]!.next = id!));
    // When the condition is false, SW skips the task: its `then` does not apply, the next task runs.
    ctx.link(env.below, (id) => { if (id !== undefined) (step as { default?: StepId }).default = id; });
    return { ...core, entry: result.entry };
  };

  const importCore = (env: TaskEnv): TaskResult => {
    const { task, name } = env;
    if (flowsmithMeta(task)['role'] === TaskRole.vars && task['set'] !== undefined) {
      hooks.onVars(task, env);
      return { entry: env.after };
    }
    if (isFlowsmithApproval(task)) return importFlowsmithApproval(env, importList);
    if (task['do'] !== undefined && task['for'] === undefined) {
      const dropped = ['timeout', 'output', 'export', 'input'].filter((k) => task[k] !== undefined);
      if (dropped.length > 0) report(env, SwImportCode.fieldDropped, `${dropped.join(', ')} on a group of tasks has no native equivalent; dropped`);
      ctx.report(SwImportCode.compositeInlined, undefined, 'this do group is not a step: its tasks were imported in place', { subject: taskSubject(name), at: env.at, severity: 'info' });
      const mark = env.list.scope.created.length;
      const inner: ListEnv = { ...env.list, exit: env.after, at: [...env.at, 'do'] };
      if (env.dot !== undefined) inner.dot = env.dot;
      const entry = importList(task['do'], inner);
      const last = env.list.scope.created.slice(mark).pop();
      return { entry, ...(last === undefined ? {} : { last }) };
    }
    if (task['try'] !== undefined) return importTry(env, importList);
    if (task['fork'] !== undefined) return importFork(env, importList);
    if (task['for'] !== undefined) return importFor(env, importList);
    if (task['switch'] !== undefined) return importSwitch(env);
    if (task['listen'] !== undefined) return importListen(env, importList);
    if (task['call'] !== undefined) return importCallOrFunction(env);
    if (task['run'] !== undefined) return importRun(env);
    if (task['emit'] !== undefined) return importEmit(env);
    if (task['set'] !== undefined) return importSet(env);
    if (task['raise'] !== undefined) return importRaise(env);
    if (task['wait'] !== undefined) return importWait(env);
    return placeholder(env, 'an unknown kind of task');
  };

  /** A call of a function from `use.functions` is imported as that function's task. */
  const seen = new Set<string>();
  const importCallOrFunction = (env: TaskEnv): TaskResult => {
    const fn = String(env.task['call']);
    const def = ctx.use.functions[fn];
    if (def === undefined || typeof def !== 'object' || seen.has(fn)) return importCall(env);
    report(env, SwImportCode.placeholderCall, `call ${fn} was imported as the task use.functions.${fn} defines (its arguments are not passed)`, 'info');
    seen.add(fn);
    try {
      return importCore({ ...env, task: { ...(def as Obj), then: env.task['then'] } });
    } finally {
      seen.delete(fn);
    }
  };

  return importList;
}

function directiveTarget(
  ctx: ImportContext,
  directive: unknown,
  name: string,
  at: SourcePath,
  frame: Frame,
  list: ListEnv,
  next: Target,
): Target {
  if (directive === undefined || directive === 'continue') return next;
  if (directive === 'exit') return list.exit;
  if (directive === 'end') {
    if (list.endNote !== undefined) ctx.report(SwImportCode.directive, undefined, list.endNote, { subject: taskSubject(name), at, severity: 'info' });
    return list.end;
  }
  const target = String(directive);
  for (let f: Frame | undefined = frame; f !== undefined; f = f.outer) {
    const j = f.names.get(target);
    if (j === undefined) continue;
    if (f !== frame) {
      ctx.report(SwImportCode.directive, undefined, `then: ${target} names a task of an enclosing list, which SW does not allow; imported as a jump to it`, { subject: taskSubject(name), at });
    }
    return f.entries[j]!;
  }
  ctx.report(SwImportCode.directive, undefined, `then: ${target} names no task here; it continues with the next task instead`, { subject: taskSubject(name), at });
  return next;
}

/** `[name, task, source path]` for each item of a task list; malformed items are reported and skipped. */
function taskItems(tasks: unknown, at: SourcePath, ctx: ImportContext): [string, Obj, SourcePath][] {
  if (tasks === undefined || tasks === null) return [];
  if (!Array.isArray(tasks)) {
    ctx.report(SwImportCode.directive, undefined, 'a task list is not a list (DSL 1.0 writes `- name: {…}` items); skipped', { at, severity: 'error' });
    return [];
  }
  const out: [string, Obj, SourcePath][] = [];
  tasks.forEach((entry, i) => {
    const pairs = entry !== null && typeof entry === 'object' ? Object.entries(entry as Obj) : [];
    const [pair] = pairs;
    if (pairs.length !== 1 || pair === undefined || pair[1] === null || typeof pair[1] !== 'object') {
      ctx.report(SwImportCode.directive, undefined, `item ${i + 1} is not one named task; it was skipped`, { at: [...at, i], severity: 'error' });
      return;
    }
    out.push([pair[0], pair[1] as Obj, [...at, i, pair[0]]]);
  });
  return out;
}
