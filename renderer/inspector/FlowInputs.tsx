/**
 * The flow's `inputs` as a form (issue #8: "inputs as a JSON-Schema form editor"): one card per
 * property with name, type, description, enum, default and required. Edits go through
 * doc/input-schema.ts, which keeps keywords the form does not show.
 */
import type { Flow, JsonObject } from '../../engine/model/flow';
import { useAppStore, useAppStoreApi } from '../app-context';
import {
  addInputProperty,
  formatInputValue,
  inputProperties,
  inputTypes,
  parseInputValue,
  removeInputProperty,
  renameInputProperty,
  setInputProperty,
  type InputProperty,
} from '../doc/input-schema';
import { CheckField, CommitField, DraftField, invalid, ListField, Section, SelectField, TextField } from './fields';
import { setFlowKey } from './use-step-edit';

const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The Inputs section of the flow inspector. */
export function FlowInputs() {
  const store = useAppStoreApi();
  const inputs = useAppStore((s) => s.flow?.inputs);
  const props = inputProperties(inputs);
  const edit = (field: string, fn: (inputs: JsonObject | undefined) => JsonObject | undefined) =>
    store.getState().edit((f: Flow) => setFlowKey(f, 'inputs', fn(f.inputs)), `flow:inputs:${field}`);
  return (
    <Section title="Inputs"
      actions={
        <button type="button" className="btn small" onClick={() => edit('add', (i) => addInputProperty(i).inputs)}>
          Add input
        </button>
      }>
      {props.length === 0 && <p className="muted">No declared inputs: runs take any JSON object.</p>}
      {props.map((p) => (
        <InputCard key={p.name} prop={p} taken={props.map((x) => x.name)} edit={edit} />
      ))}
    </Section>
  );
}

function InputCard({ prop, taken, edit }: {
  prop: InputProperty;
  taken: string[];
  edit: (field: string, fn: (inputs: JsonObject | undefined) => JsonObject | undefined) => void;
}) {
  const name = prop.name;
  const set = (field: string, patch: Partial<Omit<InputProperty, 'name'>>) => edit(`${name}.${field}`, (i) => setInputProperty(i, name, patch));
  return (
    <div className="case-row" role="group" aria-label={`Input ${name}`}>
      <div className="row">
        <CommitField label={`Input name`} value={name} mono
          check={(v) => (!NAME_RE.test(v) ? 'letters, digits and _ only' : taken.includes(v) ? 'another input has this name' : null)}
          onCommit={(v) => edit(`${name}.name`, (i) => renameInputProperty(i, name, v))} />
        <SelectField label={`${name} type`} value={prop.type} options={inputTypes} noneLabel="(any)"
          onChange={(v) => set('type', { type: v, default: undefined, enum: undefined })} />
        <button type="button" className="btn small danger" aria-label={`Remove input ${name}`}
          onClick={() => edit(`${name}.remove`, (i) => removeInputProperty(i, name))}>
          ✕
        </button>
      </div>
      <TextField label={`${name} description`} value={prop.description} onCommit={(v) => set('description', { description: v })} />
      <div className="row">
        <ListField label={`${name} allowed values`} value={(prop.enum ?? []).map(formatInputValue)} placeholder="dev, staging, production"
          onCommit={(v) => set('enum', { enum: v.flatMap((t) => parseInputValue(t, prop.type) ?? []) })} />
        <DraftField label={`${name} default`} value={prop.default} placeholder={prop.type === 'boolean' ? 'true / false' : ''}
          format={formatInputValue}
          parse={(t) => (t.trim() === '' ? undefined : (parseInputValue(t, prop.type) ?? invalid))}
          onCommit={(v) => set('default', { default: v })} />
      </div>
      <CheckField label={`${name} required`} checked={prop.isRequired} onChange={(v) => set('required', { isRequired: v })} />
    </div>
  );
}
