/**
 * The Versions region (issue #12 part 3): publish the open flow with a note (HostApi
 * publishVersion; unsaved edits are saved first), its numbered versions (number, note, author,
 * time), and a diff on the canvas: choose one version to compare it with the document as it is
 * now, or two to compare them. Added, changed and removed steps are marked on their canvas nodes
 * (`data-diff`, versions-slice.ts); removed steps, which the document no longer draws, and the
 * changed field paths are listed here. "Leave diff" clears the marks.
 */
import { useCallback, useEffect, useId, useState } from 'react';
import type { VersionInfo, VersionRef } from '../../engine/host/api';
import { useActions, useAppStore, useAppStoreApi } from '../app-context';
import { formatDateTime, useTranslation } from '../i18n';
import { DiffSummary } from './DiffSummary';
import './versions.css';

/** The Versions tab. */
export function VersionsPanel() {
  const { t, i18n } = useTranslation();
  const actions = useActions();
  const store = useAppStoreApi();
  const path = useAppStore((s) => s.path);
  const shown = useAppStore((s) => s.versionDiff);
  const showDiff = useAppStore((s) => s.showVersionDiff);
  const [versions, setVersions] = useState<VersionInfo[] | null>(null);
  const [chosen, setChosen] = useState<number[]>([]);
  const [note, setNote] = useState('');
  const [message, setMessage] = useState<{ kind: 'ok' | 'bad'; text: string } | null>(null);
  const [isBusy, setBusy] = useState(false);
  const noteId = useId();

  const reload = useCallback(async () => {
    if (!path) return setVersions(null);
    try {
      setVersions(await actions.host.listVersions({ path }));
    } catch {
      // A file not saved yet, or one that is not a flow: nothing published to list.
      setVersions([]);
    }
  }, [actions, path]);

  useEffect(() => {
    void reload();
    setChosen([]);
    setMessage(null);
  }, [reload]);
  // A diff belongs to the file it was made for.
  useEffect(() => () => showDiff(null), [path, showDiff]);

  const publish = async () => {
    if (!path) return;
    setBusy(true);
    setMessage(null);
    try {
      const state = store.getState();
      if ((state.isDirty() || !actions.files.ui.getState().isOnDisk) && !(await actions.save())) return;
      const result = await actions.host.publishVersion({ path: store.getState().path ?? path, note: note.trim() });
      if (result.outcome === 'invalid') {
        const errors = result.findings.filter((f) => f.severity === 'error');
        setMessage({ kind: 'bad', text: t('versions.invalid', { count: errors.length, first: errors[0]?.message ?? '' }) });
      } else {
        setMessage({ kind: 'ok', text: t(result.outcome === 'published' ? 'versions.published' : 'versions.unchanged', { version: result.version.version }) });
        if (result.outcome === 'published') setNote('');
      }
      await reload();
    } catch (err) {
      setMessage({ kind: 'bad', text: (err as Error).message });
    } finally {
      setBusy(false);
    }
  };

  const compare = async () => {
    if (!path || chosen.length === 0) return;
    const sorted = [...chosen].sort((a, b) => a - b);
    const from: VersionRef = sorted[0]!;
    const to: VersionRef = sorted[1] ?? 'working';
    setBusy(true);
    setMessage(null);
    try {
      store.getState().flushEdits();
      // Against the document as it is now, saved or not.
      const text = store.getState().text;
      showDiff(await actions.host.diffVersions({ path, from, to, ...(to === 'working' ? { text } : {}) }));
    } catch (err) {
      setMessage({ kind: 'bad', text: (err as Error).message });
    } finally {
      setBusy(false);
    }
  };

  const toggle = (v: number) =>
    setChosen((c) => (c.includes(v) ? c.filter((x) => x !== v) : [...c, v].slice(-2)));

  return (
    <section className="versions" aria-label={t('versions.region')}>
      <form className="versions-publish" onSubmit={(e) => {
        e.preventDefault();
        void publish();
      }}>
        <label htmlFor={noteId}>{t('versions.note')}</label>
        <input id={noteId} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('versions.notePlaceholder')} disabled={!path} />
        <button type="submit" className="btn primary" disabled={!path || isBusy}>
          {t('versions.publish')}
        </button>
        <button type="button" className="btn" disabled={chosen.length === 0 || isBusy} onClick={() => void compare()}>
          {chosen.length === 2 ? t('versions.compareTwo') : t('versions.compareWorking')}
        </button>
        {shown && (
          <button type="button" className="btn" onClick={() => showDiff(null)}>
            {t('versions.leaveDiff')}
          </button>
        )}
      </form>
      {message && (
        <div className={message.kind === 'bad' ? 'error-box' : 'versions-ok'} role="status">
          {message.text}
        </div>
      )}
      {!path && <p className="muted pad">{t('versions.noFile')}</p>}
      {path && versions?.length === 0 && <p className="muted pad">{t('versions.none')}</p>}
      {versions && versions.length > 0 && (
        <table className="versions-list" aria-label={t('versions.list')}>
          <thead>
            <tr>
              <th>{t('versions.choose')}</th>
              <th>{t('versions.number')}</th>
              <th>{t('versions.noteColumn')}</th>
              <th>{t('versions.author')}</th>
              <th>{t('versions.time')}</th>
            </tr>
          </thead>
          <tbody>
            {[...versions].reverse().map((v) => (
              <tr key={v.version} data-version={v.version} className={chosen.includes(v.version) ? 'is-chosen' : undefined}>
                <td>
                  <input type="checkbox" checked={chosen.includes(v.version)} onChange={() => toggle(v.version)}
                    aria-label={t('versions.chooseVersion', { version: v.version })} />
                </td>
                <td className="strong">v{v.version}</td>
                <td>{v.note}</td>
                <td>{v.author}</td>
                <td>{formatDateTime(Date.parse(v.publishedAt), i18n.language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {shown && <DiffSummary diff={shown.diff} />}
    </section>
  );
}
