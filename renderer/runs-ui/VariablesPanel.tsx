/**
 * The Variables region (DESIGN.md): one textbox per variable, labelled with its name, holding its
 * JSON value. At a pause of the live run, Enter applies a change (HostApi editVars, journaled as
 * VarsEdited); elsewhere (running, ended, or travelling in time) the values are read-only.
 */
import { useEffect, useState } from 'react';
import type { Json } from '../../engine/model/flow';
import { useActions } from '../app-context';
import { useTranslation } from '../i18n';
import { useRunView } from './use-run-view';

function VarField({ name, value, isEditable }: { name: string; value: Json; isEditable: boolean }) {
  const { t } = useTranslation();
  const { runs } = useActions();
  const text = JSON.stringify(value);
  const [draft, setDraft] = useState(text);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setDraft(text);
    setError(null);
  }, [text]);
  const apply = async () => {
    try {
      JSON.parse(draft);
    } catch (err) {
      setError(t('runs.variables.notJson', { error: (err as Error).message }));
      return;
    }
    setError(null);
    await runs.editVar(name, draft);
  };
  const id = `var-${name}`;
  return (
    <div className="field var-field">
      <label htmlFor={id}>{name}</label>
      <input id={id} className={`mono${error ? ' is-bad' : ''}`} value={draft} readOnly={!isEditable}
        aria-invalid={error ? true : undefined} onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && isEditable) void apply();
          if (e.key === 'Escape') setDraft(text);
        }} />
      {error && <span className="field-hint bad">{error}</span>}
    </div>
  );
}

/** The run's variables at the cursor. */
export function VariablesPanel() {
  const { t } = useTranslation();
  const { run, isLive } = useRunView();
  if (!run) return null;
  const isEditable = isLive && run.status === 'paused';
  const names = Object.keys(run.vars);
  return (
    <section className="variables" aria-label={t('regions.variables')}>
      <h5>
        {t('runs.variables.title')}{' '}
        <span className="muted">{t(isEditable ? 'runs.variables.editable' : run.status === 'paused' ? 'runs.variables.atCursor' : 'runs.variables.readOnly')}</span>
      </h5>
      {names.length === 0 ? <p className="muted">{t('runs.variables.none')}</p> : names.map((n) => <VarField key={n} name={n} value={run.vars[n] as Json} isEditable={isEditable} />)}
    </section>
  );
}
