/**
 * Serverless Workflow tasks that become one plain native step (dsl-reference.md "Emit", "Set",
 * "Raise", "Wait"): emit → notify, set → a task whose output is the data, raise → fail, wait → wait;
 * and the translation of task values shared by every importer of task bodies.
 */
import type { FailStep, Json, TaskStep } from '../../model/flow.js';
import { FLOWSMITH_ERROR_BASE, NOTIFY_EVENT, TaskRole } from '../../interop/serverless-workflow/conventions.js';
import { errorNamesOf } from '../../interop/serverless-workflow/error-types.js';
import { SwImportCode } from './codes.js';
import { addSimpleStep, durationOf, exprEnv, flowsmithMeta, report, type TaskEnv, type TaskResult } from './common.js';
import { stepIdOf } from './context.js';
import { runtimeExpression, valueToNative } from './expressions.js';
import { dataOutput } from './values.js';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});

/** Translates a value of the task (`{{ }}` templates), reporting untranslated expressions under the task. */
export function nativeValue(env: TaskEnv, value: unknown, field: string): Json {
  return valueToNative(value, exprEnv(env), (jq, reason) =>
    report(env, SwImportCode.expressionNotTranslated, `\`${jq}\` in ${field} was not translated (${reason}); kept as text`),
  );
}

/** emit: Flowsmith's notification events come back as notify; other events become a notification. */
export function importEmit(env: TaskEnv): TaskResult {
  const props = obj(obj(obj(env.task['emit'])['event'])['with']);
  const data = props['data'];
  if (props['type'] === NOTIFY_EVENT) {
    const d = obj(data);
    const notify: NonNullable<TaskStep['notify']> = { message: String(nativeValue(env, d['message'] ?? '', 'data')) };
    if (d['title'] !== undefined) notify.title = String(nativeValue(env, d['title'], 'data'));
    return addSimpleStep(env, { type: 'task', notify });
  }
  const value = nativeValue(env, data ?? null, 'data');
  const message = typeof value === 'string' ? value : JSON.stringify(value);
  const type = String(props['type'] ?? 'an event');
  report(env, SwImportCode.emitAsNotify, `emit ${type} became a notification: no event is published`);
  return addSimpleStep(env, { type: 'task', notify: { title: type, message } });
}

/** set: a task whose output is the data (static data as a script literal, dynamic data as output). */
export function importSet(env: TaskEnv): TaskResult {
  const data = dataOutput(env, env.task['set']);
  const step: TaskStep = data.static ? { type: 'task', script: `(${data.text})` } : { type: 'task', script: 'null', output: data.text };
  return addSimpleStep(env, step);
}

/**
 * raise: a fail step. The error name comes from a Flowsmith error URI, else the title, else the
 * standard type; an identical fail step of the same name is reused (the exporter raises copies).
 */
export function importRaise(env: TaskEnv): TaskResult {
  // A re-raise after exhausted retries is the exporter's way to say "no catch" (try-catch.ts).
  if (flowsmithMeta(env.task)['role'] === TaskRole.rethrow) return { entry: env.after };
  let error = obj(env.task['raise'])['error'];
  if (typeof error === 'string') error = env.ctx.use.errors[error] ?? { title: error };
  const e = obj(error);
  const type = typeof e['type'] === 'string' ? e['type'] : '';
  const title = typeof e['title'] === 'string' && runtimeExpression(e['title']) === undefined ? e['title'] : undefined;
  const name = type.startsWith(FLOWSMITH_ERROR_BASE) ? errorNamesOf(type)![0]! : (title ?? errorNamesOf(type)?.[0] ?? 'Error');
  const fail: FailStep = { type: 'fail', error: name };
  if (e['detail'] !== undefined) fail.message = String(nativeValue(env, e['detail'], 'detail'));
  const base = stepIdOf(env.name);
  for (const [id, s] of Object.entries(env.list.scope.steps)) {
    const sameName = id === base || new RegExp(`^${base}-\\d+$`).test(id);
    if (sameName && s.type === 'fail' && s.error === fail.error && s.message === fail.message) return { entry: () => id, last: id };
  }
  return addSimpleStep(env, fail, { linkNext: false });
}

/** wait: a duration; the exporter's no-op waits are succeed steps, and its zero waits with `until` are until waits. */
export function importWait(env: TaskEnv): TaskResult {
  const meta = flowsmithMeta(env.task);
  if (meta['role'] === TaskRole.succeed) return addSimpleStep(env, { type: 'succeed' }, { linkNext: false });
  if (typeof meta['until'] === 'string') return addSimpleStep(env, { type: 'wait', until: meta['until'] });
  const duration = durationOf(env.task['wait']);
  if (duration === undefined) report(env, SwImportCode.expressionNotTranslated, 'a wait given as an expression is not translatable: it waits 0s');
  return addSimpleStep(env, { type: 'wait', duration: duration ?? '0s' });
}
