/**
 * The Import dialog (issue #4): pick an ASL, Argo or Serverless Workflow file; the host converts
 * its text (HostApi importText, so a browser's file picker works as well as Electron's) and the
 * flow opens as an unsaved, untrusted document with the import findings in the Findings tab.
 */
import { useId, useState } from 'react';
import type { ExportTarget } from '../../engine/export/types';
import { useActions, useAppStore } from '../app-context';
import '../styles/interop.css';
import { Modal } from './Modal';

const FORMATS: readonly { from: ExportTarget | ''; label: string }[] = [
  { from: '', label: 'Detect from the content' },
  { from: 'asl', label: 'AWS Step Functions (ASL JSON)' },
  { from: 'argo', label: 'Argo Workflows' },
  { from: 'serverless-workflow', label: 'Serverless Workflow 1.0' },
];

/** The Import dialog. */
export function ImportDialog() {
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
      title="Import a flow"
      onClose={() => close(null)}
      footer={
        <>
          <button type="button" className="btn" onClick={() => close(null)}>
            Cancel
          </button>
          <button type="button" className="btn primary" disabled={!file || isImporting} onClick={() => void start()}>
            {isImporting ? 'Importing…' : 'Import'}
          </button>
        </>
      }
    >
      <div className="field">
        <label htmlFor={fileId}>Document to import</label>
        <input id={fileId} type="file" accept=".json,.yaml,.yml,application/json,application/yaml"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        <div className="field-hint">An AWS Step Functions state machine, an Argo Workflow or WorkflowTemplate, or a Serverless Workflow.</div>
      </div>
      <div className="field">
        <label htmlFor={formatId}>Format</label>
        <select id={formatId} value={from} onChange={(e) => setFrom(e.target.value as ExportTarget | '')}>
          {FORMATS.map((f) => (
            <option key={f.from} value={f.from}>
              {f.label}
            </option>
          ))}
        </select>
      </div>
      <p className="import-note" role="note">
        The flow opens as a new, unsaved document laid out on the canvas; what could not be carried over is listed
        under Findings. Imported flows run only in simulation until you trust them.
      </p>
      {error && <p className="error-box">Import failed: {error}</p>}
    </Modal>
  );
}
