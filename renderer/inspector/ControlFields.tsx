/** Inspector fields of parallel, join, wait and fail steps (small enough to share a file). */
import { useAppStoreApi } from '../app-context';
import { addParallelBranch } from '../doc/insert-step';
import type { FailStep, JoinMode, JoinStep, ParallelStep, WaitStep } from '../../engine/model/flow';
import { ListField, NumberField, Section, SelectField, TextField } from './fields';
import { setKey, useStepEdit } from './use-step-edit';

/**
 * Fields for a parallel step: its branches (first step of each) and the join closing them. "Add
 * branch task" adds a shell task that runs in a new branch and goes on to the join.
 */
export function ParallelFields({ id, step, others }: { id: string; step: ParallelStep; others: string[] }) {
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
      title="Parallel"
      actions={
        <button type="button" className="btn small" disabled={!others.includes(step.join)} onClick={addBranch}>
          Add branch task
        </button>
      }
    >
      <ListField label="Branches" value={step.branches} hint={`First step of each branch; one of: ${others.join(', ')}`}
        onCommit={(v) => patch('branches', (s) => ({ ...(s as ParallelStep), branches: v }))} />
      <SelectField label="Join" value={step.join || undefined} options={others} noneLabel="(choose the join)"
        onChange={(v) => patch('join', (s) => ({ ...(s as ParallelStep), join: v ?? '' }))} />
    </Section>
  );
}

/** Fields for a join: all, any, or a count of branches. */
export function JoinFields({ id, step }: { id: string; step: JoinStep }) {
  const patch = useStepEdit(id);
  const mode = step.mode ?? 'all';
  const kind = typeof mode === 'string' ? mode : 'count';
  const setMode = (m: JoinMode) => patch('mode', (s) => ({ ...(s as JoinStep), mode: m }));
  return (
    <Section title="Join">
      <SelectField label="Join mode" value={kind} options={['all', 'any', 'count']}
        onChange={(v) => setMode(v === 'count' ? { count: 2 } : v === 'any' ? 'any' : 'all')} />
      {typeof mode === 'object' && (
        <NumberField label="Branches to wait for" value={mode.count} onCommit={(v) => v && setMode({ count: v })} />
      )}
    </Section>
  );
}

/** Fields for a wait: a duration, or an expression giving the time to wait until. */
export function WaitFields({ id, step }: { id: string; step: WaitStep }) {
  const patch = useStepEdit(id);
  return (
    <Section title="Wait">
      <TextField label="Duration" value={step.duration} placeholder="30s, 5m, PT1H"
        onCommit={(v) => patch('duration', (s) => setKey(s, 'duration', v))} />
      <TextField label="Until (expression)" mono value={step.until} placeholder="$input.at"
        onCommit={(v) => patch('until', (s) => setKey(s, 'until', v))} />
    </Section>
  );
}

/** Fields for a fail step: the error name (what catch clauses match) and a message. */
export function FailFields({ id, step }: { id: string; step: FailStep }) {
  const patch = useStepEdit(id);
  return (
    <Section title="Fail">
      <TextField label="Error" value={step.error} placeholder="DeployFailed"
        onCommit={(v) => patch('error', (s) => setKey(s, 'error', v))} />
      <TextField label="Error message" value={step.message}
        onCommit={(v) => patch('message', (s) => setKey(s, 'message', v))} />
    </Section>
  );
}
