/** Inspector fields of a task step: its executor and that executor's fields (TaskBodyFields). */
import type { TaskStep } from '../../engine/model/flow';
import { Section } from './fields';
import { executors, TaskBodyFields } from './TaskBodyFields';
import { useTranslation } from '../i18n';
import { useStepEdit } from './use-step-edit';
import { CallbackFields } from './CallbackFields';

/** Fields for a task step, by executor, then its callback wait (CallbackFields). */
export function TaskFields({ id, step }: { id: string; step: TaskStep }) {
  const { t } = useTranslation();
  const patch = useStepEdit(id);
  const executor = executors.find((e) => step[e] !== undefined);
  return (
    <>
      <Section title={t(`inspector.sections.${executor ?? 'executor'}`)}>
        {/* TaskBodyFields edits the step itself: a task step is a task body with step fields around it. */}
        <TaskBodyFields body={step} onChange={(field, next) => patch(field, () => next as TaskStep)} />
      </Section>
      <CallbackFields id={id} step={step} />
    </>
  );
}
