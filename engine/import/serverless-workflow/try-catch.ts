/**
 * Serverless Workflow `try` (dsl-reference.md "Try", "Retry", "Error") as native retry and catch
 * (DESIGN.md "Errors"): the tasks of `try` are imported in place, and each step they create gets
 * the retry policy (tasks only, as natively) and a catch clause to the first step of `catch.do`.
 * A catch without `do` handles the error and goes on: continueOnError for a single step, else a
 * catch clause to what follows the try. Error filters map through errorNamesOf; what has no native
 * name (status, instance, `when`) becomes `*` and a finding.
 *
 * Flowsmith's own exports are folded back exactly: a catch.do that only marks the error (role
 * `caught`) plus the route switch after the try (role `catch-route`) give the original clauses, and
 * a re-raise (role `rethrow`) means a retry with no catch.
 */
import type { CatchClause, Step } from '../../model/flow.js';
import { TaskRole } from '../../interop/serverless-workflow/conventions.js';
import { errorNamesOf } from '../../interop/serverless-workflow/error-types.js';
import { stepTarget, type ImportList } from './branching.js';
import { SwImportCode } from './codes.js';
import { flowsmithMeta, report, type TaskEnv, type TaskResult } from './common.js';
import { stepIdOf, taskSubject, type Target } from './context.js';
import { retryOf } from './retry.js';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});

/** Imports a try task. */
export function importTry(env: TaskEnv, importList: ImportList): TaskResult {
  const c = obj(env.task['catch']);
  const handlers = Array.isArray(c['do']) ? (c['do'] as Obj[]) : undefined;
  const first = handlers?.length === 1 ? Object.values(handlers[0]!)[0] : undefined;
  const role = first === undefined ? undefined : flowsmithMeta(obj(first))['role'];
  const route = role === TaskRole.caught ? env.peek(1) : undefined;
  const routeMeta = route === undefined ? {} : flowsmithMeta(route[1]);
  const folded = route !== undefined && routeMeta['role'] === TaskRole.catchRoute;

  let after = env.after;
  let clauses: { errors: string[]; target: Target }[] = [];
  if (folded) {
    env.consume(1);
    const cases = Array.isArray(route[1]['switch']) ? (route[1]['switch'] as Obj[]) : [];
    const byTarget = new Map<string, Target>();
    for (const entry of cases) {
      const body = obj(Object.values(entry)[0]);
      if (Object.keys(entry)[0] === 'default') after = env.thenOf(body['then']);
      else byTarget.set(String(body['then']), env.thenOf(body['then']));
    }
    const native = Array.isArray(routeMeta['catch']) ? (routeMeta['catch'] as CatchClause[]) : [];
    clauses = native.map((n) => ({ errors: n.errors, target: byTarget.get(n.next) ?? env.thenOf(n.next) }));
  }

  const scope = env.list.scope;
  const mark = scope.created.length;
  const entry = importList(env.task['try'], { ...env.list, exit: after, at: [...env.at, 'try'], ...dotOf(env) });
  const created = scope.created.slice(mark);
  // Steps inside a fork's branches cannot lead out of it: the catch goes on the fork step itself.
  const inner = created.filter((id) => scope.blockOf?.get(id) === env.list.block);
  if (!folded) {
    const dropped = ['if', 'timeout', 'output', 'export'].filter((k) => env.task[k] !== undefined);
    if (dropped.length > 0) report(env, SwImportCode.fieldDropped, `${dropped.join(', ')} on a try apply to no single step; dropped`);
    clauses = genericClauses(env, c, handlers, after, importList);
  }
  const retry = retryOf(env, c['retry']);
  const rethrow = role === TaskRole.rethrow;
  // A catch-all without handlers just goes on: for one step that is continueOnError.
  const swallow = !folded && !rethrow && handlers === undefined && clauses[0]?.errors.includes('*') === true;
  for (const id of created) {
    const step = scope.steps[id]!;
    if (retry !== undefined && step.type === 'task') step.retry = retry;
  }
  for (const id of inner) {
    const step = scope.steps[id]!;
    if (rethrow) continue;
    if (swallow && inner.length === 1 && !folded) {
      step.continueOnError = true;
      continue;
    }
    if (!canCatch(step)) continue;
    const own: CatchClause[] = clauses.map(() => ({ errors: [], next: '' }));
    clauses.forEach((cl, i) => {
      own[i]!.errors = [...cl.errors];
      env.ctx.link(stepTarget(env, cl.target, `${env.name}-handled`), (next) => void (own[i]!.next = next!));
    });
    if (own.length > 0) step.catch = [...(step.catch ?? []), ...own];
  }
  if (!folded && inner.length > 1) {
    const why = 'SW retries the whole block from its first task';
    report(env, SwImportCode.compositeInlined, `the ${inner.length} steps of this try each got its retry and catch (${why})`, 'info');
  } else if (!folded && !inner.includes(stepIdOf(env.name))) {
    report(env, SwImportCode.compositeInlined, `this try is not a step: its retry and catch are on ${inner.join(', ') || 'no step'}`, 'info');
  }
  return { entry, ...(inner.length > 0 ? { last: inner[inner.length - 1]! } : {}) };
}

/** Steps that can fail on their own; a fail step's error is what the catch is for, not a failure to catch. */
function canCatch(step: Step): boolean {
  return ['task', 'approval', 'wait', 'map', 'parallel'].includes(step.type);
}

/** The clause of a generic catch: errors from its filter, target the first task of catch.do (or what follows). */
function genericClauses(
  env: TaskEnv,
  c: Obj,
  handlers: Obj[] | undefined,
  after: Target,
  importList: ImportList,
): { errors: string[]; target: Target }[] {
  const at = [...env.at, 'catch'];
  const note = (message: string, severity?: 'info') => env.ctx.report(SwImportCode.errorHandling, undefined, message, { subject: taskSubject(env.name), at, severity });
  const filter = obj(obj(c['errors'])['with']);
  let errors: string[] = ['*'];
  const type = filter['type'];
  if (typeof type === 'string') {
    const names = errorNamesOf(type);
    if (names !== undefined) errors = names;
    else note(`errors of type ${type} have no native name: every error is caught`);
  }
  const others = Object.keys(filter).filter((k) => k !== 'type');
  if (others.length > 0) {
    note(`the error filter on ${others.join(', ')} has no native equivalent (catch matches error names): ${errors.join(', ')} is caught`);
  }
  // The exporter filters several error types with `when: ${ $error.type == "…" or … }`.
  const types = typeof c['when'] === 'string' ? typesOfWhen(c['when']) : undefined;
  if (types !== undefined && errors.includes('*')) errors = [...new Set(types.flatMap((t) => errorNamesOf(t) ?? ['*']))];
  for (const k of ['when', 'exceptWhen'] as const) {
    if (c[k] !== undefined && !(k === 'when' && types !== undefined)) note(`catch.${k} \`${String(c[k])}\` has no native equivalent; dropped`);
  }
  if (c['as'] !== undefined && c['as'] !== 'error') note(`the caught error is $error natively, not $${String(c['as'])}`, 'info');
  if (handlers === undefined) return [{ errors, target: after }];
  return [{ errors, target: importList(handlers, { ...env.list, exit: after, at: [...at, 'do'], ...dotOf(env) }) }];
}

function dotOf(env: TaskEnv): { dot?: TaskEnv['dot'] } {
  return env.dot === undefined ? {} : { dot: env.dot };
}

/** The types of a `when` that only compares `$error.type` with strings, or undefined. */
function typesOfWhen(when: string): string[] | undefined {
  const m = /^\s*\$\{\s*(.*?)\s*\}\s*$/s.exec(when);
  const parts = (m?.[1] ?? '').split(/\s+or\s+/);
  const types = parts.map((p) => /^\$error\.type == "([^"]*)"$/.exec(p.trim())?.[1]);
  return types.every((t) => t !== undefined) && types.length > 0 ? (types as string[]) : undefined;
}
