/**
 * The workspace file tree (issue #8 point 4; DESIGN.md "Designer": left, the workspace files):
 * a region named "Files" whose rows are buttons named by the file name. Clicking a flow opens it
 * (after the unsaved-changes guard); the open file is marked `aria-current`.
 */
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import type { WorkspaceEntry } from '../../engine/host/api';
import { useActions, useAppStore } from '../app-context';
import { useTranslation } from '../i18n';
import './files.css';

function Entries(p: { entries: readonly WorkspaceEntry[]; depth: number; openPath: string | null; onOpen: (path: string) => void }) {
  const [closed, setClosed] = useState<ReadonlySet<string>>(new Set());
  const toggle = (path: string) => setClosed((s) => (s.has(path) ? new Set([...s].filter((x) => x !== path)) : new Set([...s, path])));
  return (
    <ul className="file-tree" role={p.depth === 0 ? undefined : 'group'}>
      {p.entries.map((e) => (
        <li key={e.path}>
          {e.kind === 'folder' ? (
            <>
              <button type="button" className="file-row folder" style={{ paddingLeft: 6 + p.depth * 12 }} aria-expanded={!closed.has(e.path)} onClick={() => toggle(e.path)}>
                <span className="file-caret" aria-hidden="true">{closed.has(e.path) ? '▸' : '▾'}</span>
                {e.name}
              </button>
              {!closed.has(e.path) && <Entries entries={e.children} depth={p.depth + 1} openPath={p.openPath} onOpen={p.onOpen} />}
            </>
          ) : (
            <button
              type="button"
              className="file-row flow"
              style={{ paddingLeft: 18 + p.depth * 12 }}
              aria-label={e.name}
              aria-current={e.path === p.openPath ? 'true' : undefined}
              title={`${e.title} (${e.flowName})\n${e.path}`}
              onClick={() => p.onOpen(e.path)}
            >
              <span className="file-name-text">{e.name}</span>
              {e.title && e.title !== e.name && <span className="file-title">{e.title}</span>}
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}

/** The Files panel. */
export function FilesPanel() {
  const { t } = useTranslation();
  const { files } = useActions();
  const tree = useStore(files.ui, (s) => s.tree);
  const error = useStore(files.ui, (s) => s.treeError);
  const openPath = useAppStore((s) => s.path);
  useEffect(() => {
    void files.refreshTree();
  }, [files]);
  const flows = tree?.entries ?? [];
  return (
    <section className="files-panel" role="region" aria-label={t('regions.files')}>
      <header className="files-head">
        <h3>{t('regions.files')}</h3>
        <button type="button" className="btn icon small" aria-label={t('files.refresh')} title={t('files.refreshTitle')} onClick={() => void files.refreshTree()}>
          ↻
        </button>
      </header>
      {tree && (
        <div className="files-root mono" title={tree.root}>
          {tree.root.split(/[\\/]/).pop() || tree.root}
        </div>
      )}
      {error && <p className="files-note error">{t('files.listFailed', { error })}</p>}
      {!tree && !error && <p className="files-note">{t('files.loading')}</p>}
      {tree && flows.length === 0 && <p className="files-note">{t('files.empty')}</p>}
      {flows.length > 0 && <Entries entries={flows} depth={0} openPath={openPath} onOpen={(path) => void files.open(path)} />}
      {tree?.truncated && <p className="files-note">{t('files.truncated')}</p>}
    </section>
  );
}
