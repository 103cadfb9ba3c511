/** Inspector content when no step is selected (the flow's fields) or when an edge is. */
import { useMemo } from 'react';
import { useAppStore, useAppStoreApi } from '../app-context';
import { flowEdges } from '../doc/edges';
import { disconnect } from '../doc/edits';
import { Section, SelectField, TextField } from './fields';
import { FlowInputs } from './FlowInputs';
import { FlowDefaults, FlowTriggers, FlowVars } from './FlowSettings';
import { setFlowKey } from './use-step-edit';

/** Name, title, description and start step of the flow, then its inputs, vars, defaults and triggers. */
export function FlowFields() {
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
          <div className="step-kind">flow</div>
          <div className="inspector-title">{flow.title ?? flow.name}</div>
        </div>
      </div>
      <Section title="Flow">
        <TextField label="Flow name" mono value={flow.name} onCommit={(v) => edit('name', v ?? '')} />
        <TextField label="Flow title" value={flow.title} onCommit={(v) => edit('title', v)} />
        <TextField label="Flow description" multiline value={flow.description} onCommit={(v) => edit('description', v)} />
        <SelectField label="Start step" value={flow.start} options={Object.keys(flow.steps)}
          onChange={(v) => v && edit('start', v)} />
        <p className="muted">{count} step{count === 1 ? '' : 's'}. Select a step on the canvas to edit it.</p>
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
  const store = useAppStoreApi();
  const flow = useAppStore((s) => s.flow);
  // Derived outside the selector: a selector returning a fresh object would re-render forever.
  const edge = useMemo(() => (flow ? flowEdges(flow).find((e) => e.id === id) : undefined), [flow, id]);
  if (!edge) return null;
  const kinds = edge.refs.map((r) => (r.kind === 'case' ? `case: ${r.when}` : r.kind === 'catch' ? `catch ${r.errors.join(', ')}` : r.kind));
  return (
    <>
      <div className="inspector-head">
        <div>
          <div className="step-kind">connection</div>
          <div className="inspector-title">
            {edge.source} → {edge.target}
          </div>
        </div>
      </div>
      <Section title="Connection">
        <ul className="plain">{kinds.map((k) => <li key={k} className="mono">{k}</li>)}</ul>
        <button type="button" className="btn danger"
          onClick={() => {
            store.getState().edit((f) => disconnect(f, edge.source, edge.target));
            store.getState().selectEdge(null);
          }}>
          Delete connection
        </button>
      </Section>
    </>
  );
}
