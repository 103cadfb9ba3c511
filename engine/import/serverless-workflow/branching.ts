/**
 * Serverless Workflow tasks that branch or nest (dsl-reference.md "Switch", "Fork", "For"):
 * switch → branch (jq `when` → JSONata; otherwise a false case that shows the jq, reported),
 * fork → parallel + a generated join (compete → join any), for → map with a nested body.
 */
import type { BranchCase, BranchStep, JoinMode, MapStep, ParallelStep, Step, StepId } from '../../model/flow.js';
import { SwImportCode } from './codes.js';
import { addSimpleStep, exprEnv, flowsmithMeta, report, type ListEnv, type TaskEnv, type TaskResult } from './common.js';
import type { Target } from './context.js';
import { expressionField, jqToJsonata, untranslatedCondition } from './expressions.js';

/** Imports a task list into `list`, returning its entry (lists.ts). */
export type ImportList = (tasks: unknown, list: ListEnv) => Target;

type Obj = Record<string, unknown>;

/** A condition (`when`, `if`) as JSONata; untranslatable jq becomes a false case showing the jq. */
export function condition(env: TaskEnv, value: unknown, field: string): string {
  const jq = expressionField(value) ?? 'false';
  const t = jqToJsonata(jq, exprEnv(env));
  if (t.ok) return t.text;
  report(env, SwImportCode.expressionNotTranslated, `${field} \`${jq}\` was not translated (${t.reason}); the case is false until rewritten`);
  return untranslatedCondition(jq);
}

/**
 * A target that must name a step (branch cases, catch, map start): when it resolves to the end of
 * the path, a succeed step named after `hint` is created to stand for it.
 */
export function stepTarget(env: TaskEnv, target: Target, hint: string): Target {
  let made: StepId | undefined;
  return () => {
    const id = target();
    if (id !== undefined) return id;
    if (made === undefined) {
      made = env.ctx.newId(hint);
      env.ctx.addStep(env.list.scope, made, { type: 'succeed', title: 'End' }, env.list.block);
    }
    return made;
  };
}

/** switch → branch; a switch without conditions is no step at all, just its default. */
export function importSwitch(env: TaskEnv): TaskResult {
  const cases: { when: string; target: Target }[] = [];
  let fallback: Target | undefined;
  for (const [i, entry] of (Array.isArray(env.task['switch']) ? env.task['switch'] : []).entries()) {
    const [, body] = Object.entries(entry as Obj)[0] ?? [];
    const c = (body ?? {}) as Obj;
    const target = env.thenOf(c['then']);
    if (c['when'] === undefined) fallback ??= target;
    else cases.push({ when: condition({ ...env, at: [...env.at, 'switch', i] }, c['when'], 'when'), target });
  }
  // No case matched and no default: SW goes on with the task's own `then`.
  const otherwise = fallback ?? env.after;
  if (cases.length === 0) {
    report(env, SwImportCode.directive, 'a switch with no conditions is not a step: it goes straight to its default', 'info');
    return { entry: otherwise };
  }
  const step: BranchStep = { type: 'branch', cases: [] };
  // A switch passes its input on unchanged: the next task's `.` is still this task's `.`.
  const { last: _ignored, ...result } = addSimpleStep(env, step, { linkNext: false });
  cases.forEach((c, i) => {
    const bc: BranchCase = { when: c.when, next: '' };
    step.cases.push(bc);
    env.ctx.link(stepTarget(env, c.target, `${env.name}-case-${i + 1}-end`), (id) => void (bc.next = id!));
  });
  env.ctx.link(otherwise, (id) => { if (id !== undefined) step.default = id; });
  return result;
}

/**
 * fork → parallel + join; each branch is its own list that ends at the join. A branch with nothing
 * in it still runs (and does nothing), so it becomes a zero wait; a fork without branches is no step.
 */
export function importFork(env: TaskEnv, importList: ImportList): TaskResult {
  const fork = (env.task['fork'] ?? {}) as Obj;
  const branches = Array.isArray(fork['branches']) ? (fork['branches'] as Obj[]) : [];
  if (branches.length === 0) {
    report(env, SwImportCode.directive, 'a fork without branches does nothing: it is not a step', 'info');
    return { entry: env.after };
  }
  const meta = flowsmithMeta(env.task);
  const parallel: ParallelStep = { type: 'parallel', branches: [], join: '' };
  const result = addSimpleStep(env, parallel, { linkNext: false });
  const joinId = env.ctx.newId(typeof meta['join'] === 'string' ? meta['join'] : `${env.name}-join`);
  parallel.join = joinId;
  const mode: JoinMode = (meta['joinMode'] as JoinMode | undefined) ?? (fork['compete'] === true ? 'any' : 'all');
  const joined: Target = () => joinId;
  branches.forEach((b, i) => {
    const name = Object.keys(b)[0] ?? `branch-${i + 1}`;
    const entry = importList([b], {
      ...env.list,
      exit: joined,
      end: joined,
      endNote: 'then: end inside a fork branch ends only the branch here: it goes to the join',
      isolated: true,
      block: result.last!,
      at: [...env.at, 'fork', 'branches'],
      ...(env.dot === undefined ? {} : { dot: env.dot }),
    });
    env.ctx.link(entry, (id) => {
      if (id !== undefined && id !== joinId) parallel.branches[i] = id;
      else {
        const empty = env.ctx.newId(`${name}-empty`);
        env.ctx.addStep(env.list.scope, empty, { type: 'wait', duration: '0s', next: joinId }, result.last);
        parallel.branches[i] = empty;
      }
    });
  });
  const join: Step = { type: 'join', mode };
  env.ctx.addStep(env.list.scope, joinId, join, env.list.block);
  env.ctx.link(env.after, (id) => { if (id !== undefined) join.next = id; });
  // SW's fork output (the branch outputs) has no native counterpart: `.` after it stays as before.
  return { entry: result.entry };
}

/** for → map: items from `in`, `$<each>`/`$<at>` → `$item`/`$index`, body in its own scope. */
export function importFor(env: TaskEnv, importList: ImportList): TaskResult {
  const spec = (env.task['for'] ?? {}) as Obj;
  const meta = flowsmithMeta(env.task);
  const each = typeof spec['each'] === 'string' ? spec['each'] : 'item';
  const at = typeof spec['at'] === 'string' ? spec['at'] : 'index';
  const jq = expressionField(spec['in']) ?? '[]';
  const t = jqToJsonata(jq, exprEnv(env));
  if (!t.ok) report(env, SwImportCode.expressionNotTranslated, `for.in \`${jq}\` was not translated (${t.reason}); no items until rewritten`);
  const items = t.ok ? t.text : `[] /* untranslated jq: ${jq.replaceAll('*/', '* /')} */`;
  const step: MapStep = { type: 'map', items, start: '', steps: {} };
  if (each !== 'item') step.as = each;
  else if (typeof meta['as'] === 'string') step.as = meta['as'];
  if (typeof meta['concurrency'] === 'number') step.concurrency = meta['concurrency'];
  else step.concurrency = 1; // SW for runs items one after another
  if (env.task['while'] !== undefined) {
    report(env, SwImportCode.directive, `while \`${String(env.task['while'])}\` has no native equivalent: every item runs`);
  }
  const result = addSimpleStep(env, step);
  const body = { steps: step.steps, created: [] as StepId[] };
  const bodyEnv: ListEnv = {
    scope: body,
    exit: () => undefined,
    end: () => undefined,
    endNote: 'then: end inside a for body ends only this item here',
    isolated: true,
    loop: { each, at },
    at: [...env.at, 'do'],
    // Each iteration's tasks read the for task's input as `.`; the item is `$<each>`.
    ...(env.dot === undefined ? {} : { dot: env.dot }),
  };
  const entry = importList(env.task['do'], bodyEnv);
  const bodyTask: TaskEnv = { ...env, list: bodyEnv };
  env.ctx.link(stepTarget(bodyTask, entry, `${env.name}-done`), (id) => void (step.start = id!));
  return result;
}
