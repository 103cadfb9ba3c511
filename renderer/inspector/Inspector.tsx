/**
 * The right-hand inspector: edits the selected step (or, with nothing selected, the flow's own
 * fields; with an edge selected, shows what it stands for). A step inside a map body is edited the
 * same way; its Next and other references offer the steps of its own body (DESIGN.md: a map body
 * only references its own steps).
 */
import { useMemo } from 'react';
import './inspector.css';
import type { Step } from '../../engine/model/flow';
import { useAppStore, useAppStoreApi } from '../app-context';
import { stepIcon, stepKindLabel } from '../canvas/describe-step';
import { StepIcon } from '../canvas/icons';
import { findStep } from '../doc/nested';
import { isMalformed, MalformedStep, useSchemaErrors } from './MalformedStep';
import { useTranslation } from '../i18n';
import { ApprovalFields } from './ApprovalFields';
import { BranchFields } from './BranchFields';
import { ErrorFields, NextField } from './CommonFields';
import { FailFields, JoinFields, ParallelFields, WaitFields } from './ControlFields';
import { CompensateFields, MockFields, OutputFields } from './DataFields';
import { EdgeInfo, FlowFields } from './FlowFields';
import { Section, TextField } from './fields';
import { IdField } from './IdField';
import { MapFields } from './MapFields';
import { TaskFields } from './TaskFields';
import { setKey, useStepEdit } from './use-step-edit';

function TypeFields({ id, step, others }: { id: string; step: Step; others: string[] }) {
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
    case 'map':
      return <MapFields id={id} step={step} />;
    case 'wait':
      return <WaitFields id={id} step={step} />;
    case 'fail':
      return <FailFields id={id} step={step} />;
    case 'succeed':
      return null;
  }
}

function StepInspector({ id, step, scopeIds, inMap }: { id: string; step: Step; scopeIds: string[]; inMap: string | undefined }) {
  const { t } = useTranslation();
  const patch = useStepEdit(id);
  const store = useAppStoreApi();
  const others = scopeIds.filter((x) => x !== id);
  return (
    <>
      <div className={`inspector-head icon-${step.type}`}>
        <span className="step-icon">
          <StepIcon name={stepIcon(step)} />
        </span>
        <div>
          <div className="step-kind">{stepKindLabel(step)}{inMap ? t('inspector.inMap', { map: inMap }) : ''}</div>
          <div className="inspector-title">{step.title ?? id}</div>
        </div>
        {inMap && (
          <button type="button" className="btn small" onClick={() => store.getState().selectStep(inMap)}>
            {t('inspector.openMap', { map: inMap })}
          </button>
        )}
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
      <OutputFields id={id} step={step} />
      <CompensateFields id={id} step={step} />
      <MockFields id={id} step={step} />
    </>
  );
}

/** The inspector panel. */
export function Inspector() {
  const { t } = useTranslation();
  const selected = useAppStore((s) => s.selectedStep);
  const flow = useAppStore((s) => s.flow);
  const edge = useAppStore((s) => s.selectedEdge);
  // Derived outside the selector: a selector returning a fresh object would re-render forever.
  const found = useMemo(() => (flow && selected ? findStep(flow, selected) : undefined), [flow, selected]);
  const scopeKey = found ? Object.keys(found.scope).join('\n') : '';
  const scopeIds = useMemo(() => (scopeKey ? scopeKey.split('\n') : []), [scopeKey]);
  const schemaErrors = useSchemaErrors(selected ?? '');
  return (
    <section className="inspector" aria-label={t('regions.inspector')}>
      {selected && found !== undefined && isMalformed(found.step, schemaErrors) ? (
        <MalformedStep id={selected} step={found.step} errors={schemaErrors} />
      ) : selected && found ? (
        // key: a different step gets fresh drafts in its fields
        <StepInspector key={selected} id={selected} step={found.step} scopeIds={scopeIds} inMap={found.maps[found.maps.length - 1]} />
      ) : edge ? (
        <EdgeInfo id={edge} />
      ) : flow ? (
        <FlowFields />
      ) : (
        <p className="muted pad">{t('inspector.noFlow')}</p>
      )}
    </section>
  );
}
