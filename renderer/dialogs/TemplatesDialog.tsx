/**
 * Lists the shipped templates (and the workspace's flows). Clicking a template copies it (with its
 * scenarios) into the workspace and opens the copy: the shipped ones are read-only (issue #8 point 4).
 */
import { useEffect, useState } from 'react';
import type { FlowFileInfo } from '../../engine/host/api';
import { useActions, useAppStore } from '../app-context';
import { useTranslation } from '../i18n';
import { templateLabels } from '../i18n/template-labels';
import { Modal } from './Modal';

/** The Templates dialog. */
export function TemplatesDialog() {
  const { t } = useTranslation();
  const actions = useActions();
  const close = useAppStore((s) => s.openDialog);
  const [templates, setTemplates] = useState<FlowFileInfo[] | null>(null);
  const [files, setFiles] = useState<FlowFileInfo[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    actions.host.listTemplates({}).then(setTemplates, (e: unknown) => setError(String(e instanceof Error ? e.message : e)));
    actions.host.getWorkspace({}).then((ws) => setFiles(ws.files), () => undefined);
  }, [actions]);
  // Shipped templates show their catalogue title in the UI language; workspace flows their own text.
  const list = (items: FlowFileInfo[], label: string, open: (path: string) => void, isShipped: boolean) => (
    <ul className="template-list" aria-label={label}>
      {items.map((item) => {
        const shown = isShipped ? templateLabels(item) : { title: item.title || item.name, description: item.description };
        return (
          <li key={item.path}>
            <button type="button" className="template" onClick={() => open(item.path)}>
              <span className="template-title">{shown.title}</span>
              <span className="template-desc">{shown.description}</span>
              <span className="template-name mono">{item.name}</span>
            </button>
          </li>
        );
      })}
    </ul>
  );
  return (
    <Modal title={t('dialogs.templates.title')} onClose={() => close(null)}>
      {error && <p className="error-box">{t('dialogs.templates.failed', { error })}</p>}
      {!templates && !error && <p className="muted">{t('dialogs.templates.loading')}</p>}
      {templates && templates.length === 0 && <p className="muted">{t('dialogs.templates.none')}</p>}
      {templates && templates.length > 0 && (
        <>
          <p className="muted">{t('dialogs.templates.copyNote')}</p>
          {list(templates, t('dialogs.templates.list'), (path) => void actions.files.openTemplate(path), true)}
        </>
      )}
      {files.length > 0 && (
        <>
          <h3 className="list-title">{t('dialogs.templates.inWorkspace')}</h3>
          {list(files, t('dialogs.templates.workspaceList'), (path) => void actions.open(path), false)}
        </>
      )}
    </Modal>
  );
}
