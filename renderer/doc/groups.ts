/**
 * The group structure the canvas draws (issue #8 "parallel and map drawn as groups"): every
 * parallel step gets a frame holding itself, its branches up to its join, and the join; a map step
 * is itself a frame holding its body (`steps`). Frames nest: a parallel inside a branch of another,
 * a parallel inside a map's body, a map inside a branch.
 *
 * Node ids: a step's node id is its step id (ids are unique across the flow, nested ones included;
 * see doc/nested.ts); a parallel frame is `par:<parallel id>` (`:` cannot occur in a step id).
 */
import type { Flow, Step, StepId } from '../../engine/model/flow';
import { blockTree, type ParallelBlock } from '../../engine/model/blocks';
import { stepRefs } from './edges';

/** Node id of the frame of parallel step `id`. */
export const frameId = (id: StepId): string => `par:${id}`;

/** One `steps` map: the top level (`map` undefined) or the body of map step `map`. */
export interface Scope {
  map: StepId | undefined;
  start: StepId;
  steps: Record<StepId, Step>;
}

/** A parallel's frame. */
export interface ParallelFrame {
  id: string;
  parallel: StepId;
  /** Enclosing frame id or map step id; undefined at the top level. */
  parent: string | undefined;
}

/** The canvas' grouping: which node sits in which, and the frames in inner-first order. */
export interface Groups {
  /** Node id → the frame or map node it is drawn inside. Absent: top level. */
  parentOf: Map<string, string>;
  /** Parallel frames, inner frames before the frames that hold them. */
  frames: ParallelFrame[];
  /** Every scope, the top level first, then map bodies (outer before inner). */
  scopes: Scope[];
  /** Step id → the scope (map id, or undefined) it belongs to. */
  scopeOf: Map<StepId, StepId | undefined>;
}

/** All scopes of a flow, outer first. Repeated ids (invalid, reported by validation) keep their first place. */
export function scopesOf(flow: Flow): Scope[] {
  const out: Scope[] = [];
  const walk = (scope: Scope) => {
    out.push(scope);
    for (const [id, s] of Object.entries(scope.steps)) {
      if (s.type === 'map') walk({ map: id, start: s.start, steps: s.steps });
    }
  };
  walk({ map: undefined, start: flow.start, steps: flow.steps });
  return out;
}

/**
 * The steps a parallel's frame holds: the parallel, its join, and what its branches reach before
 * the join (its block in engine/model/blocks.ts), less any step also entered from outside (a shared
 * rollback step stays outside). A parallel whose join names no step has no block yet: its frame
 * holds the parallel alone.
 */
export function parallelRegion(block: ParallelBlock | undefined, id: StepId, preds: Map<StepId, StepId[]>): Set<StepId> {
  const region = new Set<StepId>([id, ...(block?.members ?? [])]);
  if (!block) return region;
  // Prune steps entered from outside the region until none is left (a fixpoint: removing one can expose another).
  for (let changed = true; changed; ) {
    changed = false;
    for (const s of region) {
      if (s === id) continue;
      if ((preds.get(s) ?? []).some((p) => !region.has(p))) {
        region.delete(s);
        changed = true;
      }
    }
  }
  if (block.join !== undefined) region.add(block.join);
  return region;
}

function predecessors(steps: Record<StepId, Step>): Map<StepId, StepId[]> {
  const preds = new Map<StepId, StepId[]>();
  for (const [id, s] of Object.entries(steps)) {
    for (const { target } of stepRefs(s)) {
      const list = preds.get(target);
      if (list) list.push(id);
      else preds.set(target, [id]);
    }
  }
  return preds;
}

/** Groups of a flow: O(steps + Σ parallel regions). */
export function groupFlow(flow: Flow): Groups {
  const parentOf = new Map<string, string>();
  const frames: ParallelFrame[] = [];
  const scopes = scopesOf(flow);
  const blocks = new Map<StepId | undefined, Map<StepId, ParallelBlock>>();
  for (const scope of blockTree(flow).scopes) {
    if (!blocks.has(scope.map)) blocks.set(scope.map, new Map(scope.blocks.map((b) => [b.parallel, b])));
  }
  const scopeOf = new Map<StepId, StepId | undefined>();
  for (const scope of scopes) {
    for (const id of Object.keys(scope.steps)) {
      if (scopeOf.has(id)) continue;
      scopeOf.set(id, scope.map);
      if (scope.map !== undefined) parentOf.set(id, scope.map);
    }
    const preds = predecessors(scope.steps);
    const regions = Object.entries(scope.steps)
      .filter(([id, s]) => s.type === 'parallel' && scopeOf.get(id) === scope.map)
      .map(([id]) => ({ id, region: parallelRegion(blocks.get(scope.map)?.get(id), id, preds) }))
      .sort((a, b) => a.region.size - b.region.size);
    // Smallest regions first: a step belongs to the innermost frame that holds it.
    const owner = new Map<StepId, ParallelFrame>();
    const local: ParallelFrame[] = [];
    const byId = new Map<string, ParallelFrame>();
    for (const { id, region } of regions) {
      const frame: ParallelFrame = { id: frameId(id), parallel: id, parent: undefined };
      byId.set(frame.id, frame);
      for (const s of region) {
        const inner = owner.get(s);
        if (!inner) {
          owner.set(s, frame);
          continue;
        }
        // Already in a smaller frame: that frame's outermost frame nests in this one.
        let top = inner;
        for (let up = byId.get(top.parent ?? ''); up && up !== frame; up = byId.get(top.parent ?? '')) top = up;
        if (top !== frame && top.parent === undefined) top.parent = frame.id;
      }
      local.push(frame);
    }
    for (const frame of local) {
      frame.parent ??= scope.map;
      if (frame.parent !== undefined) parentOf.set(frame.id, frame.parent);
    }
    for (const [s, frame] of owner) parentOf.set(s, frame.id);
    frames.push(...local);
  }
  return { parentOf, frames, scopes, scopeOf };
}
