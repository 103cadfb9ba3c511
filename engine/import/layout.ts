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
