/**
 * Steps nested in a map's body, addressed by their own id. Step ids are unique across the whole
 * flow, nested ones included (engine/validate/duplicates.ts), so the canvas and `selectedStep` use
 * a nested step's plain id; these helpers find which `steps` map holds it and apply the flat
 * edits of edits.ts inside that map. Pure Flow → Flow functions like edits.ts.
 */
import type { Flow, MapStep, Position, Step, StepId } from '../../engine/model/flow';
import { connect, deleteSteps, disconnect, updateStep, type ConnectKind } from './edits';

/** Where a step lives: `maps` is the chain of map step ids from the top level down (empty at top level). */
export interface StepPlace {
  maps: StepId[];
  step: Step;
}

/** Finds a step by id at the top level or in any map body (depth first); undefined when absent. */
export function locateStep(flow: Flow, id: StepId): StepPlace | undefined {
  const top = flow.steps[id];
  if (top) return { maps: [], step: top };
  const search = (steps: Record<StepId, Step>, maps: StepId[]): StepPlace | undefined => {
    for (const [sid, s] of Object.entries(steps)) {
      if (s.type !== 'map') continue;
      const inner = s.steps[id];
      if (inner) return { maps: [...maps, sid], step: inner };
      const deeper = search(s.steps, [...maps, sid]);
      if (deeper) return deeper;
    }
    return undefined;
  };
  return search(flow.steps, []);
}

/** A map's body seen as a flow, so the flat edits of edits.ts apply to it. */
function bodyAsFlow(flow: Flow, map: MapStep): Flow {
  return { flowsmith: flow.flowsmith, name: flow.name, start: map.start, steps: map.steps } as Flow;
}

/**
 * Applies `fn` to the `steps` map at `maps` (the top level when empty): `fn` gets it as a flow and
 * returns the edited flow, whose `start` and `steps` become the map's. Unknown maps leave `flow` as is.
 */
export function editScope(flow: Flow, maps: readonly StepId[], fn: (scope: Flow) => Flow): Flow {
  if (maps.length === 0) return fn(flow);
  const [first, ...rest] = maps as [StepId, ...StepId[]];
  const map = flow.steps[first];
  if (!map || map.type !== 'map') return flow;
  const before = bodyAsFlow(flow, map);
  const after = editScope(before, rest, fn);
  if (after === before) return flow;
  return updateStep(flow, first, { ...map, start: after.start, steps: after.steps });
}

/** Replaces the body of step `id` wherever it lives. */
export function updateStepDeep(flow: Flow, id: StepId, step: Step): Flow {
  const place = locateStep(flow, id);
  if (!place) return flow;
  return editScope(flow, place.maps, (scope) => updateStep(scope, id, step));
}

/** Deletes steps wherever they live, each from its own `steps` map, in one edit (edits.deleteSteps per map). */
export function deleteStepsDeep(flow: Flow, ids: readonly StepId[]): Flow {
  const byScope = new Map<string, { maps: StepId[]; ids: StepId[] }>();
  for (const id of ids) {
    const place = locateStep(flow, id);
    if (!place) continue;
    const key = place.maps.join('/');
    const entry = byScope.get(key) ?? { maps: place.maps, ids: [] };
    entry.ids.push(id);
    byScope.set(key, entry);
  }
  // Deepest scopes first, so deleting a map after its body's steps finds nothing stale.
  const scopes = [...byScope.values()].sort((a, b) => b.maps.length - a.maps.length);
  return scopes.reduce((f, s) => editScope(f, s.maps, (scope) => deleteSteps(scope, s.ids)), flow);
}

/** Connects two steps of the same `steps` map (edits.connect there); steps in different maps stay unconnected. */
export function connectDeep(flow: Flow, source: StepId, target: StepId, kind: ConnectKind): Flow {
  const a = locateStep(flow, source);
  const b = locateStep(flow, target);
  if (!a || !b || a.maps.join('/') !== b.maps.join('/')) return flow;
  return editScope(flow, a.maps, (scope) => connect(scope, source, target, kind));
}

/**
 * Sets the canvas position of several top-level steps at once (a group drag, "Tidy up"), rounded
 * to whole pixels; one edit, so one undo step. Ids that are not top-level steps are ignored
 * (nested steps are placed by layout, not saved).
 */
export function placeSteps(flow: Flow, positions: Readonly<Record<StepId, Position>>): Flow {
  const layout: Record<StepId, Position> = { ...flow.layout };
  let changed = false;
  for (const [id, p] of Object.entries(positions)) {
    if (!flow.steps[id]) continue;
    const q = { x: Math.round(p.x), y: Math.round(p.y) };
    const old = layout[id];
    if (old && old.x === q.x && old.y === q.y) continue;
    layout[id] = q;
    changed = true;
  }
  return changed ? { ...flow, layout } : flow;
}

/** Removes every reference from `source` to `target` in the `steps` map holding `source` (edits.disconnect there). */
export function disconnectDeep(flow: Flow, source: StepId, target: StepId): Flow {
  const place = locateStep(flow, source);
  if (!place) return flow;
  return editScope(flow, place.maps, (scope) => disconnect(scope, source, target));
}
