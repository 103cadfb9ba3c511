/** Inspector fields of an approval: approvers, quorum, message, timeout, and where rejection and timeout go. */
import type { ApprovalStep } from '../../engine/model/flow';
import { useTranslation } from '../i18n';
import { ListField, NumberField, Section, SelectField, TextField } from './fields';
import { setKey, useStepEdit } from './use-step-edit';

/** Fields for an approval step (its timeout is how long people have to decide; no retry). */
export function ApprovalFields({ id, step, others }: { id: string; step: ApprovalStep; others: string[] }) {
  const { t } = useTranslation();
  const patch = useStepEdit(id);
  const set = (field: keyof ApprovalStep, value: unknown) => patch(field, (s) => setKey(s, field, value));
  return (
    <Section title={t('inspector.sections.approval')}>
      <ListField label={t('inspector.approvers')} value={step.approvers} placeholder="ops-manager, tech-lead"
        hint={t('inspector.approversHint')} onCommit={(v) => set('approvers', v)} />
      <NumberField label={t('inspector.quorum')} value={step.quorum} placeholder="1" onCommit={(v) => set('quorum', v)} />
      <TextField label={t('inspector.message')} multiline value={step.message} placeholder="Deploy {{ $input.version }}?"
        onCommit={(v) => set('message', v)} />
      <TextField label={t('inspector.timeout')} value={step.timeout} placeholder={t('inspector.approvalTimeout')}
        hint={t('inspector.approvalTimeoutHint')} onCommit={(v) => set('timeout', v)} />
      <SelectField label={t('inspector.onReject')} value={step.onReject} options={others} noneLabel={t('inspector.failTheRun')}
        onChange={(v) => set('onReject', v)} />
      <SelectField label={t('inspector.onTimeout')} value={step.onTimeout} options={others} noneLabel={t('inspector.failTheRun')}
        onChange={(v) => set('onTimeout', v)} />
    </Section>
  );
}
