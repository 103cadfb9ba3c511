/**
 * A provisional layout, computed synchronously in O(steps + edges), so that a flow is drawn at
 * once while elkjs (canvas/layout-engine.ts, in a web worker) works on the real one: steps in
 * rows by their longest path from `start`, rows centred on x = 0. It is never saved;
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

/**
 * Rows of a `steps` map by longest path from `start`, loops cut at their back edge; steps it does
 * not reach come last, in document order. Longest path, not breadth-first distance: a step shared
 * by many (one `rejected` fail for 80 approvals) goes below all of them, as elk places it, instead
 * of near the top with 80 long edges crossing the view a big flow opens at (issue #8 point 6).
 */
function rows(steps: Record<StepId, Step>, start: StepId): StepId[][] {
  const targets = (id: StepId) => stepRefs(steps[id] as Step).map((r) => r.target).filter((t) => steps[t] !== undefined);
  // Iterative depth-first search: post-order, and the back edges (to a step still on the stack).
  const state = new Map<StepId, 'open' | 'done'>();
  const post: StepId[] = [];
  const back = new Set<string>();
  if (steps[start]) {
    const stack: { id: StepId; next: StepId[]; i: number }[] = [{ id: start, next: targets(start), i: 0 }];
    state.set(start, 'open');
    while (stack.length) {
      const top = stack[stack.length - 1] as { id: StepId; next: StepId[]; i: number };
      const t = top.next[top.i++];
      if (t === undefined) {
        state.set(top.id, 'done');
        post.push(top.id);
        stack.pop();
      } else if (state.get(t) === 'open') back.add(`${top.id}\u0000${t}`);
      else if (!state.has(t)) {
        state.set(t, 'open');
        stack.push({ id: t, next: targets(t), i: 0 });
      }
    }
  }
  // Longest path over what is left (a DAG), in topological order (reverse post-order).
  const depth = new Map<StepId, number>(post.length ? [[start, 0]] : []);
  for (let k = post.length - 1; k >= 0; k--) {
    const id = post[k] as StepId;
    const d = depth.get(id) ?? 0;
    for (const t of targets(id)) if (!back.has(`${id}\u0000${t}`) && (depth.get(t) ?? -1) < d + 1) depth.set(t, d + 1);
  }
  const out: StepId[][] = [];
  for (const [id, d] of depth) (out[d] ??= []).push(id);
  const placed = out.filter((row) => row !== undefined);
  const rest = Object.keys(steps).filter((id) => !depth.has(id));
  for (let i = 0; i < rest.length; i += 4) placed.push(rest.slice(i, i + 4));
  return placed;
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
