/**
 * Canvas positions for an imported flow, computed by elkjs (DESIGN.md "Export and import": import
 * reads the formats into the native document "with layout computed by elkjs"). The designer lays
 * out flows without a `layout` the same way (renderer/doc/layout.ts; both use model/layout-options.ts).
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import type { Flow, Position, StepId } from '../model/flow.js';
import { successors } from '../model/flow.js';
import { ELK_LAYOUT_OPTIONS, NODE_HEIGHT, NODE_WIDTH } from '../model/layout-options.js';


/**
 * Positions for every top-level step of `flow` (map steps' nested steps are drawn inside their
 * map), as a layered top-to-bottom graph. Resolves with `{[stepId]: {x, y}}` in canvas pixels.
 */
export async function layoutFlow(flow: Flow): Promise<Record<StepId, Position>> {
  const ids = Object.keys(flow.steps);
  if (ids.length === 0) return {};
  // elkjs recurses along long chains (a 30,001-state ASL machine overflowed the stack, issue #11
  // item 13) and takes minutes on thousands of nodes: big flows get plain layers instead.
  if (ids.length > MAX_ELK_STEPS) return layeredLayout(flow);
  try {
    return await elkLayout(flow, ids);
  } catch (error) {
    if (error instanceof RangeError) return layeredLayout(flow);
    throw error;
  }
}

/** Most steps laid out by elkjs; larger flows get layeredLayout. */
export const MAX_ELK_STEPS = 1_000;

/**
 * Layers by breadth-first distance from `start` (steps it never reaches go in a last layer), left
 * to right within a layer, in document order. Iterative, linear in steps and edges.
 */
export function layeredLayout(flow: Flow): Record<StepId, Position> {
  const layer = new Map<StepId, number>();
  const queue: StepId[] = flow.steps[flow.start] ? [flow.start] : [];
  if (queue[0] !== undefined) layer.set(queue[0], 0);
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head]!;
    for (const to of successors(flow.steps[id]!)) {
      if (flow.steps[to] && !layer.has(to)) {
        layer.set(to, layer.get(id)! + 1);
        queue.push(to);
      }
    }
  }
  // Breadth-first: the last step queued is in the deepest layer.
  const tail = queue[queue.length - 1];
  const last = tail === undefined ? 0 : layer.get(tail)! + 1;
  const column = new Map<number, number>();
  const out: Record<StepId, Position> = {};
  for (const id of Object.keys(flow.steps)) {
    const row = layer.get(id) ?? last;
    const col = column.get(row) ?? 0;
    column.set(row, col + 1);
    out[id] = { x: col * (NODE_WIDTH + 40), y: row * (NODE_HEIGHT + 60) };
  }
  return out;
}

async function elkLayout(flow: Flow, ids: StepId[]): Promise<Record<StepId, Position>> {
  const edges: { id: string; sources: string[]; targets: string[] }[] = [];
  for (const id of ids) {
    for (const to of successors(flow.steps[id]!)) {
      if (flow.steps[to]) edges.push({ id: `${id}->${to}`, sources: [id], targets: [to] });
    }
  }
  const graph = await new ELK().layout({
    id: 'root',
    layoutOptions: { ...ELK_LAYOUT_OPTIONS },
    children: ids.map((id) => ({ id, width: NODE_WIDTH, height: NODE_HEIGHT })),
    edges,
  });
  const out: Record<StepId, Position> = {};
  for (const child of graph.children ?? []) out[child.id] = { x: Math.round(child.x ?? 0), y: Math.round(child.y ?? 0) };
  return out;
}
