/**
 * The file dialogs (issue #8 point 4): the unsaved-changes guard (Save / Don't save / Cancel) and,
 * in the web host where no native dialog exists, Open and Save as by workspace path. Each answers
 * the promise of the action that opened it (file-ui.ts).
 */
import { useId, useState, type FormEvent } from 'react';
import { useStore } from 'zustand';
import { useActions } from '../app-context';
import { Modal } from '../dialogs/Modal';
import { baseName } from './file-actions';
import { useTranslation } from '../i18n';
import type { FileDialog } from './file-ui';
import './files.css';

function UnsavedDialog({ d }: { d: Extract<FileDialog, { kind: 'unsaved' }> }) {
  const { t } = useTranslation();
  return (
    <Modal
      title={t('files.unsaved.title')}
      onClose={() => d.answer('cancel')}
      footer={
        <>
          <button type="button" className="btn" onClick={() => d.answer('cancel')}>
            {t('files.unsaved.cancel')}
          </button>
          <button type="button" className="btn" onClick={() => d.answer('discard')}>
            {t('files.unsaved.discard')}
          </button>
          <button type="button" className="btn primary" autoFocus onClick={() => d.answer('save')}>
            {t('files.unsaved.save')}
          </button>
        </>
      }
    >
      <p>{t('files.unsaved.body', { file: d.fileName, action: d.action })}</p>
    </Modal>
  );
}

/** Save found the file changed on disk: Overwrite, Reload from disk, Save as, or Cancel. */
function ChangedOnDiskDialog({ d }: { d: Extract<FileDialog, { kind: 'changedOnDisk' }> }) {
  const { t } = useTranslation();
  return (
    <Modal
      title={t('files.changedOnDisk.title')}
      onClose={() => d.answer('cancel')}
      footer={
        <>
          <button type="button" className="btn" onClick={() => d.answer('cancel')}>
            {t('files.changedOnDisk.cancel')}
          </button>
          <button type="button" className="btn" onClick={() => d.answer('reload')}>
            {t('files.changedOnDisk.reload')}
          </button>
          <button type="button" className="btn" onClick={() => d.answer('saveAs')}>
            {t('files.changedOnDisk.saveAs')}
          </button>
          <button type="button" className="btn primary" autoFocus onClick={() => d.answer('overwrite')}>
            {t('files.changedOnDisk.overwrite')}
          </button>
        </>
      }
    >
      <p>{t('files.changedOnDisk.body', { file: d.fileName })}</p>
      <p className="field-hint">{t('files.changedOnDisk.reloadHint')}</p>
    </Modal>
  );
}

/** One path field with a submit button, for Open and Save as in the web host. */
function PathDialog(p: { title: string; label: string; hint: string; submit: string; initial: string; onSubmit: (path: string) => Promise<void>; onCancel: () => void }) {
  const { t } = useTranslation();
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
            {t('files.cancel')}
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

/** True for the host's refusal to replace an existing file (file-ops-api.ts EXISTS). */
const isExists = (err: unknown) => typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'EXISTS';

/**
 * "Rename file" (a new name, same folder) and "Move file" (a destination folder, Move to…). An
 * existing file at the destination is replaced only after "Replace".
 */
function MoveDialog({ d }: { d: Extract<FileDialog, { kind: 'rename' | 'move' }> }) {
  const { t } = useTranslation();
  const [value, setValue] = useState(d.initial);
  const [error, setError] = useState<string | null>(null);
  const [isConflict, setConflict] = useState(false);
  const [isBusy, setBusy] = useState(false);
  const fieldId = useId();
  const formId = useId();
  const listId = useId();
  const isRename = d.kind === 'rename';
  const apply = async (overwrite: boolean) => {
    if (isRename && !value.trim()) return;
    setBusy(true);
    setError(null);
    try {
      await d.apply(value.trim(), overwrite);
      d.answer(true);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setConflict(isExists(err));
      setBusy(false);
    }
  };
  return (
    <Modal
      title={isRename ? t('files.ops.renameTitle') : t('files.ops.moveTitle')}
      onClose={() => d.answer(false)}
      footer={
        <>
          <button type="button" className="btn" onClick={() => d.answer(false)}>
            {t('files.cancel')}
          </button>
          {isConflict ? (
            <button type="button" className="btn danger" disabled={isBusy} onClick={() => void apply(true)}>
              {t('files.ops.replace')}
            </button>
          ) : (
            <button type="submit" form={formId} className="btn primary" disabled={isBusy || (isRename && !value.trim())}>
              {isRename ? t('files.ops.renameSubmit') : t('files.ops.moveSubmit')}
            </button>
          )}
        </>
      }
    >
      <form
        id={formId}
        onSubmit={(e) => {
          e.preventDefault();
          void apply(false);
        }}
      >
        <p className="mono">{baseName(d.path)}</p>
        <div className="field">
          <label htmlFor={fieldId}>{isRename ? t('files.ops.newName') : t('files.ops.destination')}</label>
          <input
            id={fieldId}
            className="mono"
            value={value}
            autoFocus
            spellCheck={false}
            list={isRename ? undefined : listId}
            onFocus={(e) => isRename && e.currentTarget.setSelectionRange(0, e.currentTarget.value.replace(/\.ya?ml$/i, '').length)}
            onChange={(e) => {
              setValue(e.target.value);
              setConflict(false);
            }}
          />
          {!isRename && (
            <datalist id={listId}>
              {d.folders.map((f) => (
                <option key={f} value={f} />
              ))}
            </datalist>
          )}
          <div className="field-hint">{isRename ? t('files.ops.renameHint') : t('files.ops.moveHint')}</div>
        </div>
      </form>
      {error && (
        <p className="error-box" role="alert">
          {error}
          {isConflict && (
            <>
              <br />
              <strong>{t('files.ops.replaceAsk')}</strong>
            </>
          )}
        </p>
      )}
    </Modal>
  );
}

/** "Delete file": confirms deleting a flow and its scenarios file. */
function DeleteDialog({ d }: { d: Extract<FileDialog, { kind: 'delete' }> }) {
  const { t } = useTranslation();
  const file = baseName(d.path);
  return (
    <Modal
      title={t('files.ops.deleteTitle')}
      onClose={() => d.answer(false)}
      footer={
        <>
          <button type="button" className="btn" autoFocus onClick={() => d.answer(false)}>
            {t('files.cancel')}
          </button>
          <button type="button" className="btn danger" onClick={() => d.answer(true)}>
            {t('files.ops.deleteSubmit')}
          </button>
        </>
      }
    >
      <p>{t('files.ops.deleteBody', { file })}</p>
      {d.isDirtyOpen && (
        <p className="error-box" role="alert">
          {t('files.ops.deleteDirty', { file })}
        </p>
      )}
    </Modal>
  );
}

/** Whichever file dialog is open, or nothing. */
export function FileDialogs() {
  const { t } = useTranslation();
  const { files } = useActions();
  const d = useStore(files.ui, (s) => s.dialog);
  if (!d) return null;
  if (d.kind === 'unsaved') return <UnsavedDialog d={d} />;
  if (d.kind === 'changedOnDisk') return <ChangedOnDiskDialog d={d} />;
  if (d.kind === 'rename' || d.kind === 'move') return <MoveDialog d={d} />;
  if (d.kind === 'delete') return <DeleteDialog d={d} />;
  if (d.kind === 'open') {
    return (
      <PathDialog
        title={t('files.open.title')}
        label={t('files.pathLabel')}
        hint={t('files.open.hint')}
        submit={t('files.open.submit')}
        initial=""
        onSubmit={async (path) => d.answer(path)}
        onCancel={() => d.answer(null)}
      />
    );
  }
  return (
    <PathDialog
      title={t('files.saveAs.title')}
      label={t('files.pathLabel')}
      hint={t('files.saveAs.hint')}
      submit={t('files.saveAs.submit')}
      initial={d.defaultPath}
      onSubmit={async (path) => {
        await d.save(path);
        d.answer(true);
      }}
      onCancel={() => d.answer(false)}
    />
  );
}
