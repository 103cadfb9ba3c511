/**
 * The Scenarios editor: the open flow's X.scenarios.yaml in a Monaco editor, in a dialog opened by
 * "New scenario" (a new scenario appended, cursor on its name) or "Edit scenarios". The engine
 * checks the text as it is typed (HostApi checkScenarios: schema, names, steps, approvers, input;
 * each problem names its scenario and field) and saves it atomically beside the flow
 * (saveScenarios, which refuses any other path). Closing with unsaved edits asks first.
 */
import { lazy, Suspense, useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { Finding } from '../../engine/model/finding';
import { useActions, useAppStoreApi } from '../app-context';
import { Modal } from '../dialogs/Modal';
import { baseName } from '../files/file-actions';
import { useTranslation } from '../i18n';
import { useTheme } from '../theme/theme';
import { withNewScenario } from './scenario-text';

const ScenariosCode = lazy(() => import('./ScenariosCode'));

/** How long typing pauses before the engine checks the text, in ms. */
const CHECK_DELAY_MS = 250;

interface Loaded {
  scenarioPath: string;
  /** The text on disk; null when the file does not exist yet. */
  savedText: string | null;
  readOnly: boolean;
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** The dialog. `mode` new appends a scenario; `onSaved` runs after each successful save (the list refreshes). */
export function ScenariosEditor(p: { flowPath: string; mode: 'new' | 'edit'; onClose(): void; onSaved(): void }) {
  const { t } = useTranslation();
  const { theme } = useTheme();
  const { host } = useActions();
  const store = useAppStoreApi();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [text, setText] = useState('');
  const [findings, setFindings] = useState<{ text: string | null; list: Finding[] }>({ text: null, list: [] });
  const [reveal, setReveal] = useState<{ line: number; col: number; seq: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const [isClosing, setClosing] = useState(false);
  const seq = useRef(0);
  const { flowPath, mode } = p;

  useEffect(() => {
    let isLive = true;
    void (async () => {
      try {
        const file = await host.readScenarios({ path: flowPath });
        if (!isLive) return;
        const start = mode === 'new' && !file.readOnly ? withNewScenario(file.text, t('runs.scenarios.editor.newName'), store.getState().flow) : null;
        setLoaded({ scenarioPath: file.scenarioPath, savedText: file.text, readOnly: file.readOnly });
        setText(start?.text ?? file.text ?? '');
        if (start) setReveal({ line: start.line, col: start.text.split('\n')[start.line - 1]!.indexOf('name:') + 7, seq: ++seq.current });
        if (!start && file.text !== null) setFindings({ text: file.text, list: file.findings });
      } catch (err) {
        if (isLive) setError(messageOf(err));
      }
    })();
    return () => {
      isLive = false;
    };
    // Loaded once per opening; `t` and the store do not change what is read.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [flowPath, mode, host]);

  // The engine's check of the text, a moment after typing stops.
  useEffect(() => {
    if (!loaded || findings.text === text) return;
    const timer = setTimeout(() => {
      host.checkScenarios({ path: flowPath, text }).then(
        (list) => setFindings({ text, list }),
        (err: unknown) => setError(messageOf(err)),
      );
    }, CHECK_DELAY_MS);
    return () => clearTimeout(timer);
  }, [loaded, text, findings.text, host, flowPath]);

  const isDirty = loaded !== null && text !== (loaded.savedText ?? '');

  const save = useCallback(async () => {
    if (!loaded || loaded.readOnly || isBusy) return;
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      const res = await host.saveScenarios({ path: flowPath, scenarioPath: loaded.scenarioPath, text, expectedText: loaded.savedText });
      setLoaded({ ...loaded, savedText: text });
      setFindings({ text, list: res.findings });
      setStatus(t('runs.scenarios.editor.saved', { file: baseName(res.scenarioPath) }));
      p.onSaved();
    } catch (err) {
      setError(t('runs.scenarios.editor.saveFailed', { error: messageOf(err) }));
    } finally {
      setBusy(false);
    }
  }, [loaded, isBusy, host, flowPath, text, t, p]);

  const close = () => (isDirty ? setClosing(true) : p.onClose());
  const errors = findings.text === text ? findings.list.filter((f) => f.severity === 'error').length : 0;
  const file = loaded ? baseName(loaded.scenarioPath) : '';

  return (
    <Modal
      title={t('runs.scenarios.editor.title')}
      wide
      onClose={close}
      footer={
        isClosing ? (
          <>
            <span className="muted" role="alert">{t('runs.scenarios.editor.discardAsk')}</span>
            <button type="button" className="btn" autoFocus onClick={() => setClosing(false)}>
              {t('runs.scenarios.editor.keepEditing')}
            </button>
            <button type="button" className="btn danger" onClick={p.onClose}>
              {t('runs.scenarios.editor.discard')}
            </button>
          </>
        ) : (
          <>
            <span className="muted" aria-live="polite" data-scenario-errors={errors}>
              {status ?? (findings.text === text ? t('runs.scenarios.editor.problems', { count: findings.list.length }) : t('runs.scenarios.editor.checking'))}
            </span>
            <button type="button" className="btn" onClick={close}>
              {t('runs.scenarios.editor.close')}
            </button>
            <button type="button" className="btn primary" disabled={!loaded || loaded.readOnly || isBusy} onClick={() => void save()}>
              {t('runs.scenarios.editor.save')}
            </button>
          </>
        )
      }
    >
      <p className="muted scenario-file mono" title={loaded?.scenarioPath}>
        {loaded && (loaded.savedText === null ? t('runs.scenarios.editor.newFile', { file }) : file)}
      </p>
      {loaded?.readOnly && <p className="field-hint">{t('runs.scenarios.editor.readOnly')}</p>}
      {error && (
        <p className="error-box" role="alert">
          {error}
        </p>
      )}
      <div
        className="export-editor scenarios-editor"
        data-testid="scenarios-editor"
        // Escape in the editor closes Monaco's own widgets, not the dialog.
        onKeyDown={(e: KeyboardEvent) => e.key === 'Escape' && e.stopPropagation()}
      >
        {loaded && (
          <Suspense fallback={<p className="muted pad">{t('runs.scenarios.editor.loading')}</p>}>
            <ScenariosCode
              text={text}
              onChange={(next) => {
                setText(next);
                setStatus(null);
              }}
              onSave={() => void save()}
              findings={findings.list}
              findingsText={findings.text}
              reveal={reveal}
              isDark={theme === 'dark'}
              readOnly={loaded.readOnly}
            />
          </Suspense>
        )}
      </div>
      {findings.text === text && findings.list.length > 0 && (
        <ul className="scenario-problems" aria-label={t('runs.scenarios.editor.problemsList')}>
          {findings.list.map((f, i) => (
            <li key={i} data-severity={f.severity} data-line={f.line ?? ''}>
              <button type="button" className="finding" onClick={() => setReveal({ line: f.line ?? 1, col: f.col ?? 1, seq: ++seq.current })}>
                <span className={f.severity === 'error' ? 'bad strong' : 'muted'}>{`${file}:${f.line ?? 1}:${f.col ?? 1}`}</span>
                <span className="finding-msg">{f.message}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </Modal>
  );
}
