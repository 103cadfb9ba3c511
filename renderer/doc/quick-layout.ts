/**
 * A provisional layout, computed synchronously in O(steps + edges), so that a flow is drawn at
 * once while elkjs (canvas/layout-engine.ts, in a web worker) works on the real one: steps in
 * rows by their breadth-first distance from `start`, rows centred on x = 0. It is never saved;
 * elk's positions replace it when they arrive (issue #8: "no blank canvas while layout runs").
 * Same frames of reference as layout.ts: top-level absolute, nested relative to their map.
 */
import type { Position, Step, StepId } from '../../engine/model/flow';
import { stepRefs } from './edges';
import { FRAME } from './layout';
import { NODE_HEIGHT, NODE_WIDTH } from './node-size';

const GAP_X = 48;
const GAP_Y = 56;

interface Placed {
  positions: Record<StepId, Position>;
  width: number;
  height: number;
}

/** Rows of a `steps` map by distance from `start`; steps it does not reach come last, in document order. */
function rows(steps: Record<StepId, Step>, start: StepId): StepId[][] {
  const depth = new Map<StepId, number>();
  const out: StepId[][] = [];
  let frontier = steps[start] ? [start] : [];
  if (frontier.length) depth.set(start, 0);
  while (frontier.length) {
    out.push(frontier);
    const next: StepId[] = [];
    for (const id of frontier) {
      for (const { target } of stepRefs(steps[id] as Step)) {
        if (!steps[target] || depth.has(target)) continue;
        depth.set(target, out.length);
        next.push(target);
      }
    }
    frontier = next;
  }
  const rest = Object.keys(steps).filter((id) => !depth.has(id));
  for (let i = 0; i < rest.length; i += 4) out.push(rest.slice(i, i + 4));
  return out;
}

function place(steps: Record<StepId, Step>, start: StepId, into: Record<StepId, Position>, origin: Position): Placed {
  const bodies = new Map<StepId, Placed>();
  const size = (id: StepId) => {
    const s = steps[id] as Step;
    if (s.type !== 'map') return { w: NODE_WIDTH, h: NODE_HEIGHT };
    const inner = place(s.steps, s.start, into, { x: FRAME.pad, y: FRAME.mapHeader });
    bodies.set(id, inner);
    return { w: Math.max(NODE_WIDTH, inner.width) + 2 * FRAME.pad, h: FRAME.mapHeader + inner.height + FRAME.pad };
  };
  let y = origin.y;
  let width = 0;
  const placedRows: { ids: StepId[]; sizes: { w: number; h: number }[]; y: number; w: number }[] = [];
  for (const row of rows(steps, start)) {
    const sizes = row.map(size);
    const w = sizes.reduce((a, s) => a + s.w, 0) + GAP_X * (row.length - 1);
    placedRows.push({ ids: row, sizes, y, w });
    width = Math.max(width, w);
    y += Math.max(...sizes.map((s) => s.h)) + GAP_Y;
  }
  for (const r of placedRows) {
    let x = origin.x + (width - r.w) / 2;
    r.ids.forEach((id, i) => {
      into[id] = { x, y: r.y };
      x += (r.sizes[i] as { w: number }).w + GAP_X;
    });
  }
  return { positions: into, width, height: Math.max(0, y - GAP_Y - origin.y) };
}

/** Provisional positions for every step of a `steps` map and the map bodies inside it. */
export function quickLayout(steps: Record<StepId, Step>, start: StepId): Record<StepId, Position> {
  const out: Record<StepId, Position> = {};
  place(steps, start, out, { x: 0, y: 0 });
  return out;
}
