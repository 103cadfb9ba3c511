/** Inspector fields of a task step: its executor and that executor's fields (TaskBodyFields). */
import type { TaskStep } from '../../engine/model/flow';
import { Section } from './fields';
import { executors, TaskBodyFields } from './TaskBodyFields';
import { useStepEdit } from './use-step-edit';

const sectionTitle: Record<string, string> = { shell: 'Shell', http: 'HTTP', script: 'Script', notify: 'Notify', call: 'Call flow' };

/** Fields for a task step, by executor. */
export function TaskFields({ id, step }: { id: string; step: TaskStep }) {
  const patch = useStepEdit(id);
  const executor = executors.find((e) => step[e] !== undefined);
  return (
    <Section title={sectionTitle[executor ?? ''] ?? 'Executor'}>
      {/* TaskBodyFields edits the step itself: a task step is a task body with step fields around it. */}
      <TaskBodyFields body={step} onChange={(field, next) => patch(field, () => next as TaskStep)} />
    </Section>
  );
}
