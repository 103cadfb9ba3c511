/**
 * Inspector fields every step may have (DESIGN.md "Step types"): next, timeout, retry, catch,
 * continueOnError. End steps (succeed, fail) only get what applies to them.
 */
import type { CatchClause, RetryPolicy, Step } from '../../engine/model/flow';
import { useTranslation } from '../i18n';
import { CheckField, ListField, NumberField, Section, SelectField, TextField } from './fields';
import { setKey, useStepEdit } from './use-step-edit';

/** Next step selection; parallel steps continue at their join instead. */
export function NextField({ id, step, others }: { id: string; step: Step; others: string[] }) {
  const { t } = useTranslation();
  const patch = useStepEdit(id);
  if (step.type === 'succeed' || step.type === 'fail' || step.type === 'parallel' || step.type === 'branch') return null;
  return (
    <SelectField label={t('inspector.next')} value={step.next} options={others} noneLabel={t('inspector.endOfPath')}
      onChange={(v) => patch('next', (s) => setKey(s, 'next', v))} />
  );
}

/** Timeout, retry and catch: how the step fails and what happens then. */
export function ErrorFields({ id, step, others }: { id: string; step: Step; others: string[] }) {
  const { t } = useTranslation();
  const patch = useStepEdit(id);
  if (step.type === 'succeed' || step.type === 'fail') return null;
  const retry = step.retry;
  const setRetry = (field: string, next: RetryPolicy | undefined) => patch(field, (s) => setKey(s, 'retry', next));
  const clauses = step.catch ?? [];
  const setCatch = (field: string, next: CatchClause[]) =>
    patch(field, (s) => setKey(s, 'catch', next.length ? next : undefined));
  const firstOther = others[0];
  return (
    <Section
      title={t('inspector.sections.errors')}
      actions={
        <button type="button" className="btn small" disabled={!firstOther}
          onClick={() => firstOther && setCatch('catch', [...clauses, { errors: ['*'], next: firstOther }])}>
          {t('inspector.addCatch')}
        </button>
      }
    >
      <TextField label={t('inspector.timeout')} value={step.timeout} placeholder={t('inspector.timeoutPlaceholder')}
        onCommit={(v) => patch('timeout', (s) => setKey(s, 'timeout', v))} />
      <div className="row">
        <NumberField label={t('inspector.maxAttempts')} value={retry?.maxAttempts} placeholder="1"
          onCommit={(v) => setRetry('retry.maxAttempts', v === undefined ? undefined : { ...retry, maxAttempts: v })} />
        <TextField label={t('inspector.retryDelay')} value={retry?.delay} placeholder="1s"
          onCommit={(v) => retry && setRetry('retry.delay', setKey(retry, 'delay', v))} />
      </div>
      {retry && (
        <SelectField label={t('inspector.backoff')} value={retry.backoff ?? 'fixed'} options={['fixed', 'exponential']}
          onChange={(v) => setRetry('retry.backoff', setKey(retry, 'backoff', v === 'fixed' ? undefined : v))} />
      )}
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
      <CheckField label={t('inspector.continueOnError')} checked={step.continueOnError ?? false}
        onChange={(v) => patch('continueOnError', (s) => setKey(s, 'continueOnError', v || undefined))} />
    </Section>
  );
}
