/**
 * Flow-level settings beside the inputs: vars (name → value, string values may hold
 * `{{ expressions }}`), defaults (timeout, retry for every step that sets none) and cron triggers
 * (cron, timezone, input). The schema's trigger has only `cron`, `timezone` and `input`.
 */
import type { Flow, Json, RetryPolicy, Trigger } from '../../engine/model/flow';
import { useAppStore, useAppStoreApi } from '../app-context';
import { RetryFields } from './CommonFields';
import { invalid, JsonField, MapField, Section, TextField } from './fields';
import { setFlowKey, setKey } from './use-step-edit';

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
  const vars = useAppStore((s) => s.flow?.vars);
  const edit = useFlowEdit();
  return (
    <Section title="Variables">
      <MapField<Json> label="Var" value={vars} newValue="" newName="var" mono valuePlaceholder='shop, 3, or {{ $input.app }}'
        parse={(t) => parseVar(t) ?? invalid} format={(v) => (typeof v === 'string' ? v : JSON.stringify(v))}
        onChange={(next, field) => edit(`vars:${field}`, (f) => setFlowKey(f, 'vars', next))} />
    </Section>
  );
}

/** Defaults for every step: timeout and retry. */
export function FlowDefaults() {
  const defaults = useAppStore((s) => s.flow?.defaults);
  const edit = useFlowEdit();
  const setDefaults = (field: string, key: 'timeout' | 'retry', value: string | RetryPolicy | undefined) =>
    edit(`defaults.${field}`, (f) => {
      const next = setKey(f.defaults ?? {}, key, value);
      return setFlowKey(f, 'defaults', Object.keys(next).length ? next : undefined);
    });
  return (
    <Section title="Defaults">
      <TextField label="Default timeout" value={defaults?.timeout} placeholder="10m" onCommit={(v) => setDefaults('timeout', 'timeout', v)} />
      <RetryFields retry={defaults?.retry} prefix="Default " onChange={(field, next) => setDefaults(field, 'retry', next)} />
    </Section>
  );
}

/** Cron triggers: when the flow starts by itself, with which input. */
export function FlowTriggers() {
  const triggers = useAppStore((s) => s.flow?.triggers);
  const edit = useFlowEdit();
  const list = triggers ?? [];
  const setList = (field: string, next: Trigger[]) => edit(`triggers.${field}`, (f) => setFlowKey(f, 'triggers', next.length ? next : undefined));
  const setAt = (i: number, field: string, t: Trigger) => setList(`${i}.${field}`, list.map((x, j) => (j === i ? t : x)));
  return (
    <Section title="Triggers"
      actions={<button type="button" className="btn small" onClick={() => setList('add', [...list, { cron: '0 23 * * *' }])}>Add cron trigger</button>}>
      {list.length === 0 && <p className="muted">Runs start only when someone starts them.</p>}
      {list.map((t, i) => (
        <div className="case-row" key={i} role="group" aria-label={`Trigger ${i + 1}`}>
          <div className="row">
            <TextField label={`Trigger ${i + 1} cron`} mono value={t.cron} placeholder="0 23 * * *"
              onCommit={(v) => setAt(i, 'cron', { ...t, cron: v ?? '' })} />
            <button type="button" className="btn small danger" aria-label={`Remove trigger ${i + 1}`}
              onClick={() => setList('remove', list.filter((_, j) => j !== i))}>
              ✕
            </button>
          </div>
          <TextField label={`Trigger ${i + 1} timezone`} value={t.timezone} placeholder="Asia/Shanghai (default: this machine's)"
            onCommit={(v) => setAt(i, 'timezone', setKey(t, 'timezone', v))} />
          <JsonField label={`Trigger ${i + 1} input (JSON)`} multiline value={t.input} placeholder='{"environment": "staging"}'
            onCommit={(v) => setAt(i, 'input', setKey(t, 'input', v))} />
        </div>
      ))}
    </Section>
  );
}
