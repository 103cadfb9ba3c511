/**
 * The file dialogs (issue #8 point 4): the unsaved-changes guard (Save / Don't save / Cancel) and,
 * in the web host where no native dialog exists, Open and Save as by workspace path. Each answers
 * the promise of the action that opened it (file-ui.ts).
 */
import { useId, useState, type FormEvent } from 'react';
import { useStore } from 'zustand';
import { useActions } from '../app-context';
import { Modal } from '../dialogs/Modal';
import type { FileDialog } from './file-ui';
import './files.css';

function UnsavedDialog({ d }: { d: Extract<FileDialog, { kind: 'unsaved' }> }) {
  return (
    <Modal
      title="Unsaved changes"
      onClose={() => d.answer('cancel')}
      footer={
        <>
          <button type="button" className="btn" onClick={() => d.answer('cancel')}>
            Cancel
          </button>
          <button type="button" className="btn" onClick={() => d.answer('discard')}>
            Don't save
          </button>
          <button type="button" className="btn primary" autoFocus onClick={() => d.answer('save')}>
            Save
          </button>
        </>
      }
    >
      <p>
        {d.fileName} has changes that are not saved. Save them before {d.action}?
      </p>
    </Modal>
  );
}

/** One path field with a submit button, for Open and Save as in the web host. */
function PathDialog(p: { title: string; label: string; hint: string; submit: string; initial: string; onSubmit: (path: string) => Promise<void>; onCancel: () => void }) {
  const [path, setPath] = useState(p.initial);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const fieldId = useId();
  const formId = useId();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!path.trim()) return;
    setBusy(true);
    setError(null);
    try {
      await p.onSubmit(path.trim());
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  };
  return (
    <Modal
      title={p.title}
      onClose={p.onCancel}
      footer={
        <>
          <button type="button" className="btn" onClick={p.onCancel}>
            Cancel
          </button>
          <button type="submit" form={formId} className="btn primary" disabled={isBusy || !path.trim()}>
            {p.submit}
          </button>
        </>
      }
    >
      <form id={formId} onSubmit={(e) => void submit(e)}>
        <div className="field">
          <label htmlFor={fieldId}>{p.label}</label>
          <input id={fieldId} className="mono" value={path} autoFocus spellCheck={false} onChange={(e) => setPath(e.target.value)} />
          <div className="field-hint">{p.hint}</div>
        </div>
      </form>
      {error && (
        <p className="error-box" role="alert">
          {error}
        </p>
      )}
    </Modal>
  );
}

/** Whichever file dialog is open, or nothing. */
export function FileDialogs() {
  const { files } = useActions();
  const d = useStore(files.ui, (s) => s.dialog);
  if (!d) return null;
  if (d.kind === 'unsaved') return <UnsavedDialog d={d} />;
  if (d.kind === 'open') {
    return (
      <PathDialog
        title="Open a flow"
        label="Workspace path"
        hint="A flow file in the workspace, e.g. ops/deploy.yaml; or pick one in Files."
        submit="Open"
        initial=""
        onSubmit={async (path) => d.answer(path)}
        onCancel={() => d.answer(null)}
      />
    );
  }
  return (
    <PathDialog
      title="Save as"
      label="Workspace path"
      hint="Where in the workspace to save this flow (.yaml); an existing file is not replaced."
      submit="Save"
      initial={d.defaultPath}
      onSubmit={async (path) => {
        await d.save(path);
        d.answer(true);
      }}
      onCancel={() => d.answer(false)}
    />
  );
}
