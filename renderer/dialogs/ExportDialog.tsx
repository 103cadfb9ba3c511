/**
 * The Export view (issue #2): the document as native YAML (exportFlow, to: 'native') in a
 * read-only editor, with the findings the export reported. Other targets come with issue #4.
 */
import { lazy, Suspense, useEffect, useState } from 'react';
import { useActions, useAppStore } from '../app-context';
import { Modal } from './Modal';

const ExportView = lazy(() => import('./ExportView'));

/** The Export dialog. */
export function ExportDialog() {
  const actions = useActions();
  const close = useAppStore((s) => s.openDialog);
  const [result, setResult] = useState<{ text: string; findings: { message: string }[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    actions.exportNative().then(setResult, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [actions]);
  return (
    <Modal
      title="Export: native YAML"
      wide
      onClose={() => close(null)}
      footer={
        <button type="button" className="btn primary" onClick={() => close(null)}>
          Close
        </button>
      }
    >
      {error && <p className="error-box">Export failed: {error}</p>}
      {!result && !error && <p className="muted">Exporting…</p>}
      {result && (
        <>
          {result.findings.length > 0 && (
            <ul className="export-findings">
              {result.findings.map((f, i) => (
                <li key={i}>{f.message}</li>
              ))}
            </ul>
          )}
          <Suspense fallback={<p className="muted">Loading editor…</p>}>
            <ExportView text={result.text} />
          </Suspense>
        </>
      )}
    </Modal>
  );
}
