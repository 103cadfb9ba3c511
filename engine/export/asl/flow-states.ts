/**
 * Branch, wait, succeed and fail steps as ASL Choice, Wait, Succeed and Fail states
 * (https://states-language.net/spec.html "Choice State", "Wait State", "Succeed State", "Fail State").
 */
import type { BranchStep, FailStep, SucceedStep, WaitStep } from '../../model/flow.js';
import { quoteStepIds } from '../../expr/evaluate.js';
import jsonata from 'jsonata';
import { AslExportCode } from './codes.js';
import type { AslState } from './context.js';
import { wholeSeconds } from './errors.js';
import { braced, plainString, templateToAsl, toAslExpression } from './expressions.js';
import { assignOf, reportUnsupported, type StepSite } from './steps.js';

/**
 * A branch as a Choice with one JSONata `Condition` per case. Native cases match only when `when`
 * is exactly true (runtime/driver.ts), while an ASL Condition must be a boolean, so a condition that
 * is not visibly boolean is written `(when) = true`. No default and no match fails with
 * States.NoChoiceMatched, as the native NoChoice error.
 */
export function branchState(step: BranchStep, site: StepSite): AslState {
  const { ctx, builder } = site;
  reportUnsupported(step, site, []);
  const choices = step.cases.map((c, i) => {
    const condition = toAslExpression(c.when, { ...site, field: `cases[${i}].when` }, ctx);
    return { Condition: braced(isBoolean(c.when) ? condition : `(${condition}) = true`), Next: builder.target(c.next) };
  });
  const state: AslState = { Type: 'Choice', Choices: choices };
  if (step.default !== undefined) state['Default'] = builder.target(step.default);
  if (step.set) Object.assign(state, assignOf(step.set, 'null', site));
  return state;
}

/** A wait as a Wait state: `duration` → Seconds (whole seconds), `until` → a JSONata Timestamp. */
export function waitState(step: WaitStep, site: StepSite): AslState {
  const { ctx, builder } = site;
  reportUnsupported(step, site, ['next']);
  const state: AslState = { Type: 'Wait' };
  if (step.duration !== undefined) {
    state['Seconds'] = wholeSeconds(step.duration, site.step, 'duration', ctx, 0) ?? 0;
  } else {
    state['Timestamp'] = braced(toAslExpression(step.until ?? 'null', { ...site, field: 'until' }, ctx));
  }
  if (step.set) Object.assign(state, assignOf(step.set, 'null', site));
  return { ...state, ...builder.transition(step.next) };
}

/** A succeed step as a Succeed state (it ends the path; a `next` would never be taken). */
export function succeedState(step: SucceedStep, site: StepSite): AslState {
  reportUnsupported(step, site, []);
  if (step.set) site.ctx.report(AslExportCode.unsupportedField, site.step, 'set on a succeed step has no place in an ASL Succeed state; not exported');
  return { Type: 'Succeed' };
}

/** A fail step as a Fail state: error → Error (`Failed` when unset, as natively), message → Cause. */
export function failState(step: FailStep, site: StepSite): AslState {
  reportUnsupported(step, site, []);
  if (step.set) site.ctx.report(AslExportCode.unsupportedField, site.step, 'set on a fail step has no place in an ASL Fail state; not exported');
  const message = step.message ?? `${site.step} failed the run`;
  return { Type: 'Fail', Error: plainString(step.error ?? 'Failed'), Cause: templateToAsl(message, { ...site, field: 'message' }, site.ctx) };
}

/** Operators and functions whose value is always a boolean (JSONata "Comparison/Boolean operators"). */
const BOOLEAN_OPS = new Set(['=', '!=', '<', '<=', '>', '>=', 'and', 'or', 'in']);
const BOOLEAN_FUNCTIONS = new Set(['not', 'exists', 'contains', 'boolean']);

/** True when the expression's top operator always yields a boolean (comparison, and/or, $not, $exists…). */
function isBoolean(expr: string): boolean {
  let node: { type?: string; value?: unknown; expressions?: unknown[]; procedure?: { type?: string; value?: unknown } };
  try {
    node = jsonata(quoteStepIds(expr)).ast() as typeof node;
  } catch {
    return false;
  }
  while (node.type === 'block' && node.expressions?.length === 1) node = node.expressions[0] as typeof node;
  if (node.type === 'binary') return BOOLEAN_OPS.has(String(node.value));
  if (node.type === 'value') return typeof node.value === 'boolean';
  if (node.type === 'function') return node.procedure?.type === 'variable' && BOOLEAN_FUNCTIONS.has(String(node.procedure.value));
  return false;
}
