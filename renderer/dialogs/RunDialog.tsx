/**
 * The Run dialog: the run input as JSON, prefilled from the flow's `inputs` schema (defaults and
 * required fields), then startRun (saving first when there are unsaved edits). An untrusted flow
 * (imported, or outside the workspace) can only be simulated until the user trusts it (TrustNotice).
 */
import { useId, useState } from 'react';
import type { JsonObject } from '../../engine/model/flow';
import { i18n, useTranslation } from '../i18n';
import { useActions, useAppStore } from '../app-context';
import { defaultRunInput } from '../doc/run-input';
import { Modal } from './Modal';
import { TrustNotice } from './TrustNotice';

function parseInput(text: string): JsonObject | string {
  try {
    const v: unknown = JSON.parse(text.trim() === '' ? '{}' : text);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as JsonObject) : i18n.t('dialogs.run.notObject');
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** The Run dialog. */
export function RunDialog() {
  const { t } = useTranslation();
  const actions = useActions();
  const close = useAppStore((s) => s.openDialog);
  const flow = useAppStore((s) => s.flow);
  const isDirty = useAppStore((s) => s.isDirty());
  const isStarting = useAppStore((s) => s.isStarting);
  const isTrusted = useAppStore((s) => s.isTrusted);
  const trustNoteId = useId();
  const [text, setText] = useState(() => JSON.stringify(flow ? defaultRunInput(flow) : {}, null, 2));
  // Why the host refused the last start (e.g. the input does not match `inputs`), shown under the
  // input until it is edited: as a notice alone it sat behind the dialog (session 6 walkthrough).
  const [startError, setStartError] = useState<string | null>(null);
  const inputId = useId();
  const parsed = parseInput(text);
  const problem = typeof parsed === 'string' ? parsed : null;
  const start = (mode: 'run' | 'simulate' = isTrusted ? 'run' : 'simulate') => {
    if (typeof parsed === 'string') return;
    void actions.startRun(parsed, mode).then(setStartError);
  };
  return (
    <Modal
      title={t('dialogs.run.title', { name: flow?.title ?? flow?.name ?? '' })}
      onClose={() => close(null)}
      footer={
        <>
          {isDirty && <span className="muted">{t('dialogs.run.unsavedFirst')}</span>}
          <button type="button" className="btn" onClick={() => close(null)}>
            {t('dialogs.cancel')}
          </button>
          <button type="button" className="btn" disabled={problem !== null || isStarting} onClick={() => start('simulate')}
            title={t('dialogs.run.simulateTitle')}>
            {t('dialogs.run.simulate')}
          </button>
          <button type="button" className="btn primary" disabled={problem !== null || isStarting || !isTrusted} onClick={() => start('run')}
            aria-describedby={isTrusted ? undefined : trustNoteId}>
            {isStarting ? t('dialogs.run.starting') : t('dialogs.run.startRun')}
          </button>
        </>
      }
    >
      {!isTrusted && <TrustNotice id={trustNoteId} />}
      <div className="field">
        <label htmlFor={inputId}>{t('dialogs.run.input')}</label>
        <textarea id={inputId} className={`mono code-input${problem ? ' is-bad' : ''}`} rows={10} value={text}
          spellCheck={false} aria-invalid={problem !== null || startError !== null}
          onChange={(e) => {
            setText(e.target.value);
            setStartError(null);
          }}
          onKeyDown={(e) => e.key === 'Enter' && (e.ctrlKey || e.metaKey) && start()} />
        {problem ? <div className="field-hint bad">{problem}</div> : <div className="field-hint">{isTrusted ? t('dialogs.run.inputHintRun') : t('dialogs.run.inputHintSimulate')}</div>}
        {startError !== null && !problem && (
          <div className="field-hint bad" role="alert">
            {t('dialogs.run.notStarted', { error: startError })}
          </div>
        )}
      </div>
    </Modal>
  );
}
