/**
 * The Export dialog (issue #2, extended by issue #4): the document as native YAML or exported to
 * Argo Workflows, AWS Step Functions or Serverless Workflow (HostApi exportFlow), read-only in
 * Monaco (JSON for ASL), with the findings for every loss of meaning, and Save as….
 */
import { lazy, Suspense, useEffect, useState } from 'react';
import type { Finding } from '../../engine/model/finding';
import { useActions, useAppStore } from '../app-context';
import { useTranslation } from '../i18n';
import '../styles/interop.css';
import { exportChoices, type ExportChoice } from './export-targets';
import { ExportFindings } from './ExportFindings';
import { Modal } from './Modal';
import { SaveExportForm } from './SaveExportForm';

const ExportView = lazy(() => import('./ExportView'));

type Exported = { text: string; findings: Finding[]; format: 'yaml' | 'json' };

/** The target picker: one radio per target, drawn as a segmented control. */
function TargetPicker(p: { value: ExportChoice; onChange: (to: ExportChoice) => void }) {
  const { t } = useTranslation();
  return (
    <div className="export-targets" role="radiogroup" aria-label={t('dialogs.export.target')}>
      {exportChoices.map((c) => (
        <label key={c.to} className={c.to === p.value ? 'segment active' : 'segment'}>
          <input type="radio" name="export-target" value={c.to} checked={c.to === p.value} onChange={() => p.onChange(c.to)} />
          {t(`dialogs.export.targets.${c.to}`)}
        </label>
      ))}
    </div>
  );
}

/** The Export dialog. */
export function ExportDialog() {
  const { t } = useTranslation();
  const actions = useActions();
  const close = useAppStore((s) => s.openDialog);
  const [to, setTo] = useState<ExportChoice>('native');
  const [result, setResult] = useState<Exported | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    // Only the answer for the target still chosen is shown (a slow export may finish after a switch).
    let isCurrent = true;
    setResult(null);
    setError(null);
    actions.exportTo(to).then(
      (r) => isCurrent && setResult(r),
      (e: unknown) => isCurrent && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      isCurrent = false;
    };
  }, [actions, to]);
  const label = t(`dialogs.export.targets.${to}`);
  const isInvalid = result !== null && result.text === '';
  return (
    <Modal
      title={t('dialogs.export.title')}
      wide
      onClose={() => close(null)}
      footer={<SaveExportForm to={to} text={result && !isInvalid ? result.text : null} onClose={() => close(null)} />}
    >
      <TargetPicker value={to} onChange={setTo} />
      {error && <p className="error-box">{t('dialogs.export.failed', { error })}</p>}
      {!result && !error && <p className="muted">{t('dialogs.export.exporting', { target: label })}</p>}
      {result && (
        <>
          {isInvalid && <p className="error-box">{t('dialogs.export.invalid')}</p>}
          <ExportFindings findings={result.findings} onShowStep={() => close(null)} />
          {!isInvalid && (
            <Suspense fallback={<p className="muted">{t('dialogs.export.loadingEditor')}</p>}>
              <ExportView text={result.text} language={result.format === 'json' ? 'json' : 'yaml'} />
            </Suspense>
          )}
        </>
      )}
    </Modal>
  );
}
