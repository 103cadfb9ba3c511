/**
 * Steps inside map bodies (DESIGN.md: a map's body is a nested `steps` map, and ids are unique
 * across the whole flow). The inspector edits a body step through these, by id, wherever it sits.
 */
import type { Flow, MapStep, Step, StepId } from '../../engine/model/flow';
import { mapRefs, updateStep } from './edits';

/** A step found by id: its body, the `steps` map it lives in, and the map steps around it, outermost first. */
export interface FoundStep {
  step: Step;
  scope: Record<StepId, Step>;
  maps: StepId[];
}

/** The step called `id` anywhere in the flow (top level first, then map bodies, depth first). */
export function findStep(flow: Pick<Flow, 'steps'>, id: StepId): FoundStep | undefined {
  const visit = (scope: Record<StepId, Step>, maps: StepId[]): FoundStep | undefined => {
    // The code view may hold any YAML that parses: a step may be null, a string, or a map without a body.
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

/** Replaces the body of step `id` wherever it sits; unknown ids leave the flow unchanged. */
export function updateAnyStep(flow: Flow, id: StepId, step: Step): Flow {
  const found = findStep(flow, id);
  if (!found) return flow;
  if (found.maps.length === 0) return updateStep(flow, id, step);
  return updateBody(flow, found.maps, (steps) => ({ ...steps, [id]: step }));
}

/** Applies `fn` to the `steps` of the map at `maps` (outermost first), rebuilding the maps around it. */
export function updateBody(flow: Flow, maps: readonly StepId[], fn: (steps: Record<StepId, Step>) => Record<StepId, Step>): Flow {
  const rebuild = (scope: Record<StepId, Step>, depth: number): Record<StepId, Step> => {
    if (depth === maps.length) return fn(scope);
    const mid = maps[depth]!;
    const map = scope[mid];
    if (map?.type !== 'map') return scope;
    return { ...scope, [mid]: { ...map, steps: rebuild(map.steps, depth + 1) } satisfies MapStep };
  };
  return { ...flow, steps: rebuild(flow.steps, 0) };
}

/**
 * Adds `step` as `id` to the body of map `mapId` (wherever that map sits). Throws on a taken id;
 * unknown or non-map `mapId` leaves the flow unchanged.
 */
export function addBodyStep(flow: Flow, mapId: StepId, id: StepId, step: Step): Flow {
  const found = findStep(flow, mapId);
  if (found?.step.type !== 'map') return flow;
  if (findStep(flow, id)) throw new Error(`step id "${id}" is taken`);
  return updateBody(flow, [...found.maps, mapId], (steps) => ({ ...steps, [id]: step }));
}

/**
 * Removes step `id` from the body of the map holding it and every reference to it in that body.
 * When it was the body's start, the map starts at the body's first remaining step.
 */
export function deleteBodyStep(flow: Flow, id: StepId): Flow {
  const found = findStep(flow, id);
  if (!found || found.maps.length === 0) return flow;
  const mapId = found.maps[found.maps.length - 1]!;
  const out = updateBody(flow, found.maps, (steps) => {
    const rest: Record<StepId, Step> = {};
    for (const [sid, s] of Object.entries(steps)) if (sid !== id) rest[sid] = mapRefs(s, (r) => (r === id ? undefined : r));
    return rest;
  });
  const map = findStep(out, mapId)?.step;
  if (map?.type !== 'map' || map.start !== id) return out;
  return updateAnyStep(out, mapId, { ...map, start: Object.keys(map.steps)[0] ?? '' });
}
