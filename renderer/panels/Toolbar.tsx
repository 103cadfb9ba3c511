/**
 * The top bar: product mark, the open file with its dirty marker, and the main commands
 * (New, Open, Templates, Import, Undo/Redo, Code, Save, Save as, Export, Run) with DESIGN.md's
 * accessible names, then the Language and Theme menus.
 */
import { fileName } from '../actions';
import { useActions, useAppStore } from '../app-context';
import { runStatusOf } from '../../engine/runtime/fold';
import { useTranslation } from '../i18n';
import { runStatusLook } from '../run/status-colors';
import { LanguageMenu, ThemeMenu } from './PreferenceMenus';

/**
 * `text` cut in the middle when it has no room (`deploy-…ction.yaml`): the start shrinks with an
 * ellipsis, the end (the part that tells similar names apart, and the extension) always shows.
 * The whole text stays the element's text for screen readers and tests; `title` shows it on hover.
 */
export function MiddleEllipsis(p: { text: string; title?: string; className?: string }) {
  const tail = Math.min(12, Math.floor(p.text.length / 3));
  return (
    <span className={`middle-ellipsis ${p.className ?? ''}`} title={p.title ?? p.text}>
      <span className="middle-ellipsis-head">{p.text.slice(0, p.text.length - tail)}</span>
      <span className="middle-ellipsis-tail">{p.text.slice(p.text.length - tail)}</span>
    </span>
  );
}

/** The application toolbar. */
export function Toolbar() {
  const { t } = useTranslation();
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
  const canUndo = useAppStore((s) => s.undoHistory.undo.length > 0);
  const canRedo = useAppStore((s) => s.undoHistory.redo.length > 0);
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
            <MiddleEllipsis className="file-name" text={fileName(path)} title={path} />
            {isDirty && (
              <span className="dirty" title={t('toolbar.unsaved')} aria-label={t('toolbar.unsaved')}>
                ●
              </span>
            )}
            {title && <span className="flow-title">{title}</span>}
            {!isTrusted && (
              <span className="trust-chip" title={t('toolbar.untrustedTitle', { reason: trustReason ?? t('toolbar.untrustedReason') })}>
                {t('toolbar.untrusted')}
              </span>
            )}
          </>
        ) : (
          <span className="file-name muted">{t('toolbar.noFile')}</span>
        )}
      </div>
      <div className="toolbar-actions">
        <button type="button" className="btn" onClick={() => void actions.files.create()} title={t('toolbar.newTitle')}>
          {t('toolbar.new')}
        </button>
        <button type="button" className="btn" onClick={() => void actions.files.openPicked()} title={t('toolbar.openTitle')}>
          {t('toolbar.open')}
        </button>
        <button type="button" className="btn" onClick={() => openDialog('templates')}>
          {t('toolbar.templates')}
        </button>
        <button type="button" className="btn" onClick={() => openDialog('import')} title={t('toolbar.importTitle')}>
          {t('toolbar.import')}
        </button>
        <span className="sep" />
        <button type="button" className="btn icon" onClick={actions.undo} disabled={!canUndo} title={t('toolbar.undoTitle')} aria-label={t('toolbar.undo')}>
          ↶
        </button>
        <button type="button" className="btn icon" onClick={actions.redo} disabled={!canRedo} title={t('toolbar.redoTitle')} aria-label={t('toolbar.redo')}>
          ↷
        </button>
        <button
          type="button"
          className={showCode ? 'btn active' : 'btn'}
          onClick={() => setShowCode(!showCode)}
          disabled={!path}
          aria-pressed={showCode}
          title={t('toolbar.codeTitle')}
        >
          {t('toolbar.code')}
        </button>
        <span className="sep" />
        <button type="button" className="btn" onClick={() => void actions.save()} disabled={!hasFlow || isSaving} title={t('toolbar.saveTitle')}>
          {isSaving ? t('toolbar.saving') : t('toolbar.save')}
        </button>
        <button type="button" className="btn" onClick={() => void actions.files.saveAs()} disabled={!hasFlow || isSaving} title={t('toolbar.saveAsTitle')}>
          {t('toolbar.saveAs')}
        </button>
        <button type="button" className="btn" onClick={() => openDialog('export')} disabled={!hasFlow}>
          {t('toolbar.export')}
        </button>
        <button type="button" className="btn primary" onClick={() => openDialog('run')} disabled={!hasFlow || isStarting}>
          <span aria-hidden="true">▶ </span>
          {t('toolbar.run')}
        </button>
        {look && runStatus && (
          <span className="run-chip" style={{ color: look.accent, background: look.tint }}>
            <span className="dot" style={{ background: look.accent }} /> {t(`status.${runStatus}`)}
          </span>
        )}
        <span className="sep" />
        <LanguageMenu />
        <ThemeMenu />
      </div>
    </header>
  );
}
