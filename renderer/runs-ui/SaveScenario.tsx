/**
 * "Save as scenario" (issue #9 point 7): a finished run (succeeded or failed) of the run on display
 * written into its flow's X.scenarios.yaml under a name the user gives (HostApi saveScenario); the
 * Scenarios tab then runs it like any other.
 */
import { useId, useState } from 'react';
import { runStatusOf } from '../../engine/runtime/fold';
import { useActions } from '../app-context';
import { useTranslation } from '../i18n';
import { useRunView } from './use-run-view';

/** The button, and the name form it opens. */
export function SaveScenario() {
  const { t } = useTranslation();
  const { runs } = useActions();
  const { runId, run, isLive } = useRunView();
  const [isOpen, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [isBusy, setBusy] = useState(false);
  const nameId = useId();
  const status = run ? runStatusOf(run) : null;
  if (!run || !runId || run.parent || (status !== 'succeeded' && status !== 'failed')) return null;
  const save = async () => {
    setBusy(true);
    try {
      if (await runs.saveScenario(name.trim())) setOpen(false);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="save-scenario">
      <button type="button" className="btn" aria-expanded={isOpen} disabled={!isLive}
        onClick={() => {
          setName(t('runs.saveScenario.defaultName', { flow: run.flow, run: runId }));
          setOpen(!isOpen);
        }}>
        {t('runs.saveScenario.open')}
      </button>
      {isOpen && (
        <form className="inline-form" onSubmit={(e) => { e.preventDefault(); void save(); }}>
          <label htmlFor={nameId}>{t('runs.saveScenario.name')}</label>
          <input id={nameId} value={name} onChange={(e) => setName(e.target.value)} />
          <button type="submit" className="btn primary" disabled={isBusy || !name.trim()}>
            {t('runs.saveScenario.save')}
          </button>
        </form>
      )}
    </div>
  );
}
