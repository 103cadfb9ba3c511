/**
 * Labelled inputs for the inspector. Every input has a visible label (tests and screen readers
 * find fields by it). Text-like fields keep a local draft so that values the document normalises
 * (lists, numbers, empty = absent) stay typeable; the draft follows the document when it changes
 * from elsewhere (undo, rename).
 */
import { useEffect, useId, useState, type ReactNode } from 'react';

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
  const options = value && !p.options.includes(value) ? [...p.options, value] : p.options;
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
