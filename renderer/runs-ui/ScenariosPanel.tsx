/**
 * The Scenarios region (issue #9 point 7): the open flow's scenarios (its X.scenarios.yaml), run in
 * simulation by the host (HostApi testScenarios, in memory, journaling nothing), each with pass or
 * fail and, when it fails, the same diff `flowsmith test` prints.
 */
import { useState } from 'react';
import { useStore } from 'zustand';
import type { ScenarioReport } from '../../engine/host/api';
import type { Finding } from '../../engine/model/finding';
import { useActions, useAppStore } from '../app-context';
import { useTranslation } from '../i18n';
import { statusLabel } from '../i18n/status';
import { ScenariosEditor } from './ScenariosEditor';

interface Outcome {
  scenarioPath: string;
  findings: Finding[];
  results: ScenarioReport[];
}

/** The Scenarios tab. */
export function ScenariosPanel() {
  const { t } = useTranslation();
  const actions = useActions();
  const path = useAppStore((s) => s.path);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isRunning, setRunning] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  // The Scenarios editor (New scenario / Edit scenarios), for a flow saved in the workspace.
  const [editing, setEditing] = useState<'new' | 'edit' | null>(null);
  const isOnDisk = useStore(actions.files.ui, (s) => s.isOnDisk);
  const runAll = async () => {
    if (!path) return;
    setRunning(true);
    setError(null);
    try {
      setOutcome(await actions.host.testScenarios({ path }));
    } catch (err) {
      setError((err as Error).message);
      setOutcome(null);
    } finally {
      setRunning(false);
    }
  };
  /** Runs one scenario again (after fixing the flow) and puts its result in place. */
  const runOne = async (name: string) => {
    if (!path || !outcome) return;
    setRunning(true);
    setError(null);
    try {
      const one = await actions.host.testScenarios({ path, name });
      const fresh = one.results[0];
      if (fresh) setOutcome({ ...outcome, results: outcome.results.map((r) => (r.name === name ? fresh : r)) });
      else setError(one.findings[0]?.message ?? null);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setRunning(false);
    }
  };
  const passed = outcome?.results.filter((r) => r.passed).length ?? 0;
  return (
    <section className="scenarios" aria-label={t('regions.scenarios')}>
      <div className="history-filters">
        <button type="button" className="btn primary" disabled={!path || isRunning} onClick={() => void runAll()}>
          {isRunning ? t('runs.scenarios.running') : t('runs.scenarios.run')}
        </button>
        <button type="button" className="btn" disabled={!path || !isOnDisk} title={isOnDisk ? undefined : t('runs.scenarios.editor.saveFlowFirst')} onClick={() => setEditing('new')}>
          {t('runs.scenarios.new')}
        </button>
        <button type="button" className="btn" disabled={!path || !isOnDisk} title={isOnDisk ? undefined : t('runs.scenarios.editor.saveFlowFirst')} onClick={() => setEditing('edit')}>
          {t('runs.scenarios.edit')}
        </button>
        {outcome && (
          <span className="muted" data-scenarios-passed={passed} data-scenarios-total={outcome.results.length}>
            {t('runs.scenarios.passedOf', { passed, total: outcome.results.length, file: outcome.scenarioPath })}
          </span>
        )}
      </div>
      {error && <div className="error-box">{error}</div>}
      {outcome?.findings.map((f, i) => (
        <div key={i} className="error-box">
          {f.message}
        </div>
      ))}
      {!outcome && !error && <p className="muted pad">{t('runs.scenarios.intro')}</p>}
      <ul className="scenario-list">
        {outcome?.results.map((r) => (
          <li key={r.name} data-scenario={r.name} data-passed={r.passed ? 'true' : 'false'}>
            <button type="button" className="finding" onClick={() => setOpen(open === r.name ? null : r.name)} aria-expanded={open === r.name}>
              <span className={r.passed ? 'ok strong' : 'bad strong'}>{r.passed ? t('runs.scenarios.passed') : t('runs.scenarios.failed')}</span>
              <span className="finding-msg">{r.name}</span>
              {r.record && <span className="muted">{t('runs.scenarios.record', { status: statusLabel(t, r.record.status), count: r.record.path.length })}</span>}
            </button>
            <button type="button" className="btn small" disabled={isRunning} onClick={() => void runOne(r.name)} aria-label={t('runs.scenarios.runOne', { name: r.name })}>
              {t('runs.scenarios.runOneShort')}
            </button>
            {(open === r.name || !r.passed) && <pre className="logs scenario-diff">{r.text}{r.notes.length ? `\n${r.notes.join('\n')}` : ''}</pre>}
          </li>
        ))}
      </ul>
      {editing && path && <ScenariosEditor flowPath={path} mode={editing} onClose={() => setEditing(null)} onSaved={() => void runAll()} />}
    </section>
  );
}
