/**
 * The work of a native task (shell, http, script, notify, call; DESIGN.md "Step types") as a
 * Serverless Workflow task: `run.shell`, `call: http`, `run.script`, `emit`, `run.workflow`
 * (dsl-reference.md "Run", "Call", "Emit"). Also returns the jq that reshapes the SW result into the
 * native output shape, which the exporter applies only when something reads the output.
 */
import type { Json, NotifySpec, ShellSpec, StepId, TaskBody } from '../../model/flow.js';
import { taskExecutor } from '../../model/flow.js';
import { SwExportCode } from './codes.js';
import type { ExportContext, SwTask } from './context.js';
import { EVENT_SOURCE, NOTIFY_EVENT, SW_FLOW_VERSION, SW_NAMESPACE } from '../../interop/serverless-workflow/conventions.js';
import { shellQuote, shellToSw } from './shell-command.js';
import { jsonToSw, templateToSw, type ValueContext } from './values.js';
import { HTTP_OUTPUT, SHELL_OUTPUT } from '../../interop/serverless-workflow/conventions.js';

/**
 * An SW task for a body, and the jq (input: the SW result) giving the native output shape, with the
 * change to the task that jq needs (`return: all`, `output: response`), made only when it is used.
 */
export interface SwBody {
  task: SwTask;
  normalize?: { jq: string; prepare: () => void };
}

/** Converts a task body. Findings for every approximation go to `ctx` under `step`. */
export function bodyToSw(body: TaskBody, step: StepId, ctx: ExportContext, values: ValueContext): SwBody {
  const executor = taskExecutor(body);
  switch (executor) {
    case 'shell':
      return shellBody(typeof body.shell === 'string' ? { command: body.shell } : body.shell!, step, ctx, values);
    case 'http': {
      const http = body.http!;
      const expected = http.expectStatus;
      if (expected !== undefined && !isAny2xx(expected)) {
        ctx.report(SwExportCode.httpApproximated, step, `expectStatus [${expected.join(', ')}] is not expressible: SW raises a communication error for any status outside 2xx`);
      }
      const args: Record<string, unknown> = { method: (http.method ?? 'GET').toLowerCase(), endpoint: templateToSw(http.url, values) };
      if (http.headers !== undefined) args['headers'] = jsonToSw(http.headers, values);
      if (http.body !== undefined) args['body'] = jsonToSw(http.body, values);
      const prepare = () => void (args['output'] = 'response');
      return { task: { call: 'http', with: args }, normalize: { jq: HTTP_OUTPUT, prepare } };
    }
    case 'script': {
      const script = typeof body.script === 'string' ? { code: body.script } : body.script!;
      const limit = 'memoryMb' in script && script.memoryMb !== undefined ? `; the ${script.memoryMb} MiB memory limit is not expressible` : '';
      ctx.report(
        SwExportCode.processApproximated,
        step,
        `script runs as run.script (language js), where $input, $vars and $steps are not defined and the output is what the code prints, not its last value: adapt the code${limit}`,
      );
      return { task: { run: { script: { language: 'js', code: script.code } } } };
    }
    case 'notify':
      return notifyBody(body.notify!, step, ctx, values);
    case 'call': {
      const call = typeof body.call === 'string' ? { flow: body.call } : body.call!;
      const name = subflowName(call.flow);
      const workflow: Record<string, unknown> = { namespace: SW_NAMESPACE, name, version: SW_FLOW_VERSION };
      if (call.input !== undefined) {
        const input = jsonToSw(call.input as Json, values);
        if (input !== null && typeof input === 'object' && !Array.isArray(input)) workflow['input'] = input;
        else {
          workflow['input'] = { input };
          ctx.report(SwExportCode.documentApproximated, step, 'the subflow input is not an object, which SW requires: it is passed as {input: …}');
        }
      }
      ctx.report(
        SwExportCode.subflowReference,
        step,
        `the subflow ${call.flow} runs as run.workflow ${SW_NAMESPACE}/${name} version ${SW_FLOW_VERSION}: export that flow too and deploy it under this name`,
        { severity: 'info' },
      );
      return { task: { run: { workflow } } };
    }
    default:
      ctx.report(SwExportCode.fieldDropped, step, 'the task has no shell, http, script, notify or call: exported as a no-op wait');
      return { task: { wait: 'PT0S' } };
  }
}

function shellBody(spec: ShellSpec, step: StepId, ctx: ExportContext, values: ValueContext): SwBody {
  // SW's shell process has no working folder: change into it first, and stop if that fails.
  const text = spec.cwd === undefined ? spec.command : `cd ${shellQuote(spec.cwd)} || exit 1\n${spec.command}`;
  const { command, environment } = shellToSw(text, values);
  if (spec.shell !== undefined) {
    ctx.report(SwExportCode.processApproximated, step, `the command runs in the runtime's shell, not ${spec.shell}`);
  }
  const env: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(spec.env ?? {})) env[k] = templateToSw(v, values);
  Object.assign(env, environment);
  const shell: Record<string, unknown> = { command };
  if (Object.keys(env).length > 0) shell['environment'] = env;
  const run: Record<string, unknown> = { shell };
  // `return: all` gives {code, stdout, stderr}, from which SHELL_OUTPUT builds the native output.
  const prepare = () => void (run['return'] = 'all');
  return { task: { run }, normalize: { jq: SHELL_OUTPUT, prepare } };
}

/**
 * A notification: the webhook becomes `call: http` POST with the body of its `format` (engine/
 * executors/notify.ts: generic `{title, message, run, step, flow}`, slack `{text}`, dingtalk
 * `{msgtype, text: {content}}`); a desktop notification, which SW cannot show, becomes an event.
 */
function notifyBody(notify: NotifySpec, step: StepId, ctx: ExportContext, values: ValueContext): SwBody {
  const title = templateToSw(notify.title ?? ctx.flow.name, values);
  const message = templateToSw(notify.message, values);
  const desktop = notify.desktop ?? notify.webhook === undefined;
  const event: SwTask = { emit: { event: { with: { source: EVENT_SOURCE, type: NOTIFY_EVENT, data: { title, message } } } } };
  if (desktop) {
    const also = notify.webhook === undefined ? '' : '; the webhook is still called';
    const instead = notify.webhook === undefined ? `it is emitted as a ${NOTIFY_EVENT} event for a listener to show` : 'it was not exported';
    ctx.report(SwExportCode.notifyAsEvent, step, `a desktop notification has no SW equivalent: ${instead}${also}`);
  }
  if (notify.webhook === undefined) return { task: event };
  let body: Json;
  switch (notify.format ?? 'generic') {
    case 'slack':
      body = { text: message };
      break;
    case 'dingtalk':
      body = { msgtype: 'text', text: { content: message } };
      ctx.report(SwExportCode.httpApproximated, step, 'DingTalk answers errors with status 200 and a non-zero errcode, which SW does not check', { severity: 'info' });
      break;
    default:
      body = { title, message, run: '${ $workflow.id }', step, flow: ctx.flow.name };
  }
  return { task: { call: 'http', with: { method: 'post', endpoint: templateToSw(notify.webhook, values), body } } };
}

/** `deploy/audit.yaml` → `audit`: the SW workflow name of a subflow file (kebab case, at most 63 characters). */
export function subflowName(path: string): string {
  const base = path.split(/[\\/]/).pop() ?? path;
  const name = base
    .replace(/\.(ya?ml|json)$/i, '')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  return name === '' ? 'subflow' : name;
}

function isAny2xx(codes: number[]): boolean {
  return codes.length === 100 && codes.every((c) => c >= 200 && c < 300);
}
