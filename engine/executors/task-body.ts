/**
 * Runs one attempt of a task step's executor: interpolates the body and calls the executor
 * (DESIGN.md "Executors", "Expressions"). The runtime never imports this file: the service passes
 * `realTasks` to the driver as DriverDeps.tasks (issue #10: the runtime knows the executors only
 * through runtime/task-runner.ts's TaskRunner interface).
 */
import { interpolateEnv, interpolateJson, interpolateShell, interpolateString, interpolateUrl, valueToText } from '../expr/index.js';
import type { Bindings } from '../expr/index.js';
import type { HttpSpec, Json, JsonObject, NotifySpec, TaskBody } from '../model/flow.js';
import { taskExecutor } from '../model/flow.js';
import type { TaskRunner } from '../runtime/task-runner.js';
import { StepFailure, type ExecContext } from './context.js';
import { runHttp } from './http.js';
import { runNotify, type NotifyRequest } from './notify.js';
import { runScript, type ScriptInput } from './script.js';
import { runShell } from './shell.js';
import { httpInput, shellInput } from '../runtime/step-input.js';

/**
 * Executes the body of a task (or a compensation) and returns its raw output. Throws StepFailure.
 * `{{ }}` are interpolated in shell, http and notify (message, title, webhook) fields; never in
 * script code, which reads the same bindings as `$input`, `$vars`, … (script.ts ScriptInput).
 */
export async function runTaskBody(body: TaskBody, bindings: Bindings, ctx: ExecContext): Promise<Json> {
  try {
    return await runBody(body, bindings, ctx);
  } finally {
    ctx.flushLog?.(); // the log's held-back end (redact-stream.ts), once the executor is done
  }
}

async function runBody(body: TaskBody, bindings: Bindings, ctx: ExecContext): Promise<Json> {
  const executor = taskExecutor(body);
  switch (executor) {
    case 'shell': {
      const spec = typeof body.shell === 'string' ? { command: body.shell } : body.shell!;
      const { command, env } = await interpolateShell(spec.command, bindings);
      const cwd = spec.cwd === undefined ? undefined : String(await interpolateString(spec.cwd, bindings));
      const stepVars = spec.env === undefined ? {} : await interpolateEnv(spec.env, bindings); // values, never command text (#11 item 14)
      ctx.recordInput?.(shellInput(command, env, cwd, stepVars));
      return runShell({ ...spec, command, cwd, env: { ...stepEnv(ctx), ...stepVars, ...env } }, ctx);
    }
    case 'http': {
      const { url, ...rest } = body.http!;
      // The URL apart: inserted values are percent-encoded there (issue #11 item 6, expr/url.ts).
      const spec = { ...((await interpolateJson(rest as unknown as Json, bindings)) as object), url: await interpolateUrl(url, bindings) } as HttpSpec;
      ctx.recordInput?.(httpInput(spec));
      return runHttp(spec, ctx);
    }
    case 'script': {
      const spec = typeof body.script === 'string' ? { code: body.script } : body.script!;
      const input = scriptInput(bindings);
      ctx.recordInput?.({ script: { bindings: input as unknown as Json } });
      return runScript({ code: spec.code, memoryMb: spec.memoryMb, input }, ctx);
    }
    case 'notify': {
      const request = await notifyRequest(body.notify!, bindings);
      ctx.recordInput?.({ notify: request as unknown as Json });
      return runNotify(request, ctx);
    }
    default:
      // call arrives with issue #3.
      throw new StepFailure('Unsupported', `the ${executor ?? 'missing'} executor is not supported yet`);
  }
}

function stepEnv(ctx: ExecContext): Record<string, string> {
  const env: Record<string, string> = { FLOWSMITH_WORKDIR: ctx.workdir, FLOWSMITH_RUN_ID: ctx.runId, FLOWSMITH_STEP: ctx.step };
  if (ctx.callbackToken !== undefined) env.FLOWSMITH_CALLBACK_TOKEN = ctx.callbackToken;
  return env;
}

/** The bindings as a script sees them: JSON only (no `now`), absent ones null. */
function scriptInput(b: Bindings): ScriptInput {
  const { id, flow, workdir, startedAt } = b.run;
  const run: JsonObject = { id, flow };
  if (workdir !== undefined) run.workdir = workdir;
  if (startedAt !== undefined) run.startedAt = startedAt;
  const input: ScriptInput = { input: b.input, vars: b.vars, steps: b.steps, run, item: b.item ?? null, index: b.index ?? null, error: b.error ?? null };
  if (b.callback !== undefined) input.callback = { token: b.callback.token };
  return input;
}

/** A notify body with its message, title and webhook interpolated (values as text), plus the flow name. */
async function notifyRequest(spec: NotifySpec, bindings: Bindings): Promise<NotifyRequest> {
  const text = async (template: string) => valueToText(await interpolateString(template, bindings));
  const request: NotifyRequest = { ...spec, message: await text(spec.message ?? ''), flow: bindings.run.flow };
  if (spec.title !== undefined) request.title = await text(spec.title);
  if (spec.webhook !== undefined) request.webhook = await interpolateUrl(spec.webhook, bindings); // encoded as http URLs are (#11 item 6)
  return request;
}

/** The real executors as a driver's TaskRunner (DriverDeps.tasks); the host passes it for real runs. */
export const realTasks: TaskRunner = { run: runTaskBody, compensate: runTaskBody };
