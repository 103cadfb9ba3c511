/**
 * Document → React Flow nodes and edges, with groups (doc/groups.ts): parallel frames and map
 * frames are parent nodes (`parentId`), their steps children positioned relative to them.
 *
 * Built for big flows (issue #8 point 6): a `GraphCache` keeps the node and edge objects of the
 * last build, and an object is reused whenever what it shows did not change (same step object,
 * position, parent, size, selection). React Flow then re-renders only the nodes whose object is
 * new, so selecting a node or editing one step redraws one or two nodes, not the flow.
 */
import { MarkerType, type Edge, type Node } from '@xyflow/react';
import type { Flow, Position, Step, StepId } from '../../engine/model/flow';
import { flowEdges, type EdgeRef, type FlowEdge } from '../doc/edges';
import { groupFlow, type Groups } from '../doc/groups';
import { FRAME } from '../doc/layout';
import { NODE_HEIGHT, NODE_WIDTH } from '../doc/node-size';
import { edgeLabel } from '../i18n/edge-labels';
import { i18n } from '../i18n';
import { nodeHandles } from './node-handles';
import type { StepNodeData } from './NodeShell';

/** A canvas node of a step (its type is the step type). */
export type StepNode = Node<StepNodeData, Step['type']>;

/** Data of a parallel's frame. */
export interface FrameNodeData extends Record<string, unknown> {
  parallel: StepId;
  title: string;
}

/** The frame drawn around a parallel's branches. */
export type FrameNode = Node<FrameNodeData, 'frame'>;

/** Any canvas node. */
export type CanvasNode = StepNode | FrameNode;

/** Edge data: the references the edge stands for. */
export interface StepEdgeData extends Record<string, unknown> {
  refs: EdgeRef[];
}

/** Node and edge objects of the previous build, by id (see the module comment). */
export interface GraphCache {
  nodes: Map<string, CanvasNode>;
  edges: Map<string, { key: string; edge: Edge<StepEdgeData> }>;
  /** The last edge array: returned again when every edge is the same object, so React Flow skips its O(edges) update. */
  edgeList: Edge<StepEdgeData>[];
}

/** An empty cache. */
export const newGraphCache = (): GraphCache => ({ nodes: new Map(), edges: new Map(), edgeList: [] });

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

const edgeColors: Record<FlowEdge['style'], string> = {
  normal: '#64748b',
  case: '#2563eb',
  branch: '#7c3aed',
  reject: '#ea580c',
  catch: '#dc2626',
};

/**
 * Absolute boxes of every node that can be placed: steps from `positions` (top level absolute,
 * nested relative to their map), maps sized around their body, frames around their members.
 */
export function nodeBoxes(flow: Flow, groups: Groups, positions: Readonly<Record<StepId, Position>>): Map<string, Box> {
  const boxes = new Map<string, Box>();
  // Children of each parent, to size maps and frames from what they hold.
  const children = new Map<string, string[]>();
  for (const [child, parent] of groups.parentOf) {
    const list = children.get(parent);
    if (list) list.push(child);
    else children.set(parent, [child]);
  }
  const hull = (ids: readonly string[]): Box | undefined => {
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const id of ids) {
      const b = boxes.get(id);
      if (!b) continue;
      x0 = Math.min(x0, b.x); y0 = Math.min(y0, b.y);
      x1 = Math.max(x1, b.x + b.w); y1 = Math.max(y1, b.y + b.h);
    }
    return x0 === Infinity ? undefined : { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
  };
  // Places a scope's steps given the scope's origin, then its frames (inner first), maps recursively.
  const placeScope = (map: StepId | undefined, origin: Position) => {
    const scope = groups.scopes.find((s) => s.map === map);
    if (!scope) return;
    for (const [id, step] of Object.entries(scope.steps)) {
      if (groups.scopeOf.get(id) !== map) continue;
      const p = map === undefined ? (flow.layout?.[id] ?? positions[id]) : positions[id];
      if (!p) continue;
      const x = origin.x + p.x;
      const y = origin.y + p.y;
      if (step.type !== 'map') {
        boxes.set(id, { x, y, w: NODE_WIDTH, h: NODE_HEIGHT });
        continue;
      }
      placeScope(id, { x, y });
      const body = hull(children.get(id) ?? []);
      const w = Math.max(NODE_WIDTH + 2 * FRAME.pad, body ? body.x + body.w - x + FRAME.pad : 0);
      const h = Math.max(FRAME.mapHeader + FRAME.pad, body ? body.y + body.h - y + FRAME.pad : 0);
      boxes.set(id, { x, y, w, h });
    }
    for (const f of groups.frames) {
      if (groups.scopeOf.get(f.parallel) !== map) continue;
      const body = hull(children.get(f.id) ?? []);
      if (!body) continue;
      boxes.set(f.id, {
        x: body.x - FRAME.pad,
        y: body.y - FRAME.parallelHeader,
        w: body.w + 2 * FRAME.pad,
        h: body.h + FRAME.parallelHeader + FRAME.pad,
      });
    }
  };
  placeScope(undefined, { x: 0, y: 0 });
  return boxes;
}

/** Everything buildGraph needs; `selected` holds node ids. */
export interface GraphInput {
  flow: Flow | null;
  positions: Readonly<Record<StepId, Position>>;
  selected: ReadonlySet<string>;
  selectedEdge: string | null;
  /** Steps drawn as ghosts of a version diff (versions/diff-canvas.ts): dimmed, not selectable, draggable, deletable or connectable. */
  ghosts?: ReadonlySet<StepId> | undefined;
}

export interface Graph {
  nodes: CanvasNode[];
  edges: Edge<StepEdgeData>[];
  /** Absolute box of every drawn node, by node id (for framing the view). */
  boxes: ReadonlyMap<string, { x: number; y: number; w: number; h: number }>;
}

/** Nodes (parents before children) and edges for the canvas; objects reused from `cache` when unchanged. */
export function buildGraph(input: GraphInput, cache: GraphCache, groups?: Groups): Graph {
  const { flow, positions, selected, selectedEdge, ghosts } = input;
  if (!flow) {
    cache.nodes.clear();
    cache.edges.clear();
    cache.edgeList = [];
    return { nodes: [], edges: [], boxes: new Map() };
  }
  const g = groups ?? groupFlow(flow);
  const boxes = nodeBoxes(flow, g, positions);
  const steps = new Map<StepId, Step>();
  for (const scope of g.scopes) {
    for (const [id, s] of Object.entries(scope.steps)) if (g.scopeOf.get(id) === scope.map) steps.set(id, s);
  }
  const kids = new Map<string | undefined, string[]>();
  const push = (parent: string | undefined, id: string) => {
    const list = kids.get(parent);
    if (list) list.push(id);
    else kids.set(parent, [id]);
  };
  for (const id of steps.keys()) push(g.parentOf.get(id), id);
  for (const f of g.frames) push(g.parentOf.get(f.id), f.id);
  const frameData = new Map(g.frames.map((f) => [f.id, f]));

  const nodes: CanvasNode[] = [];
  const nextCache = new Map<string, CanvasNode>();
  const emit = (id: string, parent: string | undefined) => {
    const box = boxes.get(id);
    if (!box) return; // drawn once it has a position, instead of flashing at 0,0
    const pbox = parent === undefined ? undefined : boxes.get(parent);
    const position = pbox ? { x: box.x - pbox.x, y: box.y - pbox.y } : { x: box.x, y: box.y };
    const old = cache.nodes.get(id);
    const isSelected = selected.has(id);
    const frame = frameData.get(id);
    const step = steps.get(id);
    const isGroup = frame !== undefined || step?.type === 'map';
    const same =
      old !== undefined &&
      old.position.x === position.x &&
      old.position.y === position.y &&
      old.parentId === parent &&
      !!old.selected === isSelected &&
      (!isGroup || (old.width === box.w && old.height === box.h)) &&
      (frame ? old.type === 'frame' && (old.data as FrameNodeData).title === frameTitle(flow, g, frame.parallel) : (old.data as StepNodeData).step === step);
    let node: CanvasNode;
    if (same) node = old;
    else if (frame) {
      node = {
        id,
        type: 'frame',
        position,
        data: { parallel: frame.parallel, title: frameTitle(flow, g, frame.parallel) },
        width: box.w,
        height: box.h,
        selectable: false,
        deletable: false,
        // Dragging a frame moves its steps; frames inside a map body follow the map.
        draggable: g.scopeOf.get(frame.parallel) === undefined,
        dragHandle: '.group-label',
        ...(parent !== undefined ? { parentId: parent } : {}),
        measured: { width: box.w, height: box.h },
        handles: [],
      } satisfies FrameNode;
    } else {
      const s = step as Step;
      const isGhost = ghosts?.has(id) === true;
      node = {
        id,
        type: s.type,
        position,
        data: { step: s, isNested: g.scopeOf.get(id) !== undefined, ...(isGhost ? { isGhost } : {}) },
        selected: isSelected && !isGhost,
        // Nested steps are placed by layout (their positions are not saved); top-level ones are dragged.
        draggable: g.scopeOf.get(id) === undefined && !isGhost,
        // A removed step of a version diff is only a picture: nothing can select, move, delete or wire it.
        ...(isGhost ? { selectable: false, deletable: false, connectable: false, focusable: false, className: 'is-ghost' } : {}),
        ...(s.type === 'map' ? { width: box.w, height: box.h } : {}),
        ...(parent !== undefined ? { parentId: parent } : {}),
        // Sizes are fixed in nodes.css, so React Flow need not report a measurement per node mounted while panning.
        measured: { width: box.w, height: box.h },
        // Known handles: React Flow need not mount every node once to measure them (node-handles.ts).
        handles: nodeHandles(s.type, box.w, box.h),
      } satisfies StepNode;
    }
    nextCache.set(id, node);
    nodes.push(node);
    for (const child of kids.get(id) ?? []) emit(child, id);
  };
  for (const id of kids.get(undefined) ?? []) emit(id, undefined);
  cache.nodes = nextCache;

  return { nodes, edges: buildEdges(flow, g, nextCache, boxes, selectedEdge, cache), boxes };
}

function frameTitle(flow: Flow, g: Groups, parallel: StepId): string {
  const scope = g.scopeOf.get(parallel);
  const steps = scope === undefined ? flow.steps : (g.scopes.find((s) => s.map === scope)?.steps ?? {});
  const s = steps[parallel];
  return s?.title ?? parallel;
}

/** Edges of every scope with successors() semantics, styled by kind: case labelled, catch dashed red, reject orange. */
function buildEdges(
  flow: Flow,
  g: Groups,
  drawn: ReadonlyMap<string, CanvasNode>,
  boxes: ReadonlyMap<string, Box>,
  selected: string | null,
  cache: GraphCache,
): Edge<StepEdgeData>[] {
  const out: Edge<StepEdgeData>[] = [];
  const next = new Map<string, { key: string; edge: Edge<StepEdgeData> }>();
  for (const scope of g.scopes) {
    for (const e of flowEdges({ ...flow, steps: scope.steps })) {
      if (g.scopeOf.get(e.source) !== scope.map || g.scopeOf.get(e.target) !== scope.map) continue;
      if (!drawn.has(e.source) || !drawn.has(e.target)) continue;
      const isSelected = e.id === selected;
      const a = boxes.get(e.source) as Box;
      const b = boxes.get(e.target) as Box;
      const isLong = Math.abs(a.x - b.x) + Math.abs(a.y - b.y) > LONG_EDGE;
      // The language is part of the key: labels and the accessible name are translated.
      const key = `${e.sourceHandle}|${e.style}|${e.label ?? ''}|${isSelected}|${isLong}|${i18n.language}|${JSON.stringify(e.refs)}`;
      const old = cache.edges.get(e.id);
      // The very same object when nothing changed, so React Flow skips the edge.
      const kept = old && old.key === key ? old.edge : makeEdge(e, isSelected, isLong);
      next.set(e.id, { key, edge: kept });
      out.push(kept);
    }
  }
  cache.edges = next;
  const prev = cache.edgeList;
  if (prev.length === out.length && out.every((e, i) => e === prev[i])) return prev;
  cache.edgeList = out;
  return out;
}

/**
 * Beyond this length (canvas px, |dx| + |dy|) a catch or reject edge is drawn solid and faint, not
 * dashed: Chromium rasterises a dash pattern along the whole path, and the 80 dashed edges from
 * every approval of a 1,000-step flow to its shared `rejected` step made the first pan stall for
 * 370–420 ms frames (bench/designer). A long edge is usually such a jump to a shared step anyway.
 */
const LONG_EDGE = 2400;

function makeEdge(e: FlowEdge, isSelected: boolean, isLong: boolean): Edge<StepEdgeData> {
  const color = edgeColors[e.style];
  const dashed = (e.style === 'catch' || e.style === 'reject') && !isLong;
  return {
    id: e.id,
    source: e.source,
    target: e.target,
    sourceHandle: e.sourceHandle,
    targetHandle: 'in',
    type: 'smoothstep',
    label: edgeLabel(e.refs) ?? e.label,
    // React Flow's own name ("Edge from a to b") is English only.
    ariaLabel: i18n.t('canvas.edge.aria', { source: e.source, target: e.target }),
    selected: isSelected,
    className: `edge-${e.style}`,
    data: { refs: e.refs },
    markerEnd: { type: MarkerType.ArrowClosed, color, width: 18, height: 18 },
    style: { stroke: color, strokeWidth: 1.6, ...(dashed ? { strokeDasharray: '6 4' } : {}), ...(isLong ? { strokeOpacity: 0.45 } : {}) },
    labelStyle: { fill: color, fontWeight: 600, fontSize: 11 },
    labelBgStyle: { fill: 'var(--panel)' }, // theme.css: white in light, dark surface in dark
    labelBgPadding: [6, 3] as [number, number],
    labelBgBorderRadius: 4,
  };
}
