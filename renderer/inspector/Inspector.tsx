/**
 * The right-hand inspector: edits the selected step (or, with nothing selected, the flow's own
 * fields; with an edge selected, shows what it stands for).
 */
import type { Step } from '../../engine/model/flow';
import { useAppStore } from '../app-context';
import { stepIcon, stepKindLabel } from '../canvas/describe-step';
import { StepIcon } from '../canvas/icons';
import { useTranslation } from '../i18n';
import { ApprovalFields } from './ApprovalFields';
import { BranchFields } from './BranchFields';
import { ErrorFields, NextField } from './CommonFields';
import { FailFields, JoinFields, ParallelFields, WaitFields } from './ControlFields';
import { EdgeInfo, FlowFields } from './FlowFields';
import { Section, TextField } from './fields';
import { IdField } from './IdField';
import { TaskFields } from './TaskFields';
import { setKey, useStepEdit } from './use-step-edit';

function TypeFields({ id, step, others }: { id: string; step: Step; others: string[] }) {
  const { t } = useTranslation();
  switch (step.type) {
    case 'task':
      return <TaskFields id={id} step={step} />;
    case 'approval':
      return <ApprovalFields id={id} step={step} others={others} />;
    case 'branch':
      return <BranchFields id={id} step={step} others={others} />;
    case 'parallel':
      return <ParallelFields id={id} step={step} others={others} />;
    case 'join':
      return <JoinFields id={id} step={step} />;
    case 'wait':
      return <WaitFields id={id} step={step} />;
    case 'fail':
      return <FailFields id={id} step={step} />;
    case 'map':
      return (
        <Section title={t('inspector.sections.map')}>
          <p className="muted">{t('inspector.mapNote', { count: Object.keys(step.steps).length, items: step.items })}</p>
        </Section>
      );
    case 'succeed':
      return null;
  }
}

function StepInspector({ id, step }: { id: string; step: Step }) {
  const { t } = useTranslation();
  const patch = useStepEdit(id);
  const ids = useAppStore((s) => Object.keys(s.flow?.steps ?? {}).join('\n'));
  const others = ids.split('\n').filter((x) => x && x !== id);
  return (
    <>
      <div className={`inspector-head icon-${step.type}`}>
        <span className="step-icon">
          <StepIcon name={stepIcon(step)} />
        </span>
        <div>
          <div className="step-kind">{stepKindLabel(step)}</div>
          <div className="inspector-title">{step.title ?? id}</div>
        </div>
      </div>
      <Section title={t('inspector.sections.step')}>
        <IdField id={id} />
        <TextField label={t('inspector.title')} value={step.title} placeholder={id} onCommit={(v) => patch('title', (s) => setKey(s, 'title', v))} />
        <TextField label={t('inspector.description')} multiline value={step.description}
          onCommit={(v) => patch('description', (s) => setKey(s, 'description', v))} />
        <NextField id={id} step={step} others={others} />
      </Section>
      <TypeFields id={id} step={step} others={others} />
      <ErrorFields id={id} step={step} others={others} />
    </>
  );
}

/** The inspector panel. */
export function Inspector() {
  const { t } = useTranslation();
  const selected = useAppStore((s) => s.selectedStep);
  const step = useAppStore((s) => (s.selectedStep ? s.flow?.steps[s.selectedStep] : undefined));
  const edge = useAppStore((s) => s.selectedEdge);
  const hasFlow = useAppStore((s) => s.flow !== null);
  return (
    <section className="inspector" aria-label={t('regions.inspector')}>
      {selected && step ? (
        // key: a different step gets fresh drafts in its fields
        <StepInspector key={selected} id={selected} step={step} />
      ) : edge ? (
        <EdgeInfo id={edge} />
      ) : hasFlow ? (
        <FlowFields />
      ) : (
        <p className="muted pad">{t('inspector.noFlow')}</p>
      )}
    </section>
  );
}
