/**
 * A task waiting for an outside system's answer to its callback token (issue #12 part 1): the
 * person who holds the token (it was sent by the step's executor; the store keeps only its hash)
 * pastes it and answers with an output (JSON) or fails the step with an error name, as
 * `flowsmith callback TOKEN --output JSON | --fail ERROR --message TEXT` does.
 */
import { useId, useState } from 'react';
import type { CallbackState } from '../../engine/runtime/state';
import { useActions } from '../app-context';
import { formatDateTime, useTranslation } from '../i18n';

/** The answer form of step `step`'s waiting callback on the run on display. */
export function CallbackBox({ step, callback }: { step: string; callback: CallbackState }) {
  const { t, i18n } = useTranslation();
  const { runs } = useActions();
  const [token, setToken] = useState('');
  const [output, setOutput] = useState('{}');
  const [error, setError] = useState('');
  const [isBusy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const tokenId = useId();
  const outputId = useId();
  const errorId = useId();
  const answer = async (reply: 'output' | 'error') => {
    setProblem(null);
    let value: unknown;
    if (reply === 'output') {
      try {
        value = JSON.parse(output);
      } catch (err) {
        setProblem(t('panels.callback.badJson', { error: (err as Error).message }));
        return;
      }
    }
    setBusy(true);
    try {
      await runs.answerCallback(token.trim(), reply === 'output' ? { output: value as never } : { error: error.trim() });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="approval-box" role="group" aria-label={t('panels.callback.group', { step })} data-callback-step={step}>
      <div className="approval-head">
        <span className="badge waiting">{t('panels.callback.waiting')}</span>
        <span className="mono">{step}</span>
        <span className="muted">
          {callback.dueAt ? t('panels.approval.due', { time: formatDateTime(callback.dueAt, i18n.language) }) : t('panels.approval.noDeadline')}
        </span>
      </div>
      <p className="approval-message">{t('panels.callback.explain')}</p>
      <div className="approval-form">
        <div className="field grow">
          <label htmlFor={tokenId}>{t('panels.callback.token')}</label>
          <input id={tokenId} className="mono" type="password" autoComplete="off" value={token} onChange={(e) => setToken(e.target.value)} />
        </div>
        <div className="field grow">
          <label htmlFor={outputId}>{t('panels.callback.output')}</label>
          <input id={outputId} className="mono" value={output} onChange={(e) => setOutput(e.target.value)} />
        </div>
        <button type="button" className="btn approve" disabled={isBusy || !token.trim()} onClick={() => void answer('output')}>
          {t('panels.callback.answer')}
        </button>
        <div className="field narrow">
          <label htmlFor={errorId}>{t('panels.callback.error')}</label>
          <input id={errorId} value={error} onChange={(e) => setError(e.target.value)} />
        </div>
        <button type="button" className="btn reject" disabled={isBusy || !token.trim() || !error.trim()} onClick={() => void answer('error')}>
          {t('panels.callback.fail')}
        </button>
      </div>
      {problem && (
        <p className="error-box" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
