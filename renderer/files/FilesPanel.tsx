/**
 * The workspace file tree (issue #8 point 4; DESIGN.md "Designer": left, the workspace files):
 * a region named "Files" whose rows are buttons named by the file name. Clicking a flow opens it
 * (after the unsaved-changes guard); the open file is marked `aria-current`.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useStore } from 'zustand';
import type { WorkspaceEntry } from '../../engine/host/api';
import { useActions, useAppStore } from '../app-context';
import { useTranslation } from '../i18n';
import './files.css';

/** What can be done to a flow file from its row: Rename (F2), Move to…, Delete (Delete key). */
export interface FileOps {
  rename(path: string): void;
  move(path: string): void;
  remove(path: string): void;
}

/**
 * The "Actions for <file>" menu button of a flow row and its menu (role menu, items Rename, Move to…,
 * Delete): arrow keys move between items, Escape closes it and gives focus back to the button.
 */
function FileMenu(p: { name: string; path: string; ops: FileOps }) {
  const { t } = useTranslation();
  const [isOpen, setOpen] = useState(false);
  // Fixed to the viewport under the button: the Files panel scrolls and would clip the menu.
  const [at, setAt] = useState<{ top: number; right: number } | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);
  const items: [string, () => void][] = [
    [t('files.ops.rename'), () => p.ops.rename(p.path)],
    [t('files.ops.move'), () => p.ops.move(p.path)],
    [t('files.ops.delete'), () => p.ops.remove(p.path)],
  ];
  useEffect(() => {
    if (isOpen) menu.current?.querySelector<HTMLButtonElement>('[role="menuitem"]')?.focus();
  }, [isOpen]);
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };
  const onMenuKey = (e: KeyboardEvent) => {
    const all = [...(menu.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])];
    const at = all.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      all[(at + (e.key === 'ArrowDown' ? 1 : all.length - 1)) % all.length]?.focus();
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      all[e.key === 'Home' ? 0 : all.length - 1]?.focus();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      close(true);
    } else if (e.key === 'Tab') close(false);
  };
  return (
    <span className="file-menu" onBlur={(e) => !e.currentTarget.contains(e.relatedTarget as Node | null) && close(false)}>
      <button
        ref={button}
        type="button"
        className="btn icon small file-menu-button"
        aria-label={t('files.ops.menu', { file: p.name })}
        aria-haspopup="menu"
        aria-expanded={isOpen}
        onClick={(e) => {
          const r = e.currentTarget.getBoundingClientRect();
          setAt({ top: r.bottom + 2, right: Math.max(window.innerWidth - r.right, 4) });
          setOpen(!isOpen);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            const r = e.currentTarget.getBoundingClientRect();
            setAt({ top: r.bottom + 2, right: Math.max(window.innerWidth - r.right, 4) });
            setOpen(true);
          }
        }}
      >
        ⋯
      </button>
      {isOpen && (
        <ul ref={menu} role="menu" className="file-menu-list" style={at ? { top: at.top, right: at.right } : undefined} aria-label={t('files.ops.menu', { file: p.name })} onKeyDown={onMenuKey}>
          {items.map(([label, run]) => (
            <li key={label} role="none">
              <button
                type="button"
                role="menuitem"
                tabIndex={-1}
                onClick={() => {
                  close(false);
                  run();
                }}
              >
                {label}
              </button>
            </li>
          ))}
        </ul>
      )}
    </span>
  );
}

function Entries(p: { entries: readonly WorkspaceEntry[]; depth: number; openPath: string | null; onOpen: (path: string) => void; ops: FileOps }) {
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
              {!closed.has(e.path) && <Entries entries={e.children} depth={p.depth + 1} openPath={p.openPath} onOpen={p.onOpen} ops={p.ops} />}
            </>
          ) : (
            <div className="file-line">
            <button
              type="button"
              className="file-row flow"
              style={{ paddingLeft: 18 + p.depth * 12 }}
              aria-label={e.name}
              aria-current={e.path === p.openPath ? 'true' : undefined}
              title={`${e.title} (${e.flowName})\n${e.path}`}
              onClick={() => p.onOpen(e.path)}
              onKeyDown={(ev) => {
                // F2 renames and Delete deletes the focused file, as in file explorers.
                if (ev.key === 'F2') {
                  ev.preventDefault();
                  p.ops.rename(e.path);
                } else if (ev.key === 'Delete') {
                  ev.preventDefault();
                  p.ops.remove(e.path);
                }
              }}
            >
              <span className="file-name-text">{e.name}</span>
              {e.title && e.title !== e.name && <span className="file-title">{e.title}</span>}
            </button>
            <FileMenu name={e.name} path={e.path} ops={p.ops} />
            </div>
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
      {flows.length > 0 && (
        <Entries
          entries={flows}
          depth={0}
          openPath={openPath}
          onOpen={(path) => void files.open(path)}
          ops={{ rename: (path) => void files.rename(path), move: (path) => void files.move(path), remove: (path) => void files.remove(path) }}
        />
      )}
      {tree?.truncated && <p className="files-note">{t('files.truncated')}</p>}
    </section>
  );
}
