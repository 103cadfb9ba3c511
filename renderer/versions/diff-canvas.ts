/**
 * The flow the canvas draws while a version diff is shown (issue #12 part 3): the newer side's
 * steps, plus each step the older side had and the newer one removed, as a ghost. A ghost sits in
 * the map body it sat in when that map still exists (else at the top level), at its old `layout`
 * position when the older side saved one, and with its references cut (no `next`, cases, branches,
 * catch…), so it never pulls a live step into a parallel frame or draws an edge the newer side does
 * not have. Pure: no React, no store.
 */
import type { Flow, Step, StepId } from '../../engine/model/flow';
import type { FlowDiff } from '../../engine/host/api';

/** What the canvas draws during a diff: the merged flow and the ids of its ghosts. */
export interface DiffCanvas {
  flow: Flow;
  ghosts: ReadonlySet<StepId>;
}

/** `step` without any reference to another step (a ghost's edges would be the older side's). */
export function ghostOf(step: Step): Step {
  const { next: _next, catch: _catch, ...rest } = step as Step & { next?: StepId; catch?: unknown };
  const bare = rest as Record<string, unknown>;
  switch (step.type) {
    case 'branch':
      delete bare.default;
      return { ...bare, cases: [] } as unknown as Step;
    case 'parallel':
      delete bare.join;
      return { ...bare, branches: [] } as unknown as Step;
    case 'approval':
      delete bare.onReject;
      delete bare.onTimeout;
      return bare as unknown as Step;
    case 'map':
      // Its body steps, removed too, are reported one by one and come back as ghosts inside it.
      return { ...bare, steps: {} } as unknown as Step;
    default:
      return bare as unknown as Step;
  }
}

/** The body `steps` of the map chain `scope` (`outer/inner`) in `steps`, or undefined. */
function findBody(steps: Record<StepId, Step>, scope: string): Record<StepId, Step> | undefined {
  let body: Record<StepId, Step> | undefined = steps;
  for (const id of scope.split('/')) {
    const s: Step | undefined = body && Object.hasOwn(body, id) ? body[id] : undefined;
    if (!s || s.type !== 'map') return undefined;
    body = s.steps;
  }
  return body;
}

/** A copy of `steps` where the map chain `scope` holds `id: step` in its body (copies along the chain only). */
function putInScope(steps: Record<StepId, Step>, scope: string[], id: StepId, step: Step): Record<StepId, Step> {
  if (scope.length === 0) return { ...steps, [id]: step };
  const [head, ...tail] = scope as [string, ...string[]];
  const map = steps[head] as Step & { type: 'map' };
  return { ...steps, [head]: { ...map, steps: putInScope(map.steps, tail, id, step) } };
}

/**
 * The newer side of `diff` with the older side's removed steps added as ghosts (see the module
 * comment). `older` null (it did not parse): no ghosts. The newer flow is not changed; steps that
 * are not ghosts keep their object identity, so the canvas' graph cache reuses their nodes.
 */
export function diffCanvas(newer: Flow, older: Flow | null, diff: FlowDiff): DiffCanvas {
  const ghosts = new Set<StepId>();
  if (!older) return { flow: newer, ghosts };
  let steps = newer.steps;
  let layout = newer.layout;
  // Parents first: a removed map's body ghosts go inside its ghost.
  const removed = diff.steps.filter((s) => s.change === 'removed').sort((a, b) => depth(a.scope) - depth(b.scope));
  for (const r of removed) {
    const old = r.scope === null ? older.steps[r.id] : findBody(older.steps, r.scope)?.[r.id];
    if (!old || Object.hasOwn(steps, r.id)) continue;
    const inMap = r.scope !== null && findBody(steps, r.scope) !== undefined;
    steps = putInScope(steps, inMap ? (r.scope as string).split('/') : [], r.id, ghostOf(old));
    ghosts.add(r.id);
    const at = older.layout?.[r.id];
    if (!inMap && at) layout = { ...layout, [r.id]: at };
  }
  if (ghosts.size === 0) return { flow: newer, ghosts };
  return { flow: { ...newer, steps, ...(layout ? { layout } : {}) }, ghosts };
}

const depth = (scope: string | null) => (scope === null ? 0 : scope.split('/').length);
