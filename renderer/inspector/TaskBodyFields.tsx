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
import { useTranslation } from '../i18n';

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
  const { t } = useTranslation();
  const executor = taskExecutor(body);
  const set = <K extends keyof TaskBody>(key: K, field: string, value: TaskBody[K]) => onChange(`${prefix}${field}`, setKey(body, key, value));
  const L = (label: string) => (prefix ? `${prefix}${label.charAt(0).toLowerCase()}${label.slice(1)}` : label);
  return (
    <>
      <SelectField label={L(t('inspector.sections.executor'))} value={executor} options={executors}
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
          <TextField label={L(t('inspector.flowFile'))} mono value={typeof body.call === 'string' ? body.call : body.call?.flow}
            placeholder="other-flow.yaml" hint={t('inspector.flowFileHint')}
            onCommit={(v) => set('call', 'call.flow', compact(setKey(callSpec(body), 'flow', v ?? ''), 'flow'))} />
          <JsonField label={L(t('inspector.callInput'))} multiline value={callSpec(body).input} placeholder='{"version": "{{ $input.version }}"}'
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
  const { t } = useTranslation();
  return (
    <>
      <TextField label={L(t('inspector.shellCommand'))} mono multiline value={spec.command}
        onCommit={(v) => onChange('shell.command', { ...spec, command: v ?? '' })} />
      <TextField label={L(t('inspector.workingFolder'))} value={spec.cwd} placeholder={t('inspector.runFolder')}
        onCommit={(v) => onChange('shell.cwd', setKey(spec, 'cwd', v))} />
      <TextField label={L(t('inspector.shellProgram'))} mono value={spec.shell} placeholder="/bin/sh"
        onCommit={(v) => onChange('shell.shell', setKey(spec, 'shell', v))} />
      <MapField label={L(t('inspector.env'))} value={spec.env} newValue="" newName="VAR" mono valuePlaceholder="{{ $input.version }}"
        namePattern={/^[A-Za-z_][A-Za-z0-9_]*$/}
        onChange={(env, field) => onChange(`shell.${field}`, setKey(spec, 'env', env))} />
    </>
  );
}

function HttpFields({ http, onChange, L }: { http: HttpSpec; onChange: (field: string, h: HttpSpec) => void; L: Labeller }) {
  const { t } = useTranslation();
  return (
    <>
      <SelectField label={L(t('inspector.httpMethod'))} value={http.method ?? 'GET'} options={methods}
        onChange={(v) => onChange('http.method', setKey(http, 'method', v))} />
      <TextField label={L(t('inspector.url'))} mono value={http.url} onCommit={(v) => onChange('http.url', { ...http, url: v ?? '' })} />
      <MapField label={L(t('inspector.headers'))} value={http.headers} newValue="" newName="X-Header-" mono namePattern={/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/}
        onChange={(headers, field) => onChange(`http.${field}`, setKey(http, 'headers', headers))} />
      <JsonField label={L(t('inspector.requestBody'))} multiline value={http.body}
        onCommit={(v) => onChange('http.body', setKey(http, 'body', v))} />
      <ListField label={L(t('inspector.expectedStatus'))} value={(http.expectStatus ?? []).map(String)} placeholder={t('inspector.expectedStatusPlaceholder')}
        onCommit={(v) => {
          const codes = v.map(Number).filter((n) => Number.isInteger(n) && n >= 100 && n <= 599);
          onChange('http.expectStatus', setKey(http, 'expectStatus', codes.length ? codes : undefined));
        }} />
    </>
  );
}

function ScriptFields(p: { code: string; memoryMb: number | undefined; onChange: (field: string, code: string, memoryMb: number | undefined) => void; L: Labeller }) {
  const { t } = useTranslation();
  return (
    <>
      <TextField label={p.L(t('inspector.scriptCode'))} mono multiline value={p.code} placeholder="return { ok: $input.version !== undefined };"
        hint={t('inspector.scriptHint')}
        onCommit={(v) => p.onChange('script.code', v ?? '', p.memoryMb)} />
      <NumberField label={p.L(t('inspector.memoryLimit'))} value={p.memoryMb} placeholder="64"
        onCommit={(v) => p.onChange('script.memoryMb', p.code, v)} />
    </>
  );
}

function NotifyFields({ spec, onChange, L }: { spec: NotifySpec; onChange: (field: string, n: NotifySpec) => void; L: Labeller }) {
  const { t } = useTranslation();
  return (
    <>
      <TextField label={L(t('inspector.notificationMessage'))} multiline value={spec.message}
        onCommit={(v) => onChange('notify.message', { ...spec, message: v ?? '' })} />
      <TextField label={L(t('inspector.notificationTitle'))} value={spec.title} placeholder={t('inspector.notificationTitlePlaceholder')}
        onCommit={(v) => onChange('notify.title', setKey(spec, 'title', v))} />
      <TextField label={L(t('inspector.webhookUrl'))} mono value={spec.webhook} placeholder={t('inspector.webhookPlaceholder', { example: '{{ $vars.hook }}' })}
        onCommit={(v) => onChange('notify.webhook', setKey(setKey(spec, 'webhook', v), 'format', v ? spec.format : undefined))} />
      {spec.webhook !== undefined && (
        <SelectField label={L(t('inspector.webhookFormat'))} value={spec.format} options={['generic', 'slack', 'dingtalk']} noneLabel={t('inspector.webhookFormatDefault')}
          onChange={(v) => onChange('notify.format', setKey(spec, 'format', v))} />
      )}
      <OptionalBoolField label={L(t('inspector.desktopNotification'))} value={spec.desktop}
        defaultLabel={spec.webhook ? t('inspector.desktopDefaultWebhook') : t('inspector.desktopDefault')}
        onChange={(v) => onChange('notify.desktop', setKey(spec, 'desktop', v))} />
    </>
  );
}
