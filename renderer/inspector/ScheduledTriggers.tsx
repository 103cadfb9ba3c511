/**
 * Which of this flow's cron triggers the engine process has scheduled, and when each fires next
 * (HostApi listTriggers). Saved files only: the engine schedules what is on disk, and only for
 * trusted flows, so an edited trigger shows up here after Save. Also the form of one trigger
 * (TriggerFields): cron or webhook, with its concurrency policy.
 */
import { useEffect, useState } from 'react';
import type { TriggerInfo } from '../../engine/host/api';
import { isCronTrigger } from '../../engine/model/flow';
import type { Trigger, TriggerConcurrency } from '../../engine/model/flow';
import { useActions, useAppStore } from '../app-context';
import { formatDateTime, useTranslation } from '../i18n';
import { JsonField, SelectField, TextField } from './fields';
import { setKey } from './use-step-edit';

/** The scheduled triggers of the open file, re-read after each save. */
export function ScheduledTriggers() {
  const { t, i18n } = useTranslation();
  const actions = useActions();
  const path = useAppStore((s) => s.path);
  const savedText = useAppStore((s) => s.savedText);
  const [scheduled, setScheduled] = useState<TriggerInfo[] | null>(null);
  useEffect(() => {
    let isCurrent = true;
    actions.host
      .listTriggers({})
      .then((all) => isCurrent && setScheduled(all.filter((x) => x.path === path)))
      .catch(() => isCurrent && setScheduled(null));
    return () => {
      isCurrent = false;
    };
  }, [actions, path, savedText]);
  if (scheduled === null) return null;
  return (
    <div className="scheduled-triggers" data-scheduled={scheduled.length}>
      {scheduled.some((x) => x.isFiredByServe) && <p className="muted" data-fired-by="serve">{t('inspector.firedByServe')}</p>}
      {scheduled.length === 0 ? (
        <p className="muted">{t('inspector.notScheduled')}</p>
      ) : (
        scheduled.map((x, i) => (
          <p key={i} className="muted">
            {t('inspector.scheduled', {
              cron: x.cron,
              next: x.nextRunAt ? formatDateTime(Date.parse(x.nextRunAt), i18n.language) : t('inspector.never'),
            })}
          </p>
        ))
      )}
    </div>
  );
}

const CONCURRENCY: readonly TriggerConcurrency[] = ['allow', 'forbid', 'queue'];

/** The flow file's name without folder and `.yaml`/`.yml`: the `<flow>` part of a webhook URL. */
function hookFileName(path: string | null): string {
  const base = (path ?? '').split(/[\\/]/).pop() ?? '';
  return base.replace(/\.ya?ml$/, '') || 'flow';
}

/**
 * The fields of trigger `index` (1-based `n` in labels): cron, timezone and input for a cron
 * trigger; name and secret variable for a webhook (issue #12 part 2), with the URL `flowsmith serve`
 * answers; the concurrency policy for both. `onChange` gets the edited trigger and the field name.
 */
export function TriggerFields(p: { trigger: Trigger; index: number; onChange: (field: string, next: Trigger) => void; onRemove: () => void }) {
  const { t } = useTranslation();
  const path = useAppStore((s) => s.path);
  const n = p.index + 1;
  const tr = p.trigger;
  const remove = (
    <button type="button" className="btn small danger" aria-label={t('inspector.removeTrigger', { n })} onClick={p.onRemove}>
      ✕
    </button>
  );
  return (
    <div className="case-row" role="group" aria-label={t('inspector.trigger', { n })} data-trigger-kind={isCronTrigger(tr) ? 'cron' : 'webhook'}>
      {isCronTrigger(tr) ? (
        <>
          <div className="row">
            <TextField label={t('inspector.triggerCron', { n })} mono value={tr.cron} placeholder="0 23 * * *" onCommit={(v) => p.onChange('cron', { ...tr, cron: v ?? '' })} />
            {remove}
          </div>
          <TextField label={t('inspector.triggerTimezone', { n })} value={tr.timezone} placeholder={t('inspector.timezonePlaceholder')}
            onCommit={(v) => p.onChange('timezone', setKey(tr, 'timezone', v))} />
          <JsonField label={t('inspector.triggerInput', { n })} multiline value={tr.input} placeholder='{"environment": "staging"}'
            onCommit={(v) => p.onChange('input', setKey(tr, 'input', v))} />
        </>
      ) : (
        <>
          <div className="row">
            <TextField label={t('inspector.webhookName', { n })} mono value={tr.webhook.name}
              onCommit={(v) => p.onChange('webhook.name', { ...tr, webhook: { ...tr.webhook, name: v ?? '' } })} />
            {remove}
          </div>
          <TextField label={t('inspector.webhookSecretEnv', { n })} mono value={tr.webhook.secretEnv}
            onCommit={(v) => p.onChange('webhook.secretEnv', { ...tr, webhook: { ...tr.webhook, secretEnv: v ?? '' } })} />
          <p className="muted" data-webhook-url>
            {t('inspector.hookEndpoint', { file: hookFileName(path), name: tr.webhook.name, secretEnv: tr.webhook.secretEnv })}
          </p>
        </>
      )}
      <SelectField label={t('inspector.triggerConcurrency', { n })} value={tr.concurrency} options={CONCURRENCY} noneLabel={t('inspector.triggerConcurrencyDefault')}
        onChange={(v) => p.onChange('concurrency', setKey(tr, 'concurrency', v as TriggerConcurrency | undefined))} />
      <p className="muted">{t('inspector.triggerConcurrencyHint')}</p>
    </div>
  );
}
