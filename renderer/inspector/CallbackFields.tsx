/**
 * The "Callback" field group of a task step (DESIGN.md "Waiting for an outside system"): how long
 * the step waits, after its executor, for the answer to `$callback.token`. Empty removes the wait.
 * Not shown for `call` tasks, which cannot send a token (validation FS040).
 */
import type { TaskStep } from '../../engine/model/flow';
import { useTranslation } from '../i18n';
import { Section, TextField } from './fields';
import { setKey, useStepEdit } from './use-step-edit';

/** The Callback section of task `id`: its timeout, or empty for no callback. */
export function CallbackFields({ id, step }: { id: string; step: TaskStep }) {
  const { t } = useTranslation();
  const patch = useStepEdit(id);
  if (step.call !== undefined) return null;
  return (
    <Section title={t('inspector.sections.callback')}>
      <TextField
        label={t('inspector.callbackTimeout')}
        value={step.callback?.timeout}
        placeholder={t('inspector.callbackTimeoutPlaceholder')}
        hint={t('inspector.callbackHint')}
        onCommit={(v) => patch('callback', (s) => setKey(s, 'callback', v ? { ...(s as TaskStep).callback, timeout: v } : undefined))}
      />
    </Section>
  );
}
