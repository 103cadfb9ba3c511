/**
 * Native steps that become one Serverless Workflow task each: fail → `raise`, wait → `wait`,
 * succeed → a no-op `wait` ending the path, branch → `switch` (dsl-reference.md "Raise", "Wait",
 * "Switch"). Their `then` is left as a Goto for lists.ts to resolve.
 */
import type { BranchStep, FailStep, StepId, WaitStep } from '../../model/flow.js';
import { SwExportCode } from './codes.js';
import type { ExportContext, SwTask } from './context.js';
import { META_KEY, TaskRole } from '../../interop/serverless-workflow/conventions.js';
import { errorStatusOf, errorTypeOf } from '../../interop/serverless-workflow/error-types.js';
import { Goto } from './goto.js';
import { toIsoDuration } from '../../interop/serverless-workflow/iso-duration.js';
import { expressionToSw, templateToSw, type ValueContext } from './values.js';

/**
 * A fail step as `raise`: type from the error name (errorTypeOf), status 500 (403 for Rejected),
 * title = the native error name (what `$error.name` reads), detail = the message.
 */
export function raiseTask(id: StepId, step: FailStep, values: ValueContext): SwTask {
  const name = step.error ?? 'Failed';
  const error: Record<string, unknown> = { type: errorTypeOf(name), status: errorStatusOf(name), title: name };
  error['detail'] = step.message !== undefined ? templateToSw(step.message, values) : `${id} failed the run`;
  return { raise: { error } };
}

/** A wait step: ISO 8601 duration; `until` cannot be expressed in SW 1.0.0 and waits zero instead. */
export function waitTask(id: StepId, step: WaitStep, ctx: ExportContext): { task: SwTask; meta: Record<string, unknown> } {
  if (step.duration !== undefined) return { task: { wait: toIsoDuration(step.duration) }, meta: {} };
  ctx.report(
    SwExportCode.waitUntil,
    id,
    `wait until \`${step.until ?? ''}\` is not expressible: SW 1.0.0 waits take a fixed duration; exported as a zero wait with the expression in metadata.flowsmith.until`,
  );
  return { task: { wait: 'PT0S' }, meta: { until: step.until } };
}

/** A succeed step: nothing to do, then the path ends (`then` is set by the caller). */
export function succeedTask(): { task: SwTask; meta: Record<string, unknown> } {
  return { task: { wait: 'PT0S' }, meta: { role: TaskRole.succeed } };
}

/**
 * A branch step as `switch`: one case per native case (named `case-1`…), `when` in jq, and a
 * `default` case for the native default, or for the path end when there is none (SW would
 * otherwise continue with the next task in the list).
 */
export function switchTask(step: BranchStep, values: ValueContext): SwTask {
  const cases: Record<string, unknown>[] = step.cases.map((c, i) => ({
    [`case-${i + 1}`]: { when: expressionToSw(c.when, values), then: new Goto(c.next) },
  }));
  cases.push({ default: { then: new Goto(step.default) } });
  return { switch: cases };
}

/** Adds `role` etc. under metadata.flowsmith of an existing metadata object (or creates one). */
export function withFlowsmithMeta(
  meta: Record<string, unknown> | undefined,
  own: Record<string, unknown>,
): Record<string, unknown> | undefined {
  const entries = Object.entries(own).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return meta;
  const out = { ...(meta ?? {}) };
  out[META_KEY] = { ...((out[META_KEY] as Record<string, unknown> | undefined) ?? {}), ...Object.fromEntries(entries) };
  return out;
}
