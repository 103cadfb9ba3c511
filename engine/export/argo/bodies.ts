/**
 * A task body (shell, script, http, notify, call; DESIGN.md "Executors") as an Argo template:
 * shell and JavaScript run as `script` templates in placeholder images, http and webhooks as Argo
 * `http` templates (run by the agent, no pod), a subflow as a `templateRef` to the WorkflowTemplate
 * exported from that flow. Source: https://argo-workflows.readthedocs.io/en/latest/walk-through/scripts-and-results/,
 * …/http-template/ and …/workflow-templates/#referencing-other-workflowtemplates.
 */
import type { HttpSpec, Json, NotifySpec, StepId, TaskBody } from '../../model/flow.js';
import { ArgoExportCode } from './codes.js';
import type { ArgoParameter, ArgoTemplate, ExportContext } from './context.js';
import { toDnsLabel } from '../../interop/argo/names.js';
import type { TextRewriter } from './text.js';

/** Image for shell steps: a small POSIX shell. A placeholder: the command may need more tools. */
export const SHELL_IMAGE = 'alpine:3';
/** Image for JavaScript steps. */
export const NODE_IMAGE = 'node:20-alpine';

/** What a body becomes: a template of its own, or a reference to another WorkflowTemplate. */
export type BodyTarget =
  | { kind: 'template'; template: ArgoTemplate }
  | { kind: 'ref'; templateRef: { name: string; template: string }; parameters: ArgoParameter[] };

/** The Argo form of `body`, named `name`; findings name `step`. */
export function bodyTarget(ctx: ExportContext, text: TextRewriter, name: string, body: TaskBody, step: StepId): BodyTarget {
  const template = (fields: Partial<ArgoTemplate>): BodyTarget => ({ kind: 'template', template: { name, ...fields } });
  if (body.shell !== undefined) {
    const spec = typeof body.shell === 'string' ? { command: body.shell } : body.shell;
    const { source, env } = text.shell(spec.command);
    const vars = [...env, ...Object.entries(spec.env ?? {}).map(([k, v]) => ({ name: k, value: text.text(v) }))];
    ctx.report(ArgoExportCode.placeholderImage, step, `the shell command runs in the placeholder image ${SHELL_IMAGE}; choose an image that has the tools it calls`);
    return template({
      script: {
        image: SHELL_IMAGE,
        command: [spec.shell ?? 'sh'],
        source,
        ...(spec.cwd === undefined ? {} : { workingDir: text.text(spec.cwd) }),
        ...(vars.length ? { env: vars } : {}),
      },
    });
  }
  if (body.script !== undefined) {
    const spec = typeof body.script === 'string' ? { code: body.script } : body.script;
    ctx.report(
      ArgoExportCode.placeholderImage,
      step,
      `the script runs with node in the placeholder image ${NODE_IMAGE}, without Flowsmith's sandbox and without the $input/$vars/$steps bindings; pass what it needs as parameters`,
    );
    return template({
      script: {
        image: NODE_IMAGE,
        command: ['node'],
        source: nodeSource(spec.code),
        ...(spec.memoryMb === undefined ? {} : { resources: { limits: { memory: `${spec.memoryMb}Mi` } } }),
      },
    });
  }
  if (body.http !== undefined) return template({ http: httpTemplate(text, body.http) });
  if (body.notify !== undefined) return notifyTarget(ctx, text, name, body.notify, step);
  if (body.call !== undefined) return callTarget(ctx, text, body.call, step);
  return template({ script: { image: SHELL_IMAGE, command: ['sh'], source: 'echo "this step had no executor" >&2; exit 1' } });
}

/** Runs the step's code as an async function body and prints its value as JSON (its Argo result). */
function nodeSource(code: string): string {
  return [
    '// Flowsmith script step: the code below is the body of an async function; its value is the output.',
    'const step = async () => {',
    code,
    '};',
    'step().then((value) => { if (value !== undefined) process.stdout.write(JSON.stringify(value)); },',
    '  (err) => { console.error(err); process.exit(1); });',
  ].join('\n');
}

/** An Argo http template; expectStatus becomes a successCondition on response.statusCode. */
export function httpTemplate(text: TextRewriter, spec: HttpSpec): Record<string, unknown> {
  const out: Record<string, unknown> = { url: text.text(spec.url) };
  if (spec.method !== undefined) out['method'] = spec.method.toUpperCase();
  const headers = Object.entries(spec.headers ?? {}).map(([name, value]) => ({ name, value: text.text(value) }));
  if (headers.length) out['headers'] = headers;
  if (spec.body !== undefined) out['body'] = bodyText(text.json(spec.body));
  if (spec.expectStatus?.length) {
    out['successCondition'] = spec.expectStatus.map((s) => `response.statusCode == ${s}`).join(' || ');
  }
  return out;
}

function bodyText(body: Json): string {
  return typeof body === 'string' ? body : JSON.stringify(body);
}

/** A webhook notification as an http POST in the notify format's shape; a desktop one only logs. */
function notifyTarget(ctx: ExportContext, text: TextRewriter, name: string, spec: NotifySpec, step: StepId): BodyTarget {
  const title = text.text(spec.title ?? '');
  const message = text.text(spec.message ?? '');
  const echo = `printf '%s\\n' "$FLOWSMITH_TITLE" "$FLOWSMITH_MESSAGE"`;
  if (spec.webhook === undefined) {
    ctx.report(ArgoExportCode.notify, step, 'a desktop notification has no Argo equivalent; the step prints the message to its log instead');
    return {
      kind: 'template',
      template: {
        name,
        script: { image: SHELL_IMAGE, command: ['sh'], source: echo, env: [{ name: 'FLOWSMITH_TITLE', value: title }, { name: 'FLOWSMITH_MESSAGE', value: message }] },
      },
    };
  }
  if (spec.desktop === true) {
    ctx.report(ArgoExportCode.notify, step, 'the desktop half of this notification has no Argo equivalent; only the webhook is called');
  }
  // The same body shapes as engine/executors/notify-formats.ts webhookBody.
  const format = spec.format ?? 'generic';
  const full = title === '' ? message : format === 'slack' ? `*${title}*\n${message}` : `${title}\n${message}`;
  const body: Json =
    format === 'slack'
      ? { text: full }
      : format === 'dingtalk'
        ? { msgtype: 'text', text: { content: full } }
        : { title, message, run: '{{workflow.name}}', step, flow: ctx.flow.name };
  const http = {
    method: 'POST',
    url: text.text(spec.webhook),
    headers: [{ name: 'Content-Type', value: 'application/json; charset=utf-8' }],
    body: JSON.stringify(body),
  };
  return { kind: 'template', template: { name, http } };
}

/** A subflow: a templateRef to the `main` template of the WorkflowTemplate named after the flow file. */
function callTarget(ctx: ExportContext, text: TextRewriter, call: NonNullable<TaskBody['call']>, step: StepId): BodyTarget {
  const spec = typeof call === 'string' ? { flow: call } : call;
  const file = spec.flow.split(/[\\/]/).pop() ?? spec.flow;
  const name = toDnsLabel(file.replace(/\.(flow\.)?ya?ml$/i, ''), 'subflow');
  const input = spec.input;
  const parameters: ArgoParameter[] =
    input !== null && typeof input === 'object' && !Array.isArray(input)
      ? Object.entries(input).map(([k, v]) => ({ name: k, value: bodyText(text.json(v)) }))
      : [];
  if (input !== undefined && parameters.length === 0) {
    ctx.report(ArgoExportCode.subflow, step, 'the subflow input is not an object of named values, so it was not passed');
  }
  ctx.report(ArgoExportCode.subflow, step, `the subflow ${spec.flow} is called as templateRef ${name}/main: export that flow to Argo too and apply it as WorkflowTemplate "${name}"`);
  return { kind: 'ref', templateRef: { name, template: 'main' }, parameters };
}
