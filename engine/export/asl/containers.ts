/**
 * Parallel blocks and map steps as ASL Parallel and Map states (https://states-language.net/spec.html
 * "Parallel State", "Map State"). A native parallel and its join become one Parallel whose Branches
 * are the steps between them (plan.ts); a map's nested steps become an inline ItemProcessor.
 */
import type { JoinStep, MapStep, ParallelStep } from '../../model/flow.js';
import { AslExportCode } from './codes.js';
import type { AslState } from './context.js';
import { type AslCatcher, catchField } from './errors.js';
import { braced, toAslExpression } from './expressions.js';
import { MAP_ITEM_COMMENT } from '../../interop/asl/conventions.js';
import { outputFields, reportUnsupported, type StepSite } from './steps.js';

/**
 * A parallel and its join as one Parallel. ASL always waits for every branch, so join modes any
 * and count are reported (FS146). Branches that lead outside the block end with a Goto error
 * (machine.ts), caught here first; the parallel's own catch comes after them.
 */
export function parallelState(step: ParallelStep, site: StepSite): AslState {
  const { ctx, builder } = site;
  reportUnsupported(step, site, ['catch', 'output']);
  const join = builder.plan.scope[step.join] as JoinStep | undefined;
  if (join?.mode !== undefined && join.mode !== 'all') {
    const mode = typeof join.mode === 'object' ? `count ${join.mode.count}` : join.mode;
    ctx.report(AslExportCode.joinMode, step.join, `join "${step.join}" has mode ${mode}, but an ASL Parallel waits for every branch; exported as mode all`);
  }
  if (join) reportJoinFields(step.join, join, site);
  const branches = (ctx.plan.children.get(site.step) ?? []).map((plan) => builder.buildChild(plan));
  const escapes: AslCatcher[] = [];
  for (const { escapes: out } of branches) {
    for (const [to, error] of out) {
      if (!escapes.some((c) => c.ErrorEquals[0] === error)) escapes.push({ ErrorEquals: [error], Next: builder.target(to) });
    }
  }
  if (step.catch?.length) {
    ctx.report(
      AslExportCode.parallelCatch,
      site.step,
      'catch on a parallel: in ASL it also catches a failure of any branch (which stops the other branches), where Flowsmith fails the run unless the failing step catches it',
    );
  }
  const state: AslState = { Type: 'Parallel', Branches: branches.map((b) => b.machine) };
  Object.assign(state, outputFields(step, '$states.result', site).fields);
  Object.assign(state, builder.transition(join?.next));
  Object.assign(state, catchField(step.catch ?? [], 'container', site.step, ctx, (to) => builder.target(to), { first: escapes }));
  return state;
}

/**
 * A map as an inline Map: items → Items, concurrency → MaxConcurrency, the nested steps →
 * ItemProcessor. When the body reads `$item`/`$index` (or the `as` name), ItemSelector passes the
 * item and its index (from `$states.context.Map.Item`, AWS "ItemSelector") and a first Pass state
 * assigns them to variables, since ASL has no per-iteration binding otherwise.
 */
export function mapState(step: MapStep, site: StepSite): AslState {
  const { ctx, builder } = site;
  reportUnsupported(step, site, ['catch', 'output', 'next']);
  const body = ctx.plan.children.get(site.step)?.[0];
  const built = body ? builder.buildChild(body).machine : { StartAt: step.start, States: {} };
  const state: AslState = { Type: 'Map', Items: braced(toAslExpression(step.items, { ...site, field: 'items' }, ctx)) };
  if (body && ctx.itemUses.has(body.key)) {
    const names = ctx.itemVarNames(body.mapDepth);
    const init = ctx.stateName(`${site.step} (item)`);
    state['ItemSelector'] = { item: braced('$states.context.Map.Item.Value'), index: braced('$states.context.Map.Item.Index') };
    built.States = {
      [init]: {
        Type: 'Pass',
        Comment: MAP_ITEM_COMMENT,
        Assign: { [names.item]: braced('$states.input.item'), [names.index]: braced('$states.input.index') },
        Output: braced('$states.input.item'),
        Next: built.StartAt,
      },
      ...built.States,
    };
    built.StartAt = init;
  }
  state['ItemProcessor'] = { ProcessorConfig: { Mode: 'INLINE' }, ...built };
  if (step.concurrency !== undefined) state['MaxConcurrency'] = step.concurrency;
  Object.assign(state, outputFields(step, '$states.result', site).fields);
  Object.assign(state, builder.transition(step.next));
  Object.assign(state, catchField(step.catch ?? [], 'container', site.step, ctx, (to) => builder.target(to)));
  return state;
}

/** The join has no state of its own; its fields other than next and set are reported. */
function reportJoinFields(id: string, join: JoinStep, site: StepSite): void {
  for (const field of ['timeout', 'retry', 'catch', 'output', 'continueOnError', 'compensate', 'mock'] as const) {
    if (join[field] === undefined) continue;
    site.ctx.report(AslExportCode.unsupportedField, id, `${field} on a join has no place in ASL (the join is part of the Parallel "${site.step}"); not exported`);
  }
}
