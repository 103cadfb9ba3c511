/**
 * The canvas: a React Flow view of the document. Gestures become document edits (renderer/doc);
 * the document, never React Flow's own state, decides what is drawn. Node positions live in
 * local state only while a drag is under way, and are written to `layout` when it ends (one undo
 * step for everything dragged together).
 *
 * Big flows (issue #8): only visible nodes are rendered (`onlyRenderVisibleElements`), node and
 * edge objects are reused when their step did not change (build-graph.ts), layout runs in a web
 * worker and a provisional layout is drawn meanwhile (use-auto-layout.ts).
 *
 * Selection: React Flow's multi-selection (Shift/Ctrl/Cmd click, Shift-drag box) lives here as a
 * set of node ids, mirrored in the store's `selectedSteps` (copy, duplicate and paste use it); the
 * store's single `selectedStep` is that step when one is selected, else null.
 */
import {
  Background,
  Controls,
  ReactFlow,
  applyNodeChanges,
  useReactFlow,
  type Connection,
  type EdgeChange,
  type NodeChange,
  type OnDelete,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import type { Position, StepId } from '../../engine/model/flow';
import { useActions, useAppStore, useAppStoreApi } from '../app-context';
import { useTranslation } from '../i18n';
import { useFlowAriaLabels } from '../i18n/flow-labels';
import { useTheme } from '../theme/theme';
import type { ConnectKind } from '../doc/edits';
import { groupFlow } from '../doc/groups';
import { connectDeep, deleteStepsDeep, disconnectDeep, placeSteps } from '../doc/nested';
import { NODE_HEIGHT, NODE_WIDTH } from '../doc/node-size';
import { PALETTE_DRAG_TYPE, toPaletteKind } from '../doc/new-step';
import { buildGraph, newGraphCache, type CanvasNode } from './build-graph';
import { CanvasTools } from './CanvasTools';
import { nodeTypes } from './step-nodes';
import { useAutoLayout } from './use-auto-layout';
import { useOpenFrame } from './use-open-frame';
import { timed } from '../perf';
import { diffCanvas } from '../versions/diff-canvas';

const NO_SELECTION: ReadonlySet<string> = new Set();
const DELETE_KEYS = ['Delete', 'Backspace'];

/**
 * Above this many nodes only the visible ones are rendered. Below it every step stays in the DOM
 * (DESIGN.md's Designer DOM: tests and assistive technology find any step by `data-step-id`),
 * which costs nothing noticeable at that size.
 */
export const RENDER_VISIBLE_ONLY_ABOVE = 200;

/** The flow canvas with tools (Tidy up, minimap), Controls and Background. */
export function Canvas() {
  const store = useAppStoreApi();
  const actions = useActions();
  // While a big file opens, its first steps (doc/preview.ts) are drawn until the whole text is parsed.
  const docFlow = useAppStore((s) => s.flow ?? s.preview);
  // Issue #12: during a version diff the canvas draws the newer side with removed steps as ghosts, read-only.
  const versionDiff = useAppStore((s) => s.versionDiff);
  const shownDiff = useMemo(
    () => (versionDiff && docFlow ? diffCanvas(versionDiff.newer ?? docFlow, versionDiff.older, versionDiff.diff) : null),
    [versionDiff, docFlow],
  );
  const flow = shownDiff?.flow ?? docFlow;
  const isDiff = shownDiff !== null;
  // A published version on show is not the document: its steps are not the inspector's to edit.
  const showsVersion = versionDiff?.newer != null;
  const isDiffRef = useRef(isDiff);
  isDiffRef.current = isDiff;
  const isPreview = useAppStore((s) => s.flow === null && s.preview !== null);
  const path = useAppStore((s) => s.path);
  const selectedStep = useAppStore((s) => s.selectedStep);
  const selectedSteps = useAppStore((s) => s.selectedSteps);
  const selectedEdge = useAppStore((s) => s.selectedEdge);
  const { t, i18n } = useTranslation();
  const ariaLabels = useFlowAriaLabels();
  const { theme } = useTheme();
  const groups = useMemo(() => (flow ? timed('groupFlow', () => groupFlow(flow)) : null), [flow]);
  const { positions, isPending } = useAutoLayout(flow, groups, isPreview);
  const [selection, setSelection] = useState<ReadonlySet<string>>(NO_SELECTION);
  const cache = useRef(newGraphCache());
  const graph = useMemo(
    () => timed('buildGraph', () => buildGraph({ flow, positions, selected: selection, selectedEdge, ghosts: shownDiff?.ghosts }, cache.current, groups ?? undefined)),
    // The language is a dependency: edge labels are translated (i18n/edge-labels.ts).
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [flow, positions, selection, selectedEdge, groups, i18n.language, shownDiff],
  );
  const [nodes, setNodes] = useState<CanvasNode[]>([]);
  const nodesRef = useRef<CanvasNode[]>([]);
  useEffect(() => {
    nodesRef.current = graph.nodes;
    setNodes(graph.nodes);
  }, [graph]);
  const paneRef = useRef<HTMLDivElement>(null);
  const { setCenter, getViewport, screenToFlowPosition } = useReactFlow();
  const { frame, onUserMove } = useOpenFrame(path, flow?.start ?? null, graph.boxes, isPending, paneRef);

  // The store's selection (set by the inspector, run path, findings, a paste) becomes the canvas'.
  useEffect(() => {
    setSelection((prev) => (hasSameMembers(prev, selectedSteps) ? prev : selectedSteps.length ? new Set(selectedSteps) : NO_SELECTION));
  }, [selectedSteps]);

  // A step selected elsewhere is brought into view if none of it is on screen (a step dropped
  // half over the pane's edge stays where it was dropped).
  // Read through a ref: the effect runs when the selection changes, not on every edit of the graph.
  const boxesRef = useRef(graph.boxes);
  boxesRef.current = graph.boxes;
  useEffect(() => {
    const box = selectedStep ? boxesRef.current.get(selectedStep) : undefined;
    const pane = paneRef.current?.getBoundingClientRect();
    if (!box || !pane) return;
    const { x, y, zoom } = getViewport();
    const sx = box.x * zoom + x;
    const sy = box.y * zoom + y;
    if (sx + box.w * zoom > 0 && sy + box.h * zoom > 0 && sx < pane.width && sy < pane.height) return;
    void setCenter(box.x + box.w / 2, box.y + box.h / 2, { zoom, duration: 250 });
  }, [selectedStep, getViewport, setCenter]);

  const onNodesChange = useCallback(
    (changes: NodeChange<CanvasNode>[]) => {
      // Removal goes through onDelete (one edit for nodes and edges); selection is ours.
      const local = changes.filter((c) => c.type !== 'remove' && c.type !== 'select');
      if (local.length) setNodes((nds) => (nodesRef.current = applyNodeChanges(local, nds)));
      const picks = changes.filter((c) => c.type === 'select');
      if (picks.length) {
        setSelection((prev) => {
          const next = new Set(prev);
          for (const c of picks) if (c.type === 'select') (c.selected ? next.add(c.id) : next.delete(c.id));
          // Deferred: a store update re-renders other components, which React forbids inside an updater.
          queueMicrotask(() => {
            const s = store.getState();
            if (!hasSameMembers(next, s.selectedSteps)) s.selectSteps([...next]);
          });
          return next;
        });
      }
      const dropped = changes.filter((c) => c.type === 'position' && c.dragging === false);
      if (dropped.length && !isDiffRef.current) store.getState().edit((f) => placeSteps(f, droppedPositions(dropped, nodesRef.current)));
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
      if (isDiffRef.current) return;
      store.getState().edit((f) => connectDeep(f, c.source, c.target, (c.sourceHandle ?? 'next') as ConnectKind));
    },
    [store],
  );

  // Everything deleted at once (a box selection, several edges) is one edit: one undo step.
  const onDelete: OnDelete<CanvasNode> = useCallback(
    ({ nodes: gone, edges: cut }) => {
      if (isDiffRef.current) return;
      const s = store.getState();
      const ids = gone.filter((n) => n.type !== 'frame').map((n) => n.id);
      s.edit((f) => deleteStepsDeep(cut.reduce((g, e) => disconnectDeep(g, e.source, e.target), f), ids));
      if (ids.length) {
        setSelection(NO_SELECTION);
        s.selectStep(null);
      } else if (cut.length) s.selectEdge(null);
    },
    [store],
  );

  const onDragOver = useCallback((e: DragEvent) => {
    if (!e.dataTransfer.types.includes(PALETTE_DRAG_TYPE)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  }, []);

  // A palette entry dropped on the canvas is added where it was dropped (centred on the pointer).
  const onDrop = useCallback(
    (e: DragEvent) => {
      const kind = toPaletteKind(e.dataTransfer.getData(PALETTE_DRAG_TYPE));
      if (!kind || isDiffRef.current) return;
      e.preventDefault();
      const at = screenToFlowPosition({ x: e.clientX, y: e.clientY });
      actions.addFromPalette(kind, { x: at.x - NODE_WIDTH / 2, y: at.y - NODE_HEIGHT / 2 });
    },
    [actions, screenToFlowPosition],
  );

  if (!flow) return <EmptyCanvas />;
  return (
    <div className="canvas-pane" ref={paneRef} data-layout={isPending ? 'pending' : 'done'} data-preview={isPreview ? 'true' : undefined} data-diff-view={isDiff ? 'true' : undefined}>
      <ReactFlow
        nodes={nodes}
        edges={graph.edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onDelete={onDelete}
        onMoveStart={onUserMove}
        onDragOver={onDragOver}
        onDrop={onDrop}
        onPaneClick={() => store.getState().selectStep(null)}
        onlyRenderVisibleElements={nodes.length > RENDER_VISIBLE_ONLY_ABOVE}
        zIndexMode="auto"
        deleteKeyCode={isDiff ? null : DELETE_KEYS}
        nodesDraggable={!isDiff}
        nodesConnectable={!isDiff}
        elementsSelectable={!showsVersion}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={['Shift', 'Control', 'Meta']}
        minZoom={0.1}
        maxZoom={2}
        proOptions={{ hideAttribution: true }}
        aria-label={t('canvas.ariaLabel')}
        ariaLabelConfig={ariaLabels}
        colorMode={theme}
      >
        <Background gap={20} size={1.2} color="var(--canvas-dots)" />
        <CanvasTools onFrame={frame} />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}

/** True when `set` holds exactly the ids of `list`. */
function hasSameMembers(set: ReadonlySet<string>, list: readonly string[]): boolean {
  return set.size === list.length && list.every((id) => set.has(id));
}

/**
 * Absolute positions of dragged top-level steps at the end of a drag. A child's position is
 * relative to its frame; a dragged frame moves every top-level step inside it by its delta.
 */
function droppedPositions(changes: NodeChange<CanvasNode>[], nodes: readonly CanvasNode[]): Record<StepId, Position> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const abs = (id: string | undefined): Position => {
    const n = id === undefined ? undefined : byId.get(id);
    if (!n) return { x: 0, y: 0 };
    const p = abs(n.parentId);
    return { x: p.x + n.position.x, y: p.y + n.position.y };
  };
  const out: Record<StepId, Position> = {};
  for (const c of changes) {
    if (c.type !== 'position') continue;
    const node = byId.get(c.id);
    if (!node) continue;
    const pos = c.position ?? node.position;
    const parent = abs(node.parentId);
    if (node.type !== 'frame') {
      out[c.id] = { x: parent.x + pos.x, y: parent.y + pos.y };
      continue;
    }
    // The frame's steps did not move relative to it: their new absolute place is frame + offset.
    const origin = { x: parent.x + pos.x, y: parent.y + pos.y };
    const within = (id: string | undefined, o: Position) => {
      for (const n of nodes) {
        if (n.parentId !== id) continue;
        const p = { x: o.x + n.position.x, y: o.y + n.position.y };
        if (n.type === 'frame') within(n.id, p);
        else out[n.id] = p;
      }
    };
    within(c.id, origin);
  }
  return out;
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
