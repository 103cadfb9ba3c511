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
import { useTranslation } from '../i18n';

const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The Inputs section of the flow inspector. */
export function FlowInputs() {
  const { t } = useTranslation();
  const store = useAppStoreApi();
  const inputs = useAppStore((s) => s.flow?.inputs);
  const props = inputProperties(inputs);
  const edit = (field: string, fn: (inputs: JsonObject | undefined) => JsonObject | undefined) =>
    store.getState().edit((f: Flow) => setFlowKey(f, 'inputs', fn(f.inputs)), `flow:inputs:${field}`);
  return (
    <Section title={t('inspector.sections.inputs')}
      actions={
        <button type="button" className="btn small" onClick={() => edit('add', (i) => addInputProperty(i).inputs)}>
          {t('inspector.addInput')}
        </button>
      }>
      {props.length === 0 && <p className="muted">{t('inspector.noInputs')}</p>}
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
  const { t } = useTranslation();
  const name = prop.name;
  const set = (field: string, patch: Partial<Omit<InputProperty, 'name'>>) => edit(`${name}.${field}`, (i) => setInputProperty(i, name, patch));
  return (
    <div className="case-row" role="group" aria-label={t('inspector.inputGroup', { name })}>
      <div className="row">
        <CommitField label={t('inspector.inputName')} value={name} mono
          check={(v) => (!NAME_RE.test(v) ? t('inspector.inputNameBad') : taken.includes(v) ? t('inspector.inputNameTaken') : null)}
          onCommit={(v) => edit(`${name}.name`, (i) => renameInputProperty(i, name, v))} />
        <SelectField label={t('inspector.inputType', { name })} value={prop.type} options={inputTypes} noneLabel={t('inspector.anyType')}
          onChange={(v) => set('type', { type: v, default: undefined, enum: undefined })} />
        <button type="button" className="btn small danger" aria-label={t('inspector.removeInput', { name })}
          onClick={() => edit(`${name}.remove`, (i) => removeInputProperty(i, name))}>
          ✕
        </button>
      </div>
      <TextField label={t('inspector.inputDescription', { name })} value={prop.description} onCommit={(v) => set('description', { description: v })} />
      <div className="row">
        <ListField label={t('inspector.inputEnum', { name })} value={(prop.enum ?? []).map(formatInputValue)} placeholder="dev, staging, production"
          onCommit={(v) => set('enum', { enum: v.flatMap((t) => parseInputValue(t, prop.type) ?? []) })} />
        <DraftField label={t('inspector.inputDefault', { name })} value={prop.default} placeholder={prop.type === 'boolean' ? 'true / false' : ''}
          format={formatInputValue}
          parse={(t) => (t.trim() === '' ? undefined : (parseInputValue(t, prop.type) ?? invalid))}
          onCommit={(v) => set('default', { default: v })} />
      </div>
      <CheckField label={t('inspector.inputRequired', { name })} checked={prop.isRequired} onChange={(v) => set('required', { isRequired: v })} />
    </div>
  );
}
