/**
 * The Import dialog (issue #4): pick an ASL, Argo or Serverless Workflow file; the host converts
 * its text (HostApi importText, so a browser's file picker works as well as Electron's) and the
 * flow opens as an unsaved, untrusted document with the import findings in the Findings tab.
 */
import { useId, useState } from 'react';
import type { ExportTarget } from '../../engine/export/types';
import { useActions, useAppStore } from '../app-context';
import { useTranslation } from '../i18n';
import '../styles/interop.css';
import { Modal } from './Modal';

/** The format choices; their names are `dialogs.import.formats.<key>`. */
const FORMATS = [
  { from: '', key: 'detect' },
  { from: 'asl', key: 'asl' },
  { from: 'argo', key: 'argo' },
  { from: 'serverless-workflow', key: 'serverless-workflow' },
] as const satisfies readonly { from: ExportTarget | ''; key: string }[];

/** The Import dialog. */
export function ImportDialog() {
  const { t } = useTranslation();
  const actions = useActions();
  const close = useAppStore((s) => s.openDialog);
  const [file, setFile] = useState<File | null>(null);
  const [from, setFrom] = useState<ExportTarget | ''>('');
  const [error, setError] = useState<string | null>(null);
  const [isImporting, setImporting] = useState(false);
  const fileId = useId();
  const formatId = useId();

  const start = async () => {
    if (!file) return;
    setImporting(true);
    setError(null);
    try {
      await actions.importText(await file.text(), file.name, from || undefined);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setImporting(false);
    }
  };

  return (
    <Modal
      title={t('dialogs.import.title')}
      onClose={() => close(null)}
      footer={
        <>
          <button type="button" className="btn" onClick={() => close(null)}>
            {t('dialogs.cancel')}
          </button>
          <button type="button" className="btn primary" disabled={!file || isImporting} onClick={() => void start()}>
            {isImporting ? t('dialogs.import.importing') : t('dialogs.import.import')}
          </button>
        </>
      }
    >
      <div className="field">
        <label htmlFor={fileId}>{t('dialogs.import.document')}</label>
        <input id={fileId} type="file" accept=".json,.yaml,.yml,application/json,application/yaml"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        <div className="field-hint">{t('dialogs.import.documentHint')}</div>
      </div>
      <div className="field">
        <label htmlFor={formatId}>{t('dialogs.import.format')}</label>
        <select id={formatId} value={from} onChange={(e) => setFrom(e.target.value as ExportTarget | '')}>
          {FORMATS.map((f) => (
            <option key={f.from} value={f.from}>
              {t(`dialogs.import.formats.${f.key}`)}
            </option>
          ))}
        </select>
      </div>
      <p className="import-note" role="note">
        {t('dialogs.import.note')}
      </p>
      {error && <p className="error-box">{t('dialogs.import.failed', { error })}</p>}
    </Modal>
  );
}
