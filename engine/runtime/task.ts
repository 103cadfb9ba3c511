/**
 * Runs one attempt of a task step's executor: interpolates the body, calls the executor, applies
 * `output` and `set` (DESIGN.md "Executors", "Expressions"). Effects live here and in driver.ts only.
 */
import { evaluateExpression, interpolateJson, interpolateShell, interpolateString } from '../expr/index.js';
import { runHttp } from '../executors/http.js';
import { runShell } from '../executors/shell.js';
import type { ExecContext } from '../executors/index.js';
import { StepFailure } from '../executors/index.js';
import type { HttpSpec, Json, JsonObject, Step, TaskBody } from '../model/flow.js';
import { taskExecutor } from '../model/flow.js';
import type { Bindings } from '../expr/index.js';

/** Executes the body of a task (or a compensation) and returns its raw output. Throws StepFailure. */
export async function runTaskBody(body: TaskBody, bindings: Bindings, ctx: ExecContext): Promise<Json> {
  const executor = taskExecutor(body);
  switch (executor) {
    case 'shell': {
      const spec = typeof body.shell === 'string' ? { command: body.shell } : body.shell!;
      const { command, env } = await interpolateShell(spec.command, bindings);
      const cwd = spec.cwd === undefined ? undefined : String(await interpolateString(spec.cwd, bindings));
      return runShell({ ...spec, command, cwd, env: { ...stepEnv(ctx), ...spec.env, ...env } }, ctx);
    }
    case 'http': {
      const spec = (await interpolateJson(body.http as unknown as Json, bindings)) as unknown as HttpSpec;
      return runHttp(spec, ctx);
    }
    default:
      // script, notify and call arrive with issue #3.
      throw new StepFailure('Unsupported', `the ${executor ?? 'missing'} executor is not supported yet`);
  }
}

function stepEnv(ctx: ExecContext): Record<string, string> {
  return { FLOWSMITH_WORKDIR: ctx.workdir, FLOWSMITH_RUN_ID: ctx.runId, FLOWSMITH_STEP: ctx.step };
}

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
  const vars: JsonObject = {};
  const after = { ...bindings, vars: { ...bindings.vars } };
  for (const [name, expr] of Object.entries(step.set)) {
    vars[name] = await evaluateExpression(expr, after, output);
    after.vars[name] = vars[name] as Json;
  }
  return { output, vars };
}
