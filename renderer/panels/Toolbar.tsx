/**
 * The top bar: product mark, the open file with its dirty marker, and the main commands
 * (New, Open, Templates, Undo/Redo, Save, Save as, Run, Export) with DESIGN.md's accessible names.
 */
import { fileName } from '../actions';
import { useActions, useAppStore } from '../app-context';
import { runStatusOf } from '../../engine/runtime/fold';
import { runStatusLook } from '../run/status-colors';

/** The application toolbar. */
export function Toolbar() {
  const actions = useActions();
  const path = useAppStore((s) => s.path);
  const title = useAppStore((s) => s.flow?.title ?? s.flow?.name ?? null);
  const hasFlow = useAppStore((s) => s.flow !== null);
  const isDirty = useAppStore((s) => s.isDirty());
  const isSaving = useAppStore((s) => s.isSaving);
  const isStarting = useAppStore((s) => s.isStarting);
  const isTrusted = useAppStore((s) => s.isTrusted);
  const trustReason = useAppStore((s) => s.trustReason);
  const runStatus = useAppStore((s) => (s.run ? runStatusOf(s.run) : null));
  const openDialog = useAppStore((s) => s.openDialog);
  const canUndo = useAppStore((s) => s.history.undo.length > 0);
  const canRedo = useAppStore((s) => s.history.redo.length > 0);
  const showCode = useAppStore((s) => s.showCode);
  const setShowCode = useAppStore((s) => s.setShowCode);
  const look = runStatus ? runStatusLook(runStatus) : null;

  return (
    <header className="toolbar">
      <div className="brand" aria-label="Flowsmith">
        <span className="brand-mark">◆</span> Flowsmith
      </div>
      <div className="file" data-dirty={isDirty ? 'true' : 'false'}>
        {path ? (
          <>
            <span className="file-name" title={path}>
              {fileName(path)}
            </span>
            {isDirty && (
              <span className="dirty" title="Unsaved changes" aria-label="Unsaved changes">
                ●
              </span>
            )}
            {title && <span className="flow-title">{title}</span>}
            {!isTrusted && (
              <span className="trust-chip" title={`Runs only in simulation until you trust it: ${trustReason ?? 'untrusted'}`}>
                Untrusted
              </span>
            )}
          </>
        ) : (
          <span className="file-name muted">No file</span>
        )}
      </div>
      <div className="toolbar-actions">
        <button type="button" className="btn" onClick={() => void actions.files.create()} title="A new flow (saved with Save as)">
          New
        </button>
        <button type="button" className="btn" onClick={() => void actions.files.openPicked()} title="Open a flow file">
          Open
        </button>
        <button type="button" className="btn" onClick={() => openDialog('templates')}>
          Templates
        </button>
        <button type="button" className="btn" onClick={() => openDialog('import')} title="Import an ASL, Argo or Serverless Workflow file">
          Import
        </button>
        <span className="sep" />
        <button type="button" className="btn icon" onClick={actions.undo} disabled={!canUndo} title="Undo (Ctrl+Z)" aria-label="Undo">
          ↶
        </button>
        <button type="button" className="btn icon" onClick={actions.redo} disabled={!canRedo} title="Redo (Ctrl+Shift+Z)" aria-label="Redo">
          ↷
        </button>
        <button
          type="button"
          className={showCode ? 'btn active' : 'btn'}
          onClick={() => setShowCode(!showCode)}
          disabled={!path}
          aria-pressed={showCode}
          title="Show the YAML beside the canvas"
        >
          Code
        </button>
        <span className="sep" />
        <button type="button" className="btn" onClick={() => void actions.save()} disabled={!hasFlow || isSaving} title="Save (Ctrl+S)">
          {isSaving ? 'Saving…' : 'Save'}
        </button>
        <button type="button" className="btn" onClick={() => void actions.files.saveAs()} disabled={!hasFlow || isSaving} title="Save as another file">
          Save as
        </button>
        <button type="button" className="btn" onClick={() => openDialog('export')} disabled={!hasFlow}>
          Export
        </button>
        <button type="button" className="btn primary" onClick={() => openDialog('run')} disabled={!hasFlow || isStarting}>
          <span aria-hidden="true">▶ </span>Run
        </button>
        {look && (
          <span className="run-chip" style={{ color: look.accent, background: look.tint }}>
            <span className="dot" style={{ background: look.accent }} /> {look.label}
          </span>
        )}
      </div>
    </header>
  );
}
