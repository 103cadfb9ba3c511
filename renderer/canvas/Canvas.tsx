/**
 * The canvas: a React Flow view of the document. Gestures become document edits (renderer/doc);
 * the document, never React Flow's own state, decides what is drawn. Node positions live in
 * local state only while a drag is under way, and are written to `layout` when it ends (one undo step).
 */
import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  applyNodeChanges,
  useReactFlow,
  type Connection,
  type EdgeChange,
  type NodeChange,
  type OnDelete,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useAppStore, useAppStoreApi } from '../app-context';
import { useTranslation } from '../i18n';
import { useFlowAriaLabels } from '../i18n/flow-labels';
import { useTheme } from '../theme/theme';
import { connect, deleteSteps, disconnect, moveStep, type ConnectKind } from '../doc/edits';
import { NODE_HEIGHT, NODE_WIDTH } from '../doc/node-size';
import { buildEdges, buildNodes } from './build-graph';
import { nodeTypes, type StepNode } from './step-nodes';
import { useAutoLayout } from './use-auto-layout';

const typeColors: Record<string, string> = {
  task: '#0ea5e9', approval: '#f97316', branch: '#2563eb', parallel: '#7c3aed', join: '#7c3aed',
  map: '#0d9488', wait: '#64748b', succeed: '#16a34a', fail: '#dc2626',
};

/** The flow canvas with MiniMap, Controls and Background. */
export function Canvas() {
  useAutoLayout();
  const store = useAppStoreApi();
  const flow = useAppStore((s) => s.flow);
  const path = useAppStore((s) => s.path);
  const computed = useAppStore((s) => s.autoPositions);
  const selectedStep = useAppStore((s) => s.selectedStep);
  const selectedEdge = useAppStore((s) => s.selectedEdge);
  const [nodes, setNodes] = useState<StepNode[]>([]);
  const nodesRef = useRef<StepNode[]>([]);
  const { setViewport, getNodesBounds, getViewport, setCenter } = useReactFlow();
  const ariaLabels = useFlowAriaLabels();
  const { theme } = useTheme();

  useEffect(() => {
    setNodes((prev) => (nodesRef.current = buildNodes(flow, computed, selectedStep, prev)));
  }, [flow, computed, selectedStep]);
  const { t, i18n } = useTranslation();
  // The language is a dependency: edge labels are translated (i18n/edge-labels.ts).
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const edges = useMemo(() => buildEdges(flow, selectedEdge), [flow, selectedEdge, i18n.language]);

  // Frame the flow once per opened file, when all its steps have positions.
  const fittedFor = useRef<string | null>(null);
  const paneRef = useRef<HTMLDivElement>(null);
  const stepCount = flow ? Object.keys(flow.steps).length : 0;
  useEffect(() => {
    if (!path || fittedFor.current === path || stepCount === 0 || nodes.length < stepCount) return;
    const pane = paneRef.current?.getBoundingClientRect();
    if (!pane) return;
    fittedFor.current = path;
    void setViewport(frame(getNodesBounds(nodes), pane));
  }, [path, nodes, stepCount, setViewport, getNodesBounds]);

  // A step selected elsewhere (run path, findings) is brought into view if it is off screen.
  useEffect(() => {
    const node = selectedStep ? nodesRef.current.find((n) => n.id === selectedStep) : undefined;
    const pane = paneRef.current?.getBoundingClientRect();
    if (!node || !pane) return;
    const { x, y, zoom } = getViewport();
    const w = (node.measured?.width ?? NODE_WIDTH) * zoom;
    const h = (node.measured?.height ?? NODE_HEIGHT) * zoom;
    const sx = node.position.x * zoom + x;
    const sy = node.position.y * zoom + y;
    if (sx >= 0 && sy >= 0 && sx + w <= pane.width && sy + h <= pane.height) return;
    void setCenter(node.position.x + w / zoom / 2, node.position.y + h / zoom / 2, { zoom, duration: 250 });
  }, [selectedStep, getViewport, setCenter]);

  const onNodesChange = useCallback(
    (changes: NodeChange<StepNode>[]) => {
      // Removal goes through onDelete (one edit for nodes and edges); selection through the store.
      const local = changes.filter((c) => c.type !== 'remove' && c.type !== 'select');
      if (local.length) setNodes((nds) => (nodesRef.current = applyNodeChanges(local, nds)));
      const s = store.getState();
      const picked = changes.find((c) => c.type === 'select' && c.selected);
      if (picked?.type === 'select') s.selectStep(picked.id);
      else if (changes.some((c) => c.type === 'select' && c.id === s.selectedStep)) s.selectStep(null);
      for (const c of changes) {
        if (c.type !== 'position' || c.dragging !== false) continue;
        const pos = c.position ?? nodesRef.current.find((n) => n.id === c.id)?.position;
        if (pos) s.edit((f) => moveStep(f, c.id, pos));
      }
    },
    [store],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      const s = store.getState();
      const picked = changes.find((c) => c.type === 'select' && c.selected);
      if (picked?.type === 'select') s.selectEdge(picked.id);
      else if (changes.some((c) => c.type === 'select' && c.id === s.selectedEdge)) s.selectEdge(null);
    },
    [store],
  );

  const onConnect = useCallback(
    (c: Connection) => {
      store.getState().edit((f) => connect(f, c.source, c.target, (c.sourceHandle ?? 'next') as ConnectKind));
    },
    [store],
  );

  const onDelete: OnDelete = useCallback(
    ({ nodes: gone, edges: cut }) => {
      const s = store.getState();
      s.edit((f) => cut.reduce((g, e) => disconnect(g, e.source, e.target), deleteSteps(f, gone.map((n) => n.id))));
      if (gone.length) s.selectStep(null);
      else if (cut.length) s.selectEdge(null);
    },
    [store],
  );

  if (!flow) return <EmptyCanvas />;
  return (
    <div className="canvas-pane" ref={paneRef}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onDelete={onDelete}
        onPaneClick={() => store.getState().selectStep(null)}
        deleteKeyCode={['Delete', 'Backspace']}
        multiSelectionKeyCode={null}
        minZoom={0.2}
        maxZoom={2}
        proOptions={{ hideAttribution: true }}
        aria-label={t('canvas.ariaLabel')}
        ariaLabelConfig={ariaLabels}
        colorMode={theme}
      >
        <Background gap={20} size={1.2} color="var(--canvas-dots)" />
        <MiniMap pannable zoomable style={{ width: 150, height: 110 }} nodeColor={(n) => typeColors[n.type ?? ''] ?? '#94a3b8'} nodeStrokeWidth={2} />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}

/** Smallest zoom at which node text stays readable when opening a flow. */
const READABLE_ZOOM = 0.7;

/**
 * The viewport for a freshly opened flow: the whole flow when it fits at a readable zoom, else
 * readable zoom with the top of the flow (its start, in a top-down layout) in view, as a long
 * runbook is read from the top.
 */
function frame(b: { x: number; y: number; width: number; height: number }, pane: { width: number; height: number }) {
  const pad = 40;
  const fit = Math.min((pane.width - 2 * pad) / Math.max(b.width, 1), (pane.height - 2 * pad) / Math.max(b.height, 1));
  const zoom = Math.max(Math.min(fit, 1.1), READABLE_ZOOM);
  const x = pane.width / 2 - (b.x + b.width / 2) * zoom;
  const y = fit >= READABLE_ZOOM ? pane.height / 2 - (b.y + b.height / 2) * zoom : pad - b.y * zoom;
  return { x, y, zoom };
}

function EmptyCanvas() {
  const { t } = useTranslation();
  const openDialog = useAppStore((s) => s.openDialog);
  const setBottomTab = useAppStore((s) => s.setBottomTab);
  const path = useAppStore((s) => s.path);
  if (path) {
    // The file was opened but is not a flow document (YAML syntax error): its findings say where.
    return (
      <div className="empty-canvas">
        <h2>{t('canvas.unreadable')}</h2>
        <p className="mono">{path}</p>
        <button type="button" className="btn" onClick={() => setBottomTab('findings')}>
          {t('canvas.showFindings')}
        </button>
      </div>
    );
  }
  return (
    <div className="empty-canvas">
      <h2>{t('canvas.noFlow')}</h2>
      <p>{t('canvas.noFlowHint')}</p>
      <button type="button" className="btn primary" onClick={() => openDialog('templates')}>
        {t('canvas.browseTemplates')}
      </button>
    </div>
  );
}
