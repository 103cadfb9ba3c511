/** Inspector fields of parallel, join, wait and fail steps (small enough to share a file). */
import { useAppStoreApi } from '../app-context';
import { addParallelBranch } from '../doc/insert-step';
import type { FailStep, JoinMode, JoinStep, ParallelStep, WaitStep } from '../../engine/model/flow';
import { useTranslation } from '../i18n';
import { ListField, NumberField, Section, SelectField, TextField } from './fields';
import { setKey, useStepEdit } from './use-step-edit';

/**
 * Fields for a parallel step: its branches (first step of each) and the join closing them. "Add
 * branch task" adds a shell task that runs in a new branch and goes on to the join.
 */
export function ParallelFields({ id, step, others }: { id: string; step: ParallelStep; others: string[] }) {
  const { t } = useTranslation();
  const patch = useStepEdit(id);
  const store = useAppStoreApi();
  const addBranch = () => {
    const s = store.getState();
    const positionOf = (sid: string) => s.flow?.layout?.[sid] ?? s.autoPositions[sid];
    let added: string | null = null;
    s.edit((f) => {
      const res = addParallelBranch(f, id, positionOf);
      added = res.id;
      return res.flow;
    });
    if (added) s.selectStep(added);
  };
  return (
    <Section
      title={t('inspector.sections.parallel')}
      actions={
        <button type="button" className="btn small" disabled={!others.includes(step.join)} onClick={addBranch}>
          {t('inspector.addBranchTask')}
        </button>
      }
    >
      <ListField label={t('inspector.branches')} value={step.branches} hint={t('inspector.branchesHint', { ids: others.join(', ') })}
        onCommit={(v) => patch('branches', (s) => ({ ...(s as ParallelStep), branches: v }))} />
      <SelectField label={t('inspector.join')} value={step.join || undefined} options={others} noneLabel={t('inspector.chooseJoin')}
        onChange={(v) => patch('join', (s) => ({ ...(s as ParallelStep), join: v ?? '' }))} />
    </Section>
  );
}

/** Fields for a join: all, any, or a count of branches. */
export function JoinFields({ id, step }: { id: string; step: JoinStep }) {
  const { t } = useTranslation();
  const patch = useStepEdit(id);
  const mode = step.mode ?? 'all';
  const kind = typeof mode === 'string' ? mode : 'count';
  const setMode = (m: JoinMode) => patch('mode', (s) => ({ ...(s as JoinStep), mode: m }));
  return (
    <Section title={t('inspector.sections.join')}>
      <SelectField label={t('inspector.joinMode')} value={kind} options={['all', 'any', 'count']}
        onChange={(v) => setMode(v === 'count' ? { count: 2 } : v === 'any' ? 'any' : 'all')} />
      {typeof mode === 'object' && (
        <NumberField label={t('inspector.branchesToWait')} value={mode.count} onCommit={(v) => v && setMode({ count: v })} />
      )}
    </Section>
  );
}

/** Fields for a wait: a duration, or an expression giving the time to wait until. */
export function WaitFields({ id, step }: { id: string; step: WaitStep }) {
  const { t } = useTranslation();
  const patch = useStepEdit(id);
  return (
    <Section title={t('inspector.sections.wait')}>
      <TextField label={t('inspector.duration')} value={step.duration} placeholder="30s, 5m, PT1H"
        onCommit={(v) => patch('duration', (s) => setKey(s, 'duration', v))} />
      <TextField label={t('inspector.until')} mono value={step.until} placeholder="$input.at"
        onCommit={(v) => patch('until', (s) => setKey(s, 'until', v))} />
    </Section>
  );
}

/** Fields for a fail step: the error name (what catch clauses match) and a message. */
export function FailFields({ id, step }: { id: string; step: FailStep }) {
  const { t } = useTranslation();
  const patch = useStepEdit(id);
  return (
    <Section title={t('inspector.sections.fail')}>
      <TextField label={t('inspector.error')} value={step.error} placeholder="DeployFailed"
        onCommit={(v) => patch('error', (s) => setKey(s, 'error', v))} />
      <TextField label={t('inspector.errorMessage')} value={step.message}
        onCommit={(v) => patch('message', (s) => setKey(s, 'message', v))} />
    </Section>
  );
}
