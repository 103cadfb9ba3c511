/**
 * The Versions region (issue #12 part 3): publish the open flow with a note (HostApi
 * publishVersion; unsaved edits are saved first), its numbered versions (number, note, author,
 * time), and a diff on the canvas: choose one version to compare it with the document as it is
 * now, or two to compare them. The canvas then draws the newer side, read-only, with added, changed
 * and removed steps marked (`data-diff`, versions-slice.ts); removed steps are ghosts
 * (diff-canvas.ts). The changes and field paths are listed here. "Leave diff" (or any edit of the
 * document) returns to the document.
 */
import { useCallback, useEffect, useId, useState } from 'react';
import type { ReleaseInfo, VersionInfo, VersionRef } from '../../engine/host/api';
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
  const [releases, setReleases] = useState<ReleaseInfo[]>([]);
  const [chosen, setChosen] = useState<number[]>([]);
  const [note, setNote] = useState('');
  const [message, setMessage] = useState<{ kind: 'ok' | 'bad'; text: string } | null>(null);
  const [isBusy, setBusy] = useState(false);
  const noteId = useId();

  const reload = useCallback(async () => {
    if (!path) return setVersions(null);
    try {
      const [listed, released] = await Promise.all([actions.host.listVersions({ path }), actions.host.listReleases({ path })]);
      setVersions(listed);
      setReleases(Array.isArray(released) ? released : []);
    } catch {
      // A file not saved yet, or one that is not a flow: nothing published to list.
      setVersions([]);
      setReleases([]);
    }
  }, [actions, path]);

  useEffect(() => {
    void reload();
    setChosen([]);
    setMessage(null);
  }, [reload]);
  // A diff belongs to the file it was made for.
  useEffect(() => () => showDiff(null), [path, showDiff]);
  // An edit of the document (any view) leaves the diff: its marks and ghosts describe the text compared.
  useEffect(() => {
    if (!shown) return;
    const compared = store.getState().text;
    return store.subscribe((s) => {
      if (s.text !== compared && s.versionDiff) s.showVersionDiff(null);
    });
  }, [shown, store]);

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
      {releases.length > 0 && (
        <table className="versions-list" aria-label={t('versions.releases')}>
          <thead>
            <tr>
              <th>{t('versions.number')}</th>
              <th>{t('versions.target')}</th>
              <th>{t('versions.output')}</th>
              <th>{t('versions.findings')}</th>
              <th>{t('versions.releasedBy')}</th>
              <th>{t('versions.releasedAt')}</th>
            </tr>
          </thead>
          <tbody>
            {[...releases].reverse().map((r, i) => (
              <tr key={`${r.at}-${i}`} data-release-version={r.version} data-release-target={r.target}>
                <td className="strong">v{r.version}</td>
                <td>{r.target}</td>
                <td className="mono">{r.output ?? t('versions.stdout')}</td>
                <td>{r.findings}</td>
                <td>{r.by}</td>
                <td>{formatDateTime(Date.parse(r.at), i18n.language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {shown && <DiffSummary diff={shown.diff} />}
    </section>
  );
}
