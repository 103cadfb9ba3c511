/**
 * Fields of a task body (schema `taskBody`): which executor it uses and that executor's fields —
 * shell (command, cwd, env, shell), http (method, url, headers, body, expectStatus), script (code,
 * memoryMb), notify (message, title, webhook, format, desktop), call (flow, input). Used for a task
 * step and for any step's `compensate`; `prefix` keeps the labels of the two apart.
 */
import type { HttpSpec, Json, NotifySpec, ShellSpec, TaskBody } from '../../engine/model/flow';
import { taskExecutor } from '../../engine/model/flow';
import { JsonField, ListField, MapField, NumberField, OptionalBoolField, SelectField, TextField } from './fields';
import { setKey } from './use-step-edit';

export type Executor = 'shell' | 'http' | 'script' | 'notify' | 'call';
export const executors: readonly Executor[] = ['shell', 'http', 'script', 'notify', 'call'];

const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;

/** A fresh body for an executor, as the palette would write it. */
export function defaultBody(executor: Executor): TaskBody {
  switch (executor) {
    case 'shell':
      return { shell: 'echo hello' };
    case 'http':
      return { http: { method: 'GET', url: 'http://127.0.0.1:8080/health' } };
    case 'script':
      return { script: 'return { ok: true };' };
    case 'notify':
      return { notify: { message: 'Hello' } };
    case 'call':
      return { call: { flow: 'subflow.yaml' } };
  }
}

/** Keeps the short form (`shell: "cmd"`, `script: "code"`, `call: "x.yaml"`) while only the main field is set. */
function compact<T extends object>(spec: T, main: keyof T): string | T {
  const extra = Object.keys(spec).filter((k) => k !== main);
  return extra.length === 0 ? (spec[main] as string) : spec;
}

/** Fields of `body`; `onChange(field, next)` receives the whole new body (field = coalesce name). */
export function TaskBodyFields({ body, onChange, prefix = '' }: { body: TaskBody; onChange: (field: string, next: TaskBody) => void; prefix?: string }) {
  const executor = taskExecutor(body);
  const set = <K extends keyof TaskBody>(key: K, field: string, value: TaskBody[K]) => onChange(`${prefix}${field}`, setKey(body, key, value));
  const L = (label: string) => (prefix ? `${prefix}${label.charAt(0).toLowerCase()}${label.slice(1)}` : label);
  return (
    <>
      <SelectField label={L('Executor')} value={executor} options={executors}
        onChange={(v) => {
          if (!v || v === executor) return;
          const rest = { ...body };
          for (const k of executors) delete rest[k];
          const fresh = v as Executor;
          onChange(`${prefix}executor`, setKey(rest, fresh, defaultBody(fresh)[fresh]));
        }} />
      {executor === 'shell' && <ShellFields spec={shellSpec(body)} L={L} onChange={(f, s) => set('shell', f, compact(s, 'command'))} />}
      {executor === 'http' && body.http && <HttpFields http={body.http} L={L} onChange={(f, h) => set('http', f, h)} />}
      {executor === 'script' && (
        <ScriptFields code={typeof body.script === 'string' ? body.script : (body.script?.code ?? '')}
          memoryMb={typeof body.script === 'object' ? body.script.memoryMb : undefined} L={L}
          onChange={(f, code, memoryMb) => set('script', f, compact(setKey({ code }, 'memoryMb', memoryMb), 'code'))} />
      )}
      {executor === 'notify' && body.notify && <NotifyFields spec={body.notify} L={L} onChange={(f, n) => set('notify', f, n)} />}
      {executor === 'call' && (
        <>
          <TextField label={L('Flow file')} mono value={typeof body.call === 'string' ? body.call : body.call?.flow}
            placeholder="other-flow.yaml" hint="Path of the flow to run, relative to this file."
            onCommit={(v) => set('call', 'call.flow', compact(setKey(callSpec(body), 'flow', v ?? ''), 'flow'))} />
          <JsonField label={L('Call input (JSON)')} multiline value={callSpec(body).input} placeholder='{"version": "{{ $input.version }}"}'
            onCommit={(v) => set('call', 'call.input', compact(setKey(callSpec(body), 'input', v), 'flow'))} />
        </>
      )}
    </>
  );
}

function shellSpec(body: TaskBody): ShellSpec {
  const sh = body.shell ?? '';
  return typeof sh === 'string' ? { command: sh } : sh;
}

function callSpec(body: TaskBody): { flow: string; input?: Json } {
  const c = body.call ?? '';
  return typeof c === 'string' ? { flow: c } : c;
}

type Labeller = (label: string) => string;

function ShellFields({ spec, onChange, L }: { spec: ShellSpec; onChange: (field: string, s: ShellSpec) => void; L: Labeller }) {
  return (
    <>
      <TextField label={L('Shell command')} mono multiline value={spec.command}
        onCommit={(v) => onChange('shell.command', { ...spec, command: v ?? '' })} />
      <TextField label={L('Working folder')} value={spec.cwd} placeholder="the run's folder"
        onCommit={(v) => onChange('shell.cwd', setKey(spec, 'cwd', v))} />
      <TextField label={L('Shell program')} mono value={spec.shell} placeholder="/bin/sh"
        onCommit={(v) => onChange('shell.shell', setKey(spec, 'shell', v))} />
      <MapField label={L('Env')} value={spec.env} newValue="" newName="VAR" mono valuePlaceholder="{{ $input.version }}"
        namePattern={/^[A-Za-z_][A-Za-z0-9_]*$/}
        onChange={(env, field) => onChange(`shell.${field}`, setKey(spec, 'env', env))} />
    </>
  );
}

function HttpFields({ http, onChange, L }: { http: HttpSpec; onChange: (field: string, h: HttpSpec) => void; L: Labeller }) {
  return (
    <>
      <SelectField label={L('HTTP method')} value={http.method ?? 'GET'} options={methods}
        onChange={(v) => onChange('http.method', setKey(http, 'method', v))} />
      <TextField label={L('URL')} mono value={http.url} onCommit={(v) => onChange('http.url', { ...http, url: v ?? '' })} />
      <MapField label={L('Headers')} value={http.headers} newValue="" newName="X-Header-" mono namePattern={/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/}
        onChange={(headers, field) => onChange(`http.${field}`, setKey(http, 'headers', headers))} />
      <JsonField label={L('Request body (JSON)')} multiline value={http.body}
        onCommit={(v) => onChange('http.body', setKey(http, 'body', v))} />
      <ListField label={L('Expected status')} value={(http.expectStatus ?? []).map(String)} placeholder="200, 201 (default: any 2xx)"
        onCommit={(v) => {
          const codes = v.map(Number).filter((n) => Number.isInteger(n) && n >= 100 && n <= 599);
          onChange('http.expectStatus', setKey(http, 'expectStatus', codes.length ? codes : undefined));
        }} />
    </>
  );
}

function ScriptFields(p: { code: string; memoryMb: number | undefined; onChange: (field: string, code: string, memoryMb: number | undefined) => void; L: Labeller }) {
  return (
    <>
      <TextField label={p.L('Script code')} mono multiline value={p.code} placeholder="return { ok: $input.version !== undefined };"
        hint="JavaScript; reads $input, $vars, $steps; returns the output."
        onCommit={(v) => p.onChange('script.code', v ?? '', p.memoryMb)} />
      <NumberField label={p.L('Memory limit (MiB)')} value={p.memoryMb} placeholder="64"
        onCommit={(v) => p.onChange('script.memoryMb', p.code, v)} />
    </>
  );
}

function NotifyFields({ spec, onChange, L }: { spec: NotifySpec; onChange: (field: string, n: NotifySpec) => void; L: Labeller }) {
  return (
    <>
      <TextField label={L('Notification message')} multiline value={spec.message}
        onCommit={(v) => onChange('notify.message', { ...spec, message: v ?? '' })} />
      <TextField label={L('Notification title')} value={spec.title} placeholder="the flow's name"
        onCommit={(v) => onChange('notify.title', setKey(spec, 'title', v))} />
      <TextField label={L('Webhook URL')} mono value={spec.webhook} placeholder="https://hooks.slack.com/… or {{ $vars.hook }}"
        onCommit={(v) => onChange('notify.webhook', setKey(setKey(spec, 'webhook', v), 'format', v ? spec.format : undefined))} />
      {spec.webhook !== undefined && (
        <SelectField label={L('Webhook format')} value={spec.format} options={['generic', 'slack', 'dingtalk']} noneLabel="generic (default)"
          onChange={(v) => onChange('notify.format', setKey(spec, 'format', v))} />
      )}
      <OptionalBoolField label={L('Desktop notification')} value={spec.desktop}
        defaultLabel={spec.webhook ? 'default (no, with a webhook)' : 'default (yes)'}
        onChange={(v) => onChange('notify.desktop', setKey(spec, 'desktop', v))} />
    </>
  );
}
