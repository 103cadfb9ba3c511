/**
 * "Save as…" for the Export dialog (issue #4): a file path in the workspace, prefilled beside the
 * flow, written by the host (HostApi writeExport). The same in Electron and the web host, where a
 * browser download would not know the workspace.
 */
import { useEffect, useId, useState } from 'react';
import { useActions, useAppStore } from '../app-context';
import { useTranslation } from '../i18n';
import { defaultExportPath, type ExportChoice } from './export-targets';

/** The footer of the Export dialog: Save as… opens the path field; Save writes `text`. */
export function SaveExportForm(p: { to: ExportChoice; text: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const actions = useActions();
  const flowPath = useAppStore((s) => s.path);
  const [isOpen, setOpen] = useState(false);
  const [path, setPath] = useState('');
  const [root, setRoot] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [isSaving, setSaving] = useState(false);
  const fieldId = useId();

  useEffect(() => {
    actions.host.getWorkspace({}).then((ws) => setRoot(ws.root), () => setRoot(''));
  }, [actions]);
  useEffect(() => {
    // A new target gets its own default name (the user's edit belongs to the previous target).
    if (flowPath && root !== null) setPath(defaultExportPath(flowPath, root, p.to));
    setProblem(null);
  }, [flowPath, root, p.to]);

  const save = async () => {
    if (p.text === null || path.trim() === '') return;
    setSaving(true);
    try {
      await actions.writeExport(path.trim(), p.text, p.to === 'native' ? undefined : p.to);
      setOpen(false);
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  };

  if (!isOpen) {
    return (
      <>
        <button type="button" className="btn" disabled={p.text === null} onClick={() => setOpen(true)}>
          {t('dialogs.export.saveAs')}
        </button>
        <button type="button" className="btn primary" onClick={p.onClose}>
          {t('dialogs.export.close')}
        </button>
      </>
    );
  }
  return (
    <form
      className="save-export"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <label htmlFor={fieldId}>{t('dialogs.export.saveTo')}</label>
      <input id={fieldId} className={`mono${problem ? ' is-bad' : ''}`} value={path} spellCheck={false} autoFocus
        onChange={(e) => setPath(e.target.value)} title={t('dialogs.export.saveToTitle')} />
      {problem && <span className="field-hint bad" role="alert">{problem}</span>}
      <button type="button" className="btn" onClick={() => setOpen(false)}>
        {t('dialogs.cancel')}
      </button>
      <button type="submit" className="btn primary" disabled={isSaving || path.trim() === '' || p.text === null}>
        {isSaving ? t('dialogs.export.saving') : t('dialogs.export.saveExport')}
      </button>
    </form>
  );
}
