/**
 * Inspector fields for what a step leaves behind and how it is undone or simulated: output (a
 * JSONata expression shaping the kept output), set (`{var: expression}`), compensate (a task body
 * run on rollback) and mock (output, error, duration in simulation). Shown per applies.ts.
 */
import type { Json, Step, StepMock, TaskBody } from '../../engine/model/flow';
import { useTranslation } from '../i18n';
import { applies } from './applies';
import { JsonField, MapField, Section, TextField } from './fields';
import { TaskBodyFields } from './TaskBodyFields';
import { setKey, useStepEdit } from './use-step-edit';

/** Output and set: what the step keeps and which run variables it assigns. */
export function OutputFields({ id, step }: { id: string; step: Step }) {
  const { t } = useTranslation();
  const patch = useStepEdit(id);
  const showOutput = applies(step, 'output');
  const showSet = applies(step, 'set');
  if (!showOutput && !showSet) return null;
  return (
    <Section title={t('inspector.sections.output')}>
      {showOutput && (
        <TextField label={t('inspector.output')} mono value={step.output} placeholder='{"version": stdout}'
          hint={t('inspector.outputHint')}
          onCommit={(v) => patch('output', (s) => setKey(s, 'output', v))} />
      )}
      {showSet && (
        <MapField label={t('inspector.set')} value={step.set} newValue="$" newName="var" mono valuePlaceholder="$.version"
          onChange={(set, field) => patch(`set:${field}`, (s) => setKey(s, 'set', set))} />
      )}
    </Section>
  );
}

/** Compensate: the work that undoes this step when the run fails (saga). */
export function CompensateFields({ id, step }: { id: string; step: Step }) {
  const { t } = useTranslation();
  const patch = useStepEdit(id);
  if (!applies(step, 'compensate')) return null;
  const body = step.compensate;
  return (
    <Section
      title={t('inspector.sections.compensate')}
      actions={
        body ? (
          <button type="button" className="btn small danger" onClick={() => patch('compensate', (s) => setKey(s, 'compensate', undefined))}>
            {t('inspector.removeCompensation')}
          </button>
        ) : (
          <button type="button" className="btn small" onClick={() => patch('compensate', (s) => setKey(s, 'compensate', { shell: 'echo undo' }))}>
            {t('inspector.addCompensation')}
          </button>
        )
      }
    >
      {body ? (
        <TaskBodyFields body={body} prefix={t('inspector.compensatePrefix')} onChange={(field, next: TaskBody) => patch(field, (s) => setKey(s, 'compensate', next))} />
      ) : (
        <p className="muted">{t('inspector.noCompensation')}</p>
      )}
    </Section>
  );
}

/** Mock: how the step behaves in a simulation (never in a real run). */
export function MockFields({ id, step }: { id: string; step: Step }) {
  const { t } = useTranslation();
  const patch = useStepEdit(id);
  if (!applies(step, 'mock')) return null;
  const mock = step.mock ?? {};
  const setMock = (field: string, next: StepMock) =>
    patch(`mock.${field}`, (s) => setKey(s, 'mock', Object.keys(next).length ? next : undefined));
  const error = mock.error;
  return (
    <Section title={t('inspector.sections.mock')}>
      <JsonField label={t('inspector.mockOutput')} multiline value={mock.output} placeholder='{"status": 200}'
        onCommit={(v: Json | undefined) => setMock('output', setKey(mock, 'output', v))} />
      <div className="row">
        <TextField label={t('inspector.mockError')} value={error?.name} placeholder={t('inspector.mockErrorPlaceholder')}
          onCommit={(v) => setMock('error', setKey(mock, 'error', v ? { ...error, name: v } : undefined))} />
        <TextField label={t('inspector.mockDuration')} value={mock.duration} placeholder="2m"
          onCommit={(v) => setMock('duration', setKey(mock, 'duration', v))} />
      </div>
      {error && (
        <TextField label={t('inspector.mockErrorMessage')} value={error.message}
          onCommit={(v) => setMock('error.message', { ...mock, error: setKey(error, 'message', v) })} />
      )}
    </Section>
  );
}
