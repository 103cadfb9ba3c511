/**
 * Automatic positions for steps the document has no `layout` for: elkjs layered, top to bottom
 * (DESIGN.md "Export and import": imported flows get their layout from elkjs too), as a
 * hierarchy in which parallel frames and map bodies are containers (groups.ts): each container is
 * laid out on its own, innermost first (layoutBottomUp), so a group's steps stay together inside it.
 *
 * Positions come back in two frames of reference: a top-level step's is absolute (what `layout`
 * stores); a nested step's (in a map's body) is relative to its map's top-left corner and is
 * never saved: map bodies are always laid out. Pure: the elk instance is passed in, so the canvas
 * runs it in a web worker (canvas/layout-engine.ts) and tests run elk.bundled in Node.
 */
import type { ELK as Elk, ElkNode, ElkExtendedEdge } from 'elkjs/lib/elk-api';
import type { Flow, Position, StepId } from '../../engine/model/flow';
import { ELK_LAYOUT_OPTIONS } from '../../engine/model/layout-options';
import { flowEdges } from './edges';
import { groupFlow, type Groups } from './groups';
import { NODE_HEIGHT, NODE_WIDTH } from './node-size';

/** Frame geometry in canvas pixels: inner padding, and the header strip a frame's title takes. */
export const FRAME = { pad: 20, parallelHeader: 36, mapHeader: 84 } as const;

const padding = (top: number) => `[top=${top},left=${FRAME.pad},bottom=${FRAME.pad},right=${FRAME.pad}]`;
/**
 * Above this many nodes in one container, model-order layering (2× the time) is left out and
 * crossing minimisation makes fewer passes (elk's default thoroughness is 7).
 */
const MODEL_ORDER_LIMIT = 400;

/** The shared options for one container of `size` nodes, with the padding a frame needs. */
function options(size: number, top?: number): Record<string, string> {
  const out: Record<string, string> = { ...ELK_LAYOUT_OPTIONS };
  if (size > MODEL_ORDER_LIMIT) {
    delete out['elk.layered.considerModelOrder.strategy'];
    out['elk.layered.thoroughness'] = '2';
  }
  if (top !== undefined) out['elk.padding'] = padding(top);
  return out;
}

const headerOf = (id: string) => (id.startsWith('par:') ? FRAME.parallelHeader : FRAME.mapHeader);

/** The elk graph of a flow: steps, parallel frames and map bodies as nested nodes; edges in their scope. */
export function elkGraph(flow: Flow, groups: Groups = groupFlow(flow)): ElkNode {
  const root: ElkNode = {
    id: 'root',
    children: [],
    edges: [],
  };
  const nodes = new Map<string, ElkNode>();
  for (const f of groups.frames) nodes.set(f.id, { id: f.id, children: [], edges: [] });
  for (const scope of groups.scopes) {
    for (const [id, s] of Object.entries(scope.steps)) {
      if (nodes.has(id) || groups.scopeOf.get(id) !== scope.map) continue;
      nodes.set(
        id,
        s.type === 'map'
          ? { id, children: [], edges: [] }
          : { id, width: NODE_WIDTH, height: NODE_HEIGHT },
      );
    }
  }
  // Attach each node under its parent, in document order; a frame is attached when its first member is.
  const attached = new Set<string>();
  const attach = (id: string) => {
    if (attached.has(id)) return;
    attached.add(id);
    const parent = groups.parentOf.get(id);
    const holder = parent === undefined ? root : nodes.get(parent);
    if (parent !== undefined) attach(parent);
    holder?.children?.push(nodes.get(id) as ElkNode);
  };
  // Containers from a node up to the top: [node, parent, grandparent…, undefined (root)].
  const chain = (id: string): (string | undefined)[] => {
    const out: (string | undefined)[] = [id];
    for (let p = groups.parentOf.get(id); p !== undefined; p = groups.parentOf.get(p)) out.push(p);
    out.push(undefined);
    return out;
  };
  for (const scope of groups.scopes) {
    for (const id of Object.keys(scope.steps)) if (groups.scopeOf.get(id) === scope.map) attach(id);
    // Every edge is lifted to the container holding both ends, between that container's children
    // (a → p inside p's frame becomes a → the frame), so that each container can be laid out on its own.
    const seen = new Set<string>();
    for (const e of flowEdges({ steps: scope.steps } as Flow)) {
      if (groups.scopeOf.get(e.source) !== scope.map || groups.scopeOf.get(e.target) !== scope.map) continue;
      const a = chain(e.source);
      const b = chain(e.target);
      const holderId = a.find((c) => c !== e.source && b.includes(c) && c !== e.target);
      const from = a[a.indexOf(holderId) - 1] as string;
      const to = b[b.indexOf(holderId) - 1] as string;
      if (from === to || seen.has(`${from}->${to}`)) continue;
      seen.add(`${from}->${to}`);
      const holder = holderId === undefined ? root : nodes.get(holderId);
      (holder!.edges ??= []).push({ id: `${from}->${to}`, sources: [from], targets: [to] });
    }
  }
  for (const n of [root, ...nodes.values()]) if (n.edges?.length) n.edges = withoutHubs(n.edges);
  // A frame or map without children still needs a size; `children` marks a container.
  for (const n of nodes.values()) {
    if (n.children && n.children.length === 0) {
      n.width = NODE_WIDTH + 2 * FRAME.pad;
      n.height = FRAME.mapHeader + FRAME.pad;
    }
  }
  return root;
}

/** A step entered by more edges than this is a hub (a shared fail or rollback step). */
const HUB_IN_DEGREE = 4;

/**
 * The edges elk lays out with: into a hub, only the first edge is kept. Every other edge into it
 * would span the layers between its source and the hub, and elk adds a dummy node per layer
 * spanned: a shared `rejected` step entered from 80 approvals made a 1,000-step layout 4–8×
 * slower. The canvas still draws every edge; only the hub's place follows its first caller.
 */
function withoutHubs(edges: ElkExtendedEdge[]): ElkExtendedEdge[] {
  const inDegree = new Map<string, number>();
  for (const e of edges) inDegree.set(e.targets[0] as string, (inDegree.get(e.targets[0] as string) ?? 0) + 1);
  const kept = new Set<string>();
  return edges.filter((e) => {
    const t = e.targets[0] as string;
    if ((inDegree.get(t) ?? 0) <= HUB_IN_DEGREE) return true;
    if (kept.has(t)) return false;
    kept.add(t);
    return true;
  });
}

/**
 * Positions from a laid-out elk graph: steps at the top level absolute, steps in a map's body
 * relative to the map; parallel frames are not returned (the canvas draws them around their steps).
 */
export function readPositions(graph: ElkNode, groups: Groups): Record<StepId, Position> {
  const out: Record<StepId, Position> = {};
  const walk = (node: ElkNode, dx: number, dy: number) => {
    for (const child of node.children ?? []) {
      const x = dx + (child.x ?? 0);
      const y = dy + (child.y ?? 0);
      const isFrame = child.id.startsWith('par:');
      if (!isFrame) out[child.id] = { x, y };
      // Inside a parallel frame the reference stays the enclosing map's (or the canvas'); a map starts its own.
      if (isFrame) walk(child, x, y);
      else if (groups.scopeOf.has(child.id) && child.children?.length) walk(child, 0, 0);
    }
  };
  walk(graph, 0, 0);
  return out;
}

/**
 * Lays out a container graph bottom up: the innermost containers first, each as a flat elk graph
 * of its children, so its size is known when its parent is laid out. elkjs' own hierarchical
 * layout of the same graph took 5–8× longer on a 1,000-step flow (17 s against 2–3 s).
 */
export async function layoutBottomUp(node: ElkNode, elk: Elk): Promise<void> {
  const kids = node.children ?? [];
  await Promise.all(kids.filter((c) => c.children).map((c) => layoutBottomUp(c, elk)));
  if (kids.length === 0) return;
  const laid: ElkNode = await elk.layout({
    id: node.id,
    layoutOptions: options(kids.length, node.id === 'root' ? undefined : headerOf(node.id)),
    children: kids.map((c) => ({ id: c.id, width: c.width ?? NODE_WIDTH, height: c.height ?? NODE_HEIGHT })),
    edges: node.edges ?? [],
  });
  const at = new Map((laid.children ?? []).map((c) => [c.id, c]));
  for (const c of kids) {
    c.x = at.get(c.id)?.x ?? 0;
    c.y = at.get(c.id)?.y ?? 0;
  }
  node.width = laid.width;
  node.height = laid.height;
}

/** Positions for every step of `flow` (see the module comment for their frames of reference). */
export async function autoLayout(flow: Flow, elk: Elk): Promise<Record<StepId, Position>> {
  if (Object.keys(flow.steps).length === 0) return {};
  const groups = groupFlow(flow);
  const graph = elkGraph(flow, groups);
  await layoutBottomUp(graph, elk);
  return readPositions(graph, groups);
}

/**
 * Ids of steps with no position yet: top-level steps with neither a document position nor a
 * computed one, and nested steps with no computed one.
 */
export function missingPositions(flow: Flow, computed: Record<StepId, Position>, groups: Groups = groupFlow(flow)): StepId[] {
  const out: StepId[] = [];
  for (const [id, scope] of groups.scopeOf) {
    if (computed[id]) continue;
    if (scope === undefined && flow.layout?.[id]) continue;
    out.push(id);
  }
  return out;
}

/**
 * Which of a new elk layout's positions the canvas takes: the steps that had none (`missing`),
 * every nested step (a map body is laid out as a whole), and every top-level step without a saved
 * position, since those were elk's too: when a body grew, elk moved what is below its outermost
 * frame, and keeping their old places drew the grown frame over them (nested-maps e2e). Steps with
 * a saved `layout` keep it (placement.ts moves those when a body grows).
 */
export function positionsToKeep(flow: Flow, groups: Groups, missing: readonly StepId[], laid: Record<StepId, Position>): Record<StepId, Position> {
  const out: Record<StepId, Position> = {};
  for (const id of missing) out[id] = laid[id] ?? { x: 0, y: 0 };
  for (const [id, scope] of groups.scopeOf) {
    const p = laid[id];
    if (p && (scope !== undefined || !flow.layout?.[id])) out[id] = p;
  }
  return out;
}
