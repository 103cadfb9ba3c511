/**
 * Flow-level settings beside the inputs: vars (name → value, string values may hold
 * `{{ expressions }}`), defaults (timeout, retry for every step that sets none) and cron triggers
 * (cron, timezone, input) and webhook triggers (name, secretEnv), each with a concurrency policy
 * (the trigger form is ScheduledTriggers.tsx TriggerFields).
 */
import { ScheduledTriggers, TriggerFields } from './ScheduledTriggers';
import type { Flow, Json, RetryPolicy, Trigger } from '../../engine/model/flow';
import { useAppStore, useAppStoreApi } from '../app-context';
import { RetryFields } from './CommonFields';
import { invalid, JsonField, MapField, Section, TextField } from './fields';
import { setFlowKey, setKey } from './use-step-edit';
import { useTranslation } from '../i18n';

function useFlowEdit() {
  const store = useAppStoreApi();
  return (field: string, fn: (f: Flow) => Flow) => store.getState().edit(fn, `flow:${field}`);
}

/** A var's value as typed: JSON for numbers, booleans, null, lists and objects; anything else is text. */
function parseVar(text: string): Json {
  const t = text.trim();
  if (/^(-?\d|true$|false$|null$|\[|\{)/.test(t)) {
    try {
      return JSON.parse(t) as Json;
    } catch {
      return text;
    }
  }
  return text;
}

/** Variables of the run and their initial values. */
export function FlowVars() {
  const { t } = useTranslation();
  const vars = useAppStore((s) => s.flow?.vars);
  const edit = useFlowEdit();
  return (
    <Section title={t('inspector.sections.variables')}>
      <MapField<Json> label={t('inspector.var')} value={vars} newValue="" newName="var" mono valuePlaceholder={t('inspector.varPlaceholder', { example: '{{ $input.app }}' })}
        parse={(t) => parseVar(t) ?? invalid} format={(v) => (typeof v === 'string' ? v : JSON.stringify(v))}
        onChange={(next, field) => edit(`vars:${field}`, (f) => setFlowKey(f, 'vars', next))} />
    </Section>
  );
}

/** Defaults for every step: timeout and retry. */
export function FlowDefaults() {
  const { t } = useTranslation();
  const defaults = useAppStore((s) => s.flow?.defaults);
  const edit = useFlowEdit();
  const setDefaults = (field: string, key: 'timeout' | 'retry', value: string | RetryPolicy | undefined) =>
    edit(`defaults.${field}`, (f) => {
      const next = setKey(f.defaults ?? {}, key, value);
      return setFlowKey(f, 'defaults', Object.keys(next).length ? next : undefined);
    });
  return (
    <Section title={t('inspector.sections.defaults')}>
      <TextField label={t('inspector.defaultTimeout')} value={defaults?.timeout} placeholder="10m" onCommit={(v) => setDefaults('timeout', 'timeout', v)} />
      <RetryFields retry={defaults?.retry} prefix={t('inspector.defaultPrefix')} onChange={(field, next) => setDefaults(field, 'retry', next)} />
    </Section>
  );
}

/** Cron and webhook triggers: when the flow starts by itself, with which input. */
export function FlowTriggers() {
  const { t } = useTranslation();
  const triggers = useAppStore((s) => s.flow?.triggers);
  const edit = useFlowEdit();
  const list = triggers ?? [];
  const setList = (field: string, next: Trigger[]) => edit(`triggers.${field}`, (f) => setFlowKey(f, 'triggers', next.length ? next : undefined));
  const setAt = (i: number, field: string, t: Trigger) => setList(`${i}.${field}`, list.map((x, j) => (j === i ? t : x)));
  return (
    <Section title={t('inspector.sections.triggers')}
      actions={<>
        <button type="button" className="btn small" onClick={() => setList('add', [...list, { cron: '0 23 * * *' }])}>{t('inspector.addTrigger')}</button>
        <button type="button" className="btn small" onClick={() => setList('add', [...list, { webhook: { name: `hook-${list.length + 1}`, secretEnv: 'FLOWSMITH_HOOK_SECRET' } }])}>{t('inspector.addWebhookTrigger')}</button>
      </>}>
      {list.length === 0 && <p className="muted">{t('inspector.noTriggers')}</p>}
      {list.length > 0 && <ScheduledTriggers />}
      {list.map((tr, i) => (
        <TriggerFields key={i} trigger={tr} index={i} onChange={(field, next) => setAt(i, field, next)}
          onRemove={() => setList('remove', list.filter((_, j) => j !== i))} />
      ))}
    </Section>
  );
}
