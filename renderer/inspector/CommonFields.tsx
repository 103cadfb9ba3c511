/**
 * Inspector fields every step may have (DESIGN.md "Step types"): next, timeout, retry, catch,
 * continueOnError. Which of them a step type shows is applies.ts's business.
 */
import type { CatchClause, RetryPolicy, Step } from '../../engine/model/flow';
import { useTranslation } from '../i18n';
import { applies } from './applies';
import { CheckField, DecimalField, ListField, NumberField, OptionalBoolField, Section, SelectField, TextField } from './fields';
import { setKey, useStepEdit } from './use-step-edit';

/** Next step selection, for the step types that go on by `next`. */
export function NextField({ id, step, others }: { id: string; step: Step; others: string[] }) {
  const { t } = useTranslation();
  const patch = useStepEdit(id);
  if (!applies(step, 'next')) return null;
  return (
    <SelectField label={t('inspector.next')} value={step.next} options={others} noneLabel={t('inspector.endOfPath')}
      onChange={(v) => patch('next', (s) => setKey(s, 'next', v))} />
  );
}

/**
 * Every field of a retry policy (schema `retry`): attempts, delay, backoff, multiplier, max delay,
 * jitter. Clearing "Max attempts" removes the policy. `label` prefixes the field names
 * ("Default retry max attempts" for the flow's defaults).
 */
export function RetryFields({ retry, onChange, prefix = '' }: { retry: RetryPolicy | undefined; onChange: (field: string, next: RetryPolicy | undefined) => void; prefix?: string }) {
  const { t } = useTranslation();
  // With a prefix ("Default "), the field names read "Default retry delay"; the prefix is translated by the caller.
  const L = (label: string) => (prefix ? `${prefix}${label.toLowerCase()}` : label);
  const set = (field: keyof RetryPolicy, value: unknown) => retry && onChange(`retry.${field}`, setKey(retry, field, value));
  return (
    <>
      <div className="row">
        <NumberField label={L(t('inspector.maxAttempts'))} value={retry?.maxAttempts} placeholder={t('inspector.noRetry')}
          onCommit={(v) => onChange('retry.maxAttempts', v === undefined ? undefined : { ...retry, maxAttempts: v })} />
        <TextField label={L(t('inspector.retryDelay'))} value={retry?.delay} placeholder="1s" onCommit={(v) => set('delay', v)} />
      </div>
      {retry && (
        <>
          <div className="row">
            <SelectField label={L(t('inspector.backoff'))} value={retry.backoff ?? 'fixed'} options={['fixed', 'exponential']}
              onChange={(v) => set('backoff', v === 'fixed' ? undefined : v)} />
            <DecimalField label={L(t('inspector.multiplier'))} value={retry.multiplier} placeholder="2" onCommit={(v) => set('multiplier', v)} />
          </div>
          <div className="row">
            <TextField label={L(t('inspector.maxDelay'))} value={retry.maxDelay} placeholder="5m" onCommit={(v) => set('maxDelay', v)} />
            <OptionalBoolField label={L(t('inspector.jitter'))} value={retry.jitter} defaultLabel={t('inspector.jitterDefault')} onChange={(v) => set('jitter', v)} />
          </div>
        </>
      )}
    </>
  );
}

/** Timeout, retry, catch and continueOnError: how the step fails and what happens then. */
export function ErrorFields({ id, step, others }: { id: string; step: Step; others: string[] }) {
  const { t } = useTranslation();
  const patch = useStepEdit(id);
  const shown = (['timeout', 'retry', 'catch', 'continueOnError'] as const).filter((f) => applies(step, f));
  // An approval's timeout is shown with the approval fields (ApprovalFields).
  const showTimeout = shown.includes('timeout') && step.type !== 'approval';
  if (shown.length === 0) return null;
  const clauses = step.catch ?? [];
  const setCatch = (field: string, next: CatchClause[]) => patch(field, (s) => setKey(s, 'catch', next.length ? next : undefined));
  const firstOther = others[0];
  return (
    <Section
      title={t('inspector.sections.errors')}
      actions={
        shown.includes('catch') && (
          <button type="button" className="btn small" disabled={!firstOther}
            onClick={() => firstOther && setCatch('catch', [...clauses, { errors: ['*'], next: firstOther }])}>
            {t('inspector.addCatch')}
          </button>
        )
      }
    >
      {showTimeout && (
        <TextField label={t('inspector.timeout')} value={step.timeout} placeholder={t('inspector.timeoutPlaceholder')}
          onCommit={(v) => patch('timeout', (s) => setKey(s, 'timeout', v))} />
      )}
      {shown.includes('retry') && <RetryFields retry={step.retry} onChange={(field, next) => patch(field, (s) => setKey(s, 'retry', next))} />}
      {clauses.map((c, i) => (
        <div className="case-row" key={i}>
          <ListField label={t('inspector.catchErrors', { n: i + 1 })} value={c.errors} placeholder="Timeout, HttpStatus, *"
            onCommit={(v) => setCatch(`catch${i}.errors`, clauses.map((x, j) => (j === i ? { ...x, errors: v } : x)))} />
          <div className="row">
            <SelectField label={t('inspector.catchNext', { n: i + 1 })} value={c.next} options={others}
              onChange={(v) => v && setCatch(`catch${i}.next`, clauses.map((x, j) => (j === i ? { ...x, next: v } : x)))} />
            <button type="button" className="btn small danger" aria-label={t('inspector.removeCatch', { n: i + 1 })}
              onClick={() => setCatch('catch', clauses.filter((_, j) => j !== i))}>
              ✕
            </button>
          </div>
        </div>
      ))}
      {shown.includes('continueOnError') && (
        <CheckField label={t('inspector.continueOnError')} checked={step.continueOnError ?? false}
          onChange={(v) => patch('continueOnError', (s) => setKey(s, 'continueOnError', v || undefined))} />
      )}
    </Section>
  );
}
