/**
 * Steps wherever they sit: at the top level or in a map's body (DESIGN.md: a map's body is a nested
 * `steps` map). Step ids are unique across the whole flow, nested ones included
 * (engine/validate/duplicates.ts), so the canvas, the inspector and `selectedStep` address a nested
 * step by its plain id; these functions find which `steps` map holds it and apply the flat edits of
 * edits.ts inside that map. Pure Flow → Flow functions like edits.ts; the one module for body edits
 * (it replaced nested.ts + nested-canvas.ts, which had two names for each of these).
 */
import type { Flow, MapStep, Position, Step, StepId } from '../../engine/model/flow';
import { connect, deleteSteps, disconnect, renameStep, updateStep, type ConnectKind } from './edits';

/** A step found by id: its body, the `steps` map holding it, and the map steps around it (outermost first; empty at the top level). */
export interface FoundStep {
  step: Step;
  scope: Record<StepId, Step>;
  maps: StepId[];
}

/**
 * The step called `id` anywhere in the flow (its own scope first, then map bodies, depth first);
 * undefined when absent. Tolerates what the code view may hold while typing: a step that is null,
 * a string, or a map without a body.
 */
export function findStep(flow: Pick<Flow, 'steps'>, id: StepId): FoundStep | undefined {
  const visit = (scope: Record<StepId, Step>, maps: StepId[]): FoundStep | undefined => {
    if (typeof scope !== 'object' || scope === null) return undefined;
    if (Object.hasOwn(scope, id)) return { step: scope[id] as Step, scope, maps };
    for (const [mid, s] of Object.entries(scope)) {
      if (typeof s !== 'object' || s === null || s.type !== 'map') continue;
      const found = visit(s.steps, [...maps, mid]);
      if (found) return found;
    }
    return undefined;
  };
  return visit(flow.steps, []);
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

/** Replaces the body of step `id` wherever it sits; unknown ids leave the flow unchanged. */
export function updateStepDeep(flow: Flow, id: StepId, step: Step): Flow {
  const found = findStep(flow, id);
  if (!found) return flow;
  return editScope(flow, found.maps, (scope) => updateStep(scope, id, step));
}

/**
 * Adds `step` as `id` at the end of the body of map `mapId` (wherever that map sits). Throws when
 * `id` is taken anywhere in the flow; an unknown or non-map `mapId` leaves the flow unchanged.
 */
export function addBodyStep(flow: Flow, mapId: StepId, id: StepId, step: Step): Flow {
  const found = findStep(flow, mapId);
  if (found?.step.type !== 'map') return flow;
  if (findStep(flow, id)) throw new Error(`step id "${id}" is taken`);
  return editScope(flow, [...found.maps, mapId], (scope) => ({ ...scope, steps: { ...scope.steps, [id]: step } }));
}

/**
 * Deletes steps wherever they sit, each from its own `steps` map, in one edit (edits.deleteSteps
 * per map): references to them in that map go, and a deleted start (of the flow or of a map's body)
 * moves to the first remaining step.
 */
export function deleteStepsDeep(flow: Flow, ids: readonly StepId[]): Flow {
  const byScope = new Map<string, { maps: StepId[]; ids: StepId[] }>();
  for (const id of ids) {
    const found = findStep(flow, id);
    if (!found) continue;
    const key = found.maps.join('/');
    const entry = byScope.get(key) ?? { maps: found.maps, ids: [] };
    entry.ids.push(id);
    byScope.set(key, entry);
  }
  // Deepest scopes first, so deleting a map after its body's steps finds nothing stale.
  const scopes = [...byScope.values()].sort((a, b) => b.maps.length - a.maps.length);
  return scopes.reduce((f, s) => editScope(f, s.maps, (scope) => deleteSteps(scope, s.ids)), flow);
}

/**
 * Renames step `from` to `to` wherever it sits, with edits.renameStep's semantics in its own
 * `steps` map: its place kept, every reference in that map (next, cases, default, branches, join,
 * onReject, onTimeout, catch) and that map's `start` follow. Ids are unique across the flow, so
 * throws when `to` is taken anywhere (or empty); an unknown `from` leaves the flow unchanged.
 * `$steps.<from>` in expressions is not rewritten here: see renameStepEverywhere (rename-step.ts).
 */
export function renameStepDeep(flow: Flow, from: StepId, to: StepId): Flow {
  if (from === to) return flow;
  const found = findStep(flow, from);
  if (!found) return flow;
  if (!to) throw new Error('a step id cannot be empty');
  if (findStep(flow, to)) throw new Error(`step id "${to}" is taken`);
  return editScope(flow, found.maps, (scope) => renameStep(scope, from, to));
}

/** Connects two steps of the same `steps` map (edits.connect there); steps in different maps stay unconnected. */
export function connectDeep(flow: Flow, source: StepId, target: StepId, kind: ConnectKind): Flow {
  const a = findStep(flow, source);
  const b = findStep(flow, target);
  if (!a || !b || a.maps.join('/') !== b.maps.join('/')) return flow;
  return editScope(flow, a.maps, (scope) => connect(scope, source, target, kind));
}

/** Removes every reference from `source` to `target` in the `steps` map holding `source` (edits.disconnect there). */
export function disconnectDeep(flow: Flow, source: StepId, target: StepId): Flow {
  const found = findStep(flow, source);
  if (!found) return flow;
  return editScope(flow, found.maps, (scope) => disconnect(scope, source, target));
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
