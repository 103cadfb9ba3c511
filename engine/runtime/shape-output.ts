/**
 * A step's `output` and `set` (DESIGN.md "Expressions"): what a task or map step keeps of its raw
 * output, and the variables it assigns. Shared by real and simulated attempts.
 */
import { evaluateExpression } from '../expr/index.js';
import type { Bindings } from '../expr/index.js';
import type { Json, JsonObject, Step } from '../model/flow.js';
import { assignOwn } from './state.js';

/**
 * Applies a step's `output` expression (with `$` = the raw output) and its `set` assignments
 * (with `$` = the kept output). Throws ExpressionError, which the driver turns into a step failure.
 */
export async function shapeOutput(
  step: Step,
  raw: Json,
  bindings: Bindings,
): Promise<{ output: Json; vars?: JsonObject }> {
  const output = step.output ? await evaluateExpression(step.output, bindings, raw) : raw;
  if (!step.set) return { output };
  // Own properties, so a variable named `__proto__` or `constructor` is kept (#11 item 11).
  const vars: JsonObject = {};
  const after = { ...bindings, vars: assignOwn({} as JsonObject, bindings.vars) };
  for (const [name, expr] of Object.entries(step.set)) {
    const value = await evaluateExpression(expr, after, output);
    assignOwn(vars, { [name]: value });
    assignOwn(after.vars, { [name]: value });
  }
  return { output, vars };
}
