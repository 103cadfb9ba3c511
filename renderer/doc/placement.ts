/** Where the palette puts a new step (issue #2: near the viewport center, not on top of others). */
import type { Flow, Position, StepId } from '../../engine/model/flow';
import { NODE_HEIGHT, NODE_WIDTH } from './node-size';

const GAP = 24;

/**
 * The first place, trying `p` then steps to the right (then rows below), where a new node does not
 * overlap any step, so a new step never hides an existing one or its handles.
 */
export function freeSpot(p: Position, taken: readonly Position[]): Position {
  const overlaps = (q: Position) =>
    taken.some((t) => Math.abs(t.x - q.x) < NODE_WIDTH + GAP && Math.abs(t.y - q.y) < NODE_HEIGHT + GAP);
  for (let row = 0; row < 20; row++) {
    for (let col = 0; col < 6; col++) {
      const q = { x: p.x + col * (NODE_WIDTH / 2 + GAP), y: p.y + row * (NODE_HEIGHT + GAP) };
      if (!overlaps(q)) return q;
    }
  }
  return p;
}

/**
 * `flow` with every top-level step saved below `anchor` (layout y greater than its y) moved down
 * by `dy` canvas pixels: room for a map frame that just grew by a body step, so it does not grow
 * over the steps after it. Unchanged when `anchor` has no saved position (nested, or laid out).
 */
export function makeRoomBelow(flow: Flow, anchor: StepId, dy: number): Flow {
  const at = flow.layout?.[anchor];
  if (!at || !flow.layout) return flow;
  const layout: Record<StepId, Position> = {};
  for (const [id, p] of Object.entries(flow.layout)) layout[id] = id !== anchor && p.y > at.y ? { x: p.x, y: p.y + dy } : p;
  return { ...flow, layout };
}
