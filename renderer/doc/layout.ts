/**
 * Automatic positions for steps the document has no `layout` for: elkjs layered, top to bottom
 * (DESIGN.md "Export and import": imported flows get their layout from elkjs too).
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import type { Flow, Position, StepId } from '../../engine/model/flow';
import { ELK_LAYOUT_OPTIONS } from '../../engine/model/layout-options';
import { flowEdges } from './edges';
import { NODE_HEIGHT, NODE_WIDTH } from './node-size';

let elk: InstanceType<typeof ELK> | undefined;

/**
 * Positions for every step of `flow`, laid out as one layered graph. The caller keeps the
 * document's own `layout` where it has one and takes these for the rest.
 */
export async function autoLayout(flow: Flow): Promise<Record<StepId, Position>> {
  elk ??= new ELK();
  const ids = Object.keys(flow.steps);
  if (ids.length === 0) return {};
  const graph = await elk.layout({
    id: 'root',
    layoutOptions: { ...ELK_LAYOUT_OPTIONS },
    children: ids.map((id) => ({ id, width: NODE_WIDTH, height: NODE_HEIGHT })),
    edges: flowEdges(flow).map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  });
  const out: Record<StepId, Position> = {};
  for (const child of graph.children ?? []) out[child.id] = { x: child.x ?? 0, y: child.y ?? 0 };
  return out;
}

/** Ids of steps that have neither a document position nor a computed one. */
export function missingPositions(flow: Flow, computed: Record<StepId, Position>): StepId[] {
  return Object.keys(flow.steps).filter((id) => !flow.layout?.[id] && !computed[id]);
}
