/**
 * Labelled inputs for the inspector. Every input has a visible label (tests and screen readers
 * find fields by it). Text-like fields keep a local draft so that values the document normalises
 * (lists, numbers, empty = absent) stay typeable; the draft follows the document when it changes
 * from elsewhere (undo, rename).
 */
import { useDeferredValue, useEffect, useId, useState, type ReactNode } from 'react';
import type { Json } from '../../engine/model/flow';
import { useTranslation } from '../i18n';

interface DraftProps<T> {
  label: string;
  value: T;
  /** Text → value; return `invalid` to keep the draft without committing. */
  parse: (text: string) => T | typeof invalid;
  format: (value: T) => string;
  onCommit: (value: T) => void;
  placeholder?: string;
  multiline?: boolean;
  hint?: string;
  mono?: boolean;
}

/** Marker for drafts that do not parse (e.g. `abc` in a number field). */
export const invalid: unique symbol = Symbol('invalid');

/** A text input over any value type, committed on every keystroke that parses. */
export function DraftField<T>(p: DraftProps<T>) {
  const id = useId();
  const [draft, setDraft] = useState(() => p.format(p.value));
  const [isBad, setBad] = useState(false);
  const shown = p.format(p.value);
  useEffect(() => {
    const parsed = p.parse(draft);
    if (parsed === invalid || p.format(parsed) !== shown) {
      setDraft(shown);
      setBad(false);
    }
    // Only a change of the document's value re-syncs the draft; typing must not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shown]);
  const change = (text: string) => {
    setDraft(text);
    const parsed = p.parse(text);
    setBad(parsed === invalid);
    if (parsed !== invalid) p.onCommit(parsed);
  };
  const common = {
    id,
    value: draft,
    placeholder: p.placeholder,
    'aria-invalid': isBad || undefined,
    className: `${p.mono ? 'mono' : ''}${isBad ? ' is-bad' : ''}`,
  };
  return (
    <div className="field">
      <label htmlFor={id}>{p.label}</label>
      {p.multiline ? (
        <textarea {...common} wrap={p.mono ? 'off' : undefined} rows={Math.min(Math.max(draft.split('\n').length, 3), 12)} onChange={(e) => change(e.target.value)} />
      ) : (
        <input {...common} type="text" onChange={(e) => change(e.target.value)} />
      )}
      {p.hint && <div className="field-hint">{p.hint}</div>}
    </div>
  );
}

const same = (s: string) => s;

/** A string field; empty means absent (`undefined`). */
export function TextField(p: Omit<DraftProps<string | undefined>, 'parse' | 'format'>) {
  return <DraftField {...p} parse={(t) => (t === '' ? undefined : t)} format={(v) => same(v ?? '')} />;
}

/** A whole-number field; empty means absent. */
export function NumberField(p: Omit<DraftProps<number | undefined>, 'parse' | 'format'>) {
  return (
    <DraftField
      {...p}
      parse={(t) => (t.trim() === '' ? undefined : /^\d+$/.test(t.trim()) ? Number(t) : invalid)}
      format={(v) => (v === undefined ? '' : String(v))}
    />
  );
}

/** A comma-separated list field (`ops-manager, tech-lead`). */
export function ListField(p: Omit<DraftProps<string[]>, 'parse' | 'format'>) {
  return (
    <DraftField
      {...p}
      parse={(t) => t.split(',').map((s) => s.trim()).filter(Boolean)}
      format={(v) => v.join(', ')}
    />
  );
}

/** Longer option lists are rendered after the first paint (SelectField). */
const DEFER_OPTIONS_ABOVE = 50;
const NO_OPTIONS: readonly string[] = [];

/** A select; `''` stands for "none" when `noneLabel` is given. */
export function SelectField(p: {
  label: string;
  value: string | undefined;
  options: readonly string[];
  noneLabel?: string;
  onChange: (value: string | undefined) => void;
}) {
  const id = useId();
  const value = p.value ?? '';
  const all = value && !p.options.includes(value) ? [...p.options, value] : p.options;
  // A step list of a 1,000-step flow is 1,000 <option>s: drawn after the first paint, so opening
  // the flow or selecting a step does not wait for them (issue #8 point 6). The value is always there.
  const isLong = all.length > DEFER_OPTIONS_ABOVE;
  const deferred = useDeferredValue(isLong ? all : NO_OPTIONS, value ? [value] : NO_OPTIONS);
  const shown = isLong ? deferred : all;
  const options = !value || shown.includes(value) ? shown : [...shown, value];
  return (
    <div className="field">
      <label htmlFor={id}>{p.label}</label>
      <select id={id} value={value} onChange={(e) => p.onChange(e.target.value === '' ? undefined : e.target.value)}>
        {p.noneLabel !== undefined && <option value="">{p.noneLabel}</option>}
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A labelled checkbox. */
export function CheckField(p: { label: string; checked: boolean; onChange: (checked: boolean) => void }) {
  const id = useId();
  return (
    <div className="field check">
      <input id={id} type="checkbox" checked={p.checked} onChange={(e) => p.onChange(e.target.checked)} />
      <label htmlFor={id}>{p.label}</label>
    </div>
  );
}

/** A titled group of fields. */
export function Section(p: { title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <section className="inspector-section">
      <header>
        <h4>{p.title}</h4>
        {p.actions}
      </header>
      {p.children}
    </section>
  );
}

/** A JSON value field (request body, mock output, call input); empty means absent. */
export function JsonField(p: Omit<DraftProps<Json | undefined>, 'parse' | 'format'>) {
  return (
    <DraftField
      {...p}
      mono
      parse={(t) => {
        if (t.trim() === '') return undefined;
        try {
          return JSON.parse(t) as Json;
        } catch {
          return invalid;
        }
      }}
      format={(v) => (v === undefined ? '' : JSON.stringify(v, null, 2))}
    />
  );
}

/** A number field that takes decimals (retry multiplier); empty means absent. */
export function DecimalField(p: Omit<DraftProps<number | undefined>, 'parse' | 'format'>) {
  return (
    <DraftField
      {...p}
      parse={(t) => (t.trim() === '' ? undefined : Number.isFinite(Number(t)) ? Number(t) : invalid)}
      format={(v) => (v === undefined ? '' : String(v))}
    />
  );
}

/**
 * A text input that commits on Enter or leaving the field, not per keystroke: for names that other
 * parts refer to (a variable or property name), where every intermediate spelling would be an edit.
 * Escape restores the value. `check` returns a problem to show instead of committing.
 */
export function CommitField(p: {
  label: string;
  value: string;
  onCommit: (value: string) => void;
  check?: (value: string) => string | null;
  mono?: boolean;
  placeholder?: string;
}) {
  const id = useId();
  const [draft, setDraft] = useState(p.value);
  useEffect(() => setDraft(p.value), [p.value]);
  const problem = draft === p.value ? null : (p.check?.(draft) ?? null);
  const commit = () => {
    if (draft === p.value) return;
    if (problem) return setDraft(p.value);
    p.onCommit(draft);
  };
  return (
    <div className="field">
      <label htmlFor={id}>{p.label}</label>
      <input id={id} type="text" className={`${p.mono ? 'mono' : ''}${problem ? ' is-bad' : ''}`} value={draft}
        placeholder={p.placeholder} aria-invalid={problem ? true : undefined}
        onChange={(e) => setDraft(e.target.value)} onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') setDraft(p.value);
        }} />
      {problem && <div className="field-hint bad">{problem}</div>}
    </div>
  );
}

const NAME_RE = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/**
 * A map of names to values (env, headers, set, vars): one row per entry with the name (committed
 * on Enter/blur, labelled `<label> <n> name`) and the value (per keystroke, labelled `<label> <name>`), a remove button, and an
 * "Add <label>" button. `parse`/`format` convert values (strings by default). Key order is kept.
 */
export function MapField<V = string>(p: {
  label: string;
  value: Record<string, V> | undefined;
  onChange: (next: Record<string, V> | undefined, field: string) => void;
  newValue: V;
  parse?: (text: string) => V | typeof invalid;
  format?: (value: V) => string;
  mono?: boolean;
  valuePlaceholder?: string;
  namePattern?: RegExp;
  /** New entries are named `<newName>1`, `<newName>2`… (default `name`). */
  newName?: string;
}) {
  const { t } = useTranslation();
  const entries = Object.entries(p.value ?? {});
  const emit = (list: [string, V][], field: string) => p.onChange(list.length ? Object.fromEntries(list) : undefined, field);
  const pattern = p.namePattern ?? NAME_RE;
  const add = () => {
    const prefix = p.newName ?? 'name';
    let n = 1;
    while (entries.some(([k]) => k === `${prefix}${n}`)) n++;
    emit([...entries, [`${prefix}${n}`, p.newValue]], `${p.label}:add`);
  };
  return (
    <div className="map-field">
      <div className="map-field-head">
        <span className="map-field-title">{p.label}</span>
        <button type="button" className="btn small" onClick={add}>{t('inspector.map.add', { label: p.label.toLowerCase() })}</button>
      </div>
      {entries.map(([key, value], i) => (
        <div className="row" key={`${i}:${key}`}>
          <CommitField label={t('inspector.map.entryName', { label: p.label, n: i + 1 })} value={key} mono
            check={(v) => (!pattern.test(v) ? t('inspector.map.nameBad') : entries.some(([k]) => k === v) ? t('inspector.map.nameTaken') : null)}
            onCommit={(v) => emit(entries.map(([k, x]) => (k === key ? [v, x] : [k, x])), `${p.label}:name`)} />
          <DraftField<V> label={`${p.label} ${key}`} value={value} mono={p.mono} placeholder={p.valuePlaceholder}
            parse={p.parse ?? ((t) => t as V)} format={p.format ?? ((v) => String(v))}
            onCommit={(v) => emit(entries.map(([k, x]) => (k === key ? [k, v] : [k, x])), `${p.label}:${key}`)} />
          <button type="button" className="btn small danger" aria-label={t('inspector.map.remove', { label: p.label.toLowerCase(), key })}
            onClick={() => emit(entries.filter(([k]) => k !== key), `${p.label}:remove`)}>
            ✕
          </button>
        </div>
      ))}
    </div>
  );
}

/** A yes / no / default select for optional booleans (`desktop`, `jitter`): default means absent. */
export function OptionalBoolField(p: { label: string; value: boolean | undefined; defaultLabel: string; onChange: (v: boolean | undefined) => void }) {
  return (
    <SelectField label={p.label} value={p.value === undefined ? undefined : String(p.value)} options={['true', 'false']}
      noneLabel={p.defaultLabel} onChange={(v) => p.onChange(v === undefined ? undefined : v === 'true')} />
  );
}
