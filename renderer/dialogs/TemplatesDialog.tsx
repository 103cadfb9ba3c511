/**
 * Lists the shipped templates (and the workspace's flows). Clicking a template copies it (with its
 * scenarios) into the workspace and opens the copy: the shipped ones are read-only (issue #8 point 4).
 */
import { useEffect, useState } from 'react';
import type { FlowFileInfo } from '../../engine/host/api';
import { useActions, useAppStore } from '../app-context';
import { Modal } from './Modal';

/** The Templates dialog. */
export function TemplatesDialog() {
  const actions = useActions();
  const close = useAppStore((s) => s.openDialog);
  const [templates, setTemplates] = useState<FlowFileInfo[] | null>(null);
  const [files, setFiles] = useState<FlowFileInfo[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    actions.host.listTemplates({}).then(setTemplates, (e: unknown) => setError(String(e instanceof Error ? e.message : e)));
    actions.host.getWorkspace({}).then((ws) => setFiles(ws.files), () => undefined);
  }, [actions]);
  const list = (items: FlowFileInfo[], label: string, open: (path: string) => void) => (
    <ul className="template-list" aria-label={label}>
      {items.map((t) => (
        <li key={t.path}>
          <button type="button" className="template" onClick={() => open(t.path)}>
            <span className="template-title">{t.title || t.name}</span>
            <span className="template-desc">{t.description}</span>
            <span className="template-name mono">{t.name}</span>
          </button>
        </li>
      ))}
    </ul>
  );
  return (
    <Modal title="Templates" onClose={() => close(null)}>
      {error && <p className="error-box">Could not list templates: {error}</p>}
      {!templates && !error && <p className="muted">Loading…</p>}
      {templates && templates.length === 0 && <p className="muted">No templates found.</p>}
      {templates && templates.length > 0 && (
        <>
          <p className="muted">A template is copied into your workspace; you edit the copy.</p>
          {list(templates, 'Templates', (path) => void actions.files.openTemplate(path))}
        </>
      )}
      {files.length > 0 && (
        <>
          <h3 className="list-title">In this workspace</h3>
          {list(files, 'Workspace flows', (path) => void actions.open(path))}
        </>
      )}
    </Modal>
  );
}
