/** Where the palette puts a new step (issue #2: near the viewport center, not on top of others). */
import type { Flow, MapStep, Position, Step, StepId } from '../../engine/model/flow';
import { ELK_LAYOUT_OPTIONS } from '../../engine/model/layout-options';
import { FRAME } from './layout';
import { findStep } from './nested';
import { NODE_HEIGHT, NODE_WIDTH } from './node-size';

const GAP = 24;

/**
 * The first place, trying `p` then steps to the right (then rows below), where a new node does not
 * overlap any step, so a new step never hides an existing one or its handles. With `offsets`, the
 * place of a block: every one of its steps (at its offset from the place) must be free.
 */
export function freeSpot(p: Position, taken: readonly Position[], offsets: readonly { dx: number; dy: number }[] = [{ dx: 0, dy: 0 }]): Position {
  const overlaps = (q: Position) =>
    offsets.some((o) => taken.some((t) => Math.abs(t.x - (q.x + o.dx)) < NODE_WIDTH + GAP && Math.abs(t.y - (q.y + o.dy)) < NODE_HEIGHT + GAP));
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

/** Gap between two rows of a map body as elk lays it out (layout-options.ts), in canvas pixels. */
const LAYER_GAP = Number(ELK_LAYOUT_OPTIONS['elk.layered.spacing.nodeNodeBetweenLayers']);

/** What one more step in a chain adds to a map body's height as elk draws it: a node and a layer gap. */
export const BODY_ROW = NODE_HEIGHT + LAYER_GAP;

/**
 * The height, in canvas pixels, a map's frame takes at most when its body is laid out as one
 * chain (renderer/canvas/build-graph.ts draws the frame around the body elk lays out): header,
 * each body step (a nested map by its own frame height) with a layer gap between, padding. Body
 * steps side by side (a parallel's branches) take less, so this never underestimates a growth.
 */
export function mapFrameHeight(map: MapStep): number {
  const body = Object.values(map.steps ?? {}).filter((s): s is Step => typeof s === 'object' && s !== null);
  const heights = body.map((s) => (s.type === 'map' ? mapFrameHeight(s) : NODE_HEIGHT));
  const bodyHeight = heights.length === 0 ? NODE_HEIGHT : heights.reduce((a, h) => a + h, 0) + (heights.length - 1) * LAYER_GAP;
  return FRAME.mapHeader + bodyHeight + FRAME.pad;
}

/**
 * `after` (an edit of `before` that grew the body of map `map`, at any depth) with the top-level
 * steps below the top-level map holding `map` moved down by what that frame grew: an inner map's
 * body growing grows every frame around it, so what is below the outer frame has to move too
 * (walkthrough: a step added to a nested map's body left the outer frame drawn over the next step).
 * Unchanged when the frame did not grow or the top-level map has no saved position.
 */
export function makeRoomForBody(before: Flow, after: Flow, map: StepId): Flow {
  const top = findStep(after, map)?.maps[0] ?? map;
  const was = before.steps[top];
  const now = after.steps[top];
  if (was?.type !== 'map' || now?.type !== 'map') return after;
  const dy = mapFrameHeight(now) - mapFrameHeight(was);
  return dy > 0 ? makeRoomBelow(after, top, dy) : after;
}
