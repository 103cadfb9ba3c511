/**
 * Inspector fields for what a step leaves behind and how it is undone or simulated: output (a
 * JSONata expression shaping the kept output), set (`{var: expression}`), compensate (a task body
 * run on rollback) and mock (output, error, duration in simulation). Shown per applies.ts.
 */
import type { Json, Step, StepMock, TaskBody } from '../../engine/model/flow';
import { applies } from './applies';
import { JsonField, MapField, Section, TextField } from './fields';
import { TaskBodyFields } from './TaskBodyFields';
import { setKey, useStepEdit } from './use-step-edit';

/** Output and set: what the step keeps and which run variables it assigns. */
export function OutputFields({ id, step }: { id: string; step: Step }) {
  const patch = useStepEdit(id);
  const showOutput = applies(step, 'output');
  const showSet = applies(step, 'set');
  if (!showOutput && !showSet) return null;
  return (
    <Section title="Output and variables">
      {showOutput && (
        <TextField label="Output" mono value={step.output} placeholder='{"version": stdout}'
          hint="JSONata over the raw output ($); what the step keeps."
          onCommit={(v) => patch('output', (s) => setKey(s, 'output', v))} />
      )}
      {showSet && (
        <MapField label="Set" value={step.set} newValue="$" newName="var" mono valuePlaceholder="$.version"
          onChange={(set, field) => patch(`set:${field}`, (s) => setKey(s, 'set', set))} />
      )}
    </Section>
  );
}

/** Compensate: the work that undoes this step when the run fails (saga). */
export function CompensateFields({ id, step }: { id: string; step: Step }) {
  const patch = useStepEdit(id);
  if (!applies(step, 'compensate')) return null;
  const body = step.compensate;
  return (
    <Section
      title="Compensate"
      actions={
        body ? (
          <button type="button" className="btn small danger" onClick={() => patch('compensate', (s) => setKey(s, 'compensate', undefined))}>
            Remove compensation
          </button>
        ) : (
          <button type="button" className="btn small" onClick={() => patch('compensate', (s) => setKey(s, 'compensate', { shell: 'echo undo' }))}>
            Add compensation
          </button>
        )
      }
    >
      {body ? (
        <TaskBodyFields body={body} prefix="Compensate " onChange={(field, next: TaskBody) => patch(field, (s) => setKey(s, 'compensate', next))} />
      ) : (
        <p className="muted">Nothing runs to undo this step when the run fails.</p>
      )}
    </Section>
  );
}

/** Mock: how the step behaves in a simulation (never in a real run). */
export function MockFields({ id, step }: { id: string; step: Step }) {
  const patch = useStepEdit(id);
  if (!applies(step, 'mock')) return null;
  const mock = step.mock ?? {};
  const setMock = (field: string, next: StepMock) =>
    patch(`mock.${field}`, (s) => setKey(s, 'mock', Object.keys(next).length ? next : undefined));
  const error = mock.error;
  return (
    <Section title="Mock (simulation)">
      <JsonField label="Mock output (JSON)" multiline value={mock.output} placeholder='{"status": 200}'
        onCommit={(v: Json | undefined) => setMock('output', setKey(mock, 'output', v))} />
      <div className="row">
        <TextField label="Mock error" value={error?.name} placeholder="Timeout"
          onCommit={(v) => setMock('error', setKey(mock, 'error', v ? { ...error, name: v } : undefined))} />
        <TextField label="Mock duration" value={mock.duration} placeholder="2m"
          onCommit={(v) => setMock('duration', setKey(mock, 'duration', v))} />
      </div>
      {error && (
        <TextField label="Mock error message" value={error.message}
          onCommit={(v) => setMock('error.message', { ...mock, error: setKey(error, 'message', v) })} />
      )}
    </Section>
  );
}
