/** Inspector fields of an approval: approvers, quorum, message, timeout, and where rejection and timeout go. */
import type { ApprovalStep } from '../../engine/model/flow';
import { ListField, NumberField, Section, SelectField, TextField } from './fields';
import { setKey, useStepEdit } from './use-step-edit';

/** Fields for an approval step (its timeout is how long people have to decide; no retry). */
export function ApprovalFields({ id, step, others }: { id: string; step: ApprovalStep; others: string[] }) {
  const patch = useStepEdit(id);
  const set = (field: keyof ApprovalStep, value: unknown) => patch(field, (s) => setKey(s, field, value));
  return (
    <Section title="Approval">
      <ListField label="Approvers" value={step.approvers} placeholder="ops-manager, tech-lead"
        hint="Comma-separated identities allowed to decide." onCommit={(v) => set('approvers', v)} />
      <NumberField label="Quorum" value={step.quorum} placeholder="1" onCommit={(v) => set('quorum', v)} />
      <TextField label="Message" multiline value={step.message} placeholder="Deploy {{ $input.version }}?"
        onCommit={(v) => set('message', v)} />
      <TextField label="Timeout" value={step.timeout} placeholder="e.g. 2h"
        hint="How long approvers have; then On timeout." onCommit={(v) => set('timeout', v)} />
      <SelectField label="On reject" value={step.onReject} options={others} noneLabel="(fail the run)"
        onChange={(v) => set('onReject', v)} />
      <SelectField label="On timeout" value={step.onTimeout} options={others} noneLabel="(fail the run)"
        onChange={(v) => set('onTimeout', v)} />
    </Section>
  );
}
