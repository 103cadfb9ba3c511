/**
 * The step id field, for top-level steps and steps in a map's body alike. Renaming rewrites every
 * reference in the step's own `steps` map, `$steps.<id>` included (doc/rename-step.ts), so it
 * commits on Enter or blur rather than per keystroke, and refuses taken or malformed ids.
 */
import { useEffect, useId, useState } from 'react';
import { useAppStore, useAppStoreApi } from '../app-context';
import { renameStepEverywhere } from '../doc/rename-step';
import { allStepIds } from '../doc/new-step';
import { useTranslation } from '../i18n';

const ID_RE = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

/** Editable step id (ids are unique across the flow, map bodies included). */
export function IdField({ id }: { id: string }) {
  const { t } = useTranslation();
  const inputId = useId();
  const store = useAppStoreApi();
  const taken = useAppStore((s) => (s.flow ? [...allStepIds(s.flow)].join('\n') : ''));
  const [draft, setDraft] = useState(id);
  useEffect(() => setDraft(id), [id]);
  const problem =
    draft === id ? null
    : !ID_RE.test(draft) ? t('inspector.idBadChars')
    : taken.split('\n').includes(draft) ? t('inspector.idTaken')
    : null;
  const commit = () => {
    if (draft === id) return;
    if (problem) return setDraft(id);
    const s = store.getState();
    s.edit((f) => renameStepEverywhere(f, id, draft));
    s.selectStep(draft);
  };
  return (
    <div className="field">
      <label htmlFor={inputId}>{t('inspector.stepId')}</label>
      <input
        id={inputId}
        className={`mono${problem ? ' is-bad' : ''}`}
        value={draft}
        aria-invalid={problem ? true : undefined}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') setDraft(id);
        }}
      />
      {problem && <div className="field-hint bad">{problem}</div>}
    </div>
  );
}
