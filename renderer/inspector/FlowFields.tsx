/** Inspector content when no step is selected (the flow's fields) or when an edge is. */
import { useMemo } from 'react';
import { useAppStore, useAppStoreApi } from '../app-context';
import { useTranslation } from '../i18n';
import { flowEdges } from '../doc/edges';
import { disconnect } from '../doc/edits';
import { Section, SelectField, TextField } from './fields';
import { FlowInputs } from './FlowInputs';
import { FlowDefaults, FlowTriggers, FlowVars } from './FlowSettings';
import { setFlowKey } from './use-step-edit';

/** Name, title, description and start step of the flow, then its inputs, vars, defaults and triggers. */
export function FlowFields() {
  const { t } = useTranslation();
  const store = useAppStoreApi();
  const flow = useAppStore((s) => s.flow);
  if (!flow) return null;
  const edit = (field: string, value: unknown) =>
    store.getState().edit((f) => setFlowKey(f, field, value), `flow:${field}`);
  const count = Object.keys(flow.steps).length;
  return (
    <>
      <div className="inspector-head">
        <div>
          <div className="step-kind">{t('stepType.flow')}</div>
          <div className="inspector-title">{flow.title ?? flow.name}</div>
        </div>
      </div>
      <Section title={t('inspector.sections.flow')}>
        <TextField label={t('inspector.flowName')} mono value={flow.name} onCommit={(v) => edit('name', v ?? '')} />
        <TextField label={t('inspector.flowTitle')} value={flow.title} onCommit={(v) => edit('title', v)} />
        <TextField label={t('inspector.flowDescription')} multiline value={flow.description} onCommit={(v) => edit('description', v)} />
        <SelectField label={t('inspector.startStep')} value={flow.start} options={Object.keys(flow.steps)}
          onChange={(v) => v && edit('start', v)} />
        <p className="muted">{t('inspector.flowSummary', { count })}</p>
      </Section>
      <FlowInputs />
      <FlowVars />
      <FlowDefaults />
      <FlowTriggers />
    </>
  );
}

/** What a selected edge stands for, with a button to remove it. */
export function EdgeInfo({ id }: { id: string }) {
  const { t } = useTranslation();
  const store = useAppStoreApi();
  const flow = useAppStore((s) => s.flow);
  // Derived outside the selector: a selector returning a fresh object would re-render forever.
  const edge = useMemo(() => (flow ? flowEdges(flow).find((e) => e.id === id) : undefined), [flow, id]);
  if (!edge) return null;
  const kinds = edge.refs.map((r) =>
    r.kind === 'case' ? t('inspector.edgeCase', { when: r.when }) : r.kind === 'catch' ? t('inspector.edgeCatch', { errors: r.errors.join(', ') }) : r.kind,
  );
  return (
    <>
      <div className="inspector-head">
        <div>
          <div className="step-kind">{t('stepType.connection')}</div>
          <div className="inspector-title">
            {edge.source} → {edge.target}
          </div>
        </div>
      </div>
      <Section title={t('inspector.sections.connection')}>
        <ul className="plain">{kinds.map((k) => <li key={k} className="mono">{k}</li>)}</ul>
        <button type="button" className="btn danger"
          onClick={() => {
            store.getState().edit((f) => disconnect(f, edge.source, edge.target));
            store.getState().selectEdge(null);
          }}>
          {t('inspector.deleteConnection')}
        </button>
      </Section>
    </>
  );
}
