/**
 * Document edits: pure functions from a Flow to a new Flow (STYLE.md §4). The canvas and the
 * inspector turn gestures into these; the store applies them and keeps undo history.
 * Edits never mutate their input and keep the key order of `steps` (the YAML diff stays small).
 */
import type { Flow, Position, Step, StepId } from '../../engine/model/flow';

/** Which reference an outgoing connection sets, named after the source handle it starts from. */
export type ConnectKind = 'next' | 'case' | 'default' | 'branch' | 'reject' | 'catch';

function withSteps(flow: Flow, steps: Record<StepId, Step>): Flow {
  return { ...flow, steps };
}

/** Replaces one step's body; unknown ids leave the flow unchanged. */
export function updateStep(flow: Flow, id: StepId, step: Step): Flow {
  if (!flow.steps[id]) return flow;
  return withSteps(flow, { ...flow.steps, [id]: step });
}

/** Adds a step at `position`; it becomes `start` when the flow has no steps yet. Throws on a taken id. */
export function addStep(flow: Flow, id: StepId, step: Step, position: Position): Flow {
  if (flow.steps[id]) throw new Error(`step id "${id}" is taken`);
  const isFirst = Object.keys(flow.steps).length === 0;
  return {
    ...flow,
    start: isFirst ? id : flow.start,
    steps: { ...flow.steps, [id]: step },
    layout: { ...flow.layout, [id]: roundPos(position) },
  };
}

/** Moves a step on the canvas (updates `layout`). */
export function moveStep(flow: Flow, id: StepId, position: Position): Flow {
  const p = roundPos(position);
  const old = flow.layout?.[id];
  if (old && old.x === p.x && old.y === p.y) return flow;
  return { ...flow, layout: { ...flow.layout, [id]: p } };
}

function roundPos(p: Position): Position {
  return { x: Math.round(p.x), y: Math.round(p.y) };
}

/** Applies `map` to every step id a step refers to (next, cases, default, branches, join, onReject, onTimeout, catch). */
export function mapRefs(step: Step, map: (id: StepId) => StepId | undefined): Step {
  const s = { ...step } as Step & Record<string, unknown>;
  const fix = (key: 'next' | 'default' | 'onReject' | 'onTimeout' | 'join') => {
    const v = s[key];
    if (typeof v !== 'string') return;
    const m = map(v);
    if (m === undefined) delete s[key];
    else s[key] = m;
  };
  fix('next');
  fix('onReject');
  fix('onTimeout');
  fix('default');
  fix('join');
  if (s.type === 'branch') {
    s.cases = s.cases.flatMap((c) => {
      const n = map(c.next);
      return n === undefined ? [] : [{ ...c, next: n }];
    });
  }
  if (s.type === 'parallel') s.branches = s.branches.flatMap((b) => map(b) ?? []);
  if (s.catch) {
    s.catch = s.catch.flatMap((c) => {
      const n = map(c.next);
      return n === undefined ? [] : [{ ...c, next: n }];
    });
    if (s.catch.length === 0) delete s.catch;
  }
  return s;
}

/**
 * Deletes steps and every reference to them, except that a `next` to a deleted step that itself
 * went on with `next` now goes where it went (deleting the middle of a chain keeps the chain; a
 * case, branch, catch or rejection route to it is dropped, never silently re-routed). A deleted
 * `start` moves the same way, else to the first remaining step. A parallel whose join is deleted
 * loses its `join` field; validation then reports it.
 */
export function deleteSteps(flow: Flow, ids: readonly StepId[]): Flow {
  const gone = new Set(ids);
  // Where a `next` to `r` goes once the deleted steps are gone: along their `next`s, or nowhere.
  const heal = (r: StepId, from: StepId | null): StepId | undefined => {
    const seen = new Set<StepId>();
    while (gone.has(r)) {
      const next: unknown = seen.has(r) ? undefined : flow.steps[r]?.next;
      if (typeof next !== 'string') return undefined;
      seen.add(r);
      r = next;
    }
    return r === from ? undefined : r;
  };
  const steps: Record<StepId, Step> = {};
  for (const [id, step] of Object.entries(flow.steps)) {
    if (gone.has(id)) continue;
    const s = mapRefs(step, (r) => (gone.has(r) ? undefined : r));
    const healed = typeof step.next === 'string' && gone.has(step.next) ? heal(step.next, id) : undefined;
    steps[id] = healed !== undefined && flow.steps[healed] ? ({ ...s, next: healed } as Step) : s;
  }
  const layout = flow.layout ? { ...flow.layout } : undefined;
  if (layout) for (const id of gone) delete layout[id];
  const start = gone.has(flow.start) ? (heal(flow.start, null) ?? Object.keys(steps)[0] ?? '') : flow.start;
  const out: Flow = { ...flow, start, steps };
  if (layout) out.layout = layout;
  return out;
}

/**
 * Renames a step, keeping its place in `steps` and updating every reference, `start` and `layout`.
 * Throws when `to` is taken or empty.
 */
export function renameStep(flow: Flow, from: StepId, to: StepId): Flow {
  if (from === to || !flow.steps[from]) return flow;
  if (!to) throw new Error('a step id cannot be empty');
  if (flow.steps[to]) throw new Error(`step id "${to}" is taken`);
  const ren = (r: StepId) => (r === from ? to : r);
  const steps: Record<StepId, Step> = {};
  for (const [id, step] of Object.entries(flow.steps)) steps[ren(id)] = mapRefs(step, ren);
  const out: Flow = { ...flow, start: ren(flow.start), steps };
  if (flow.layout) {
    out.layout = {};
    for (const [id, pos] of Object.entries(flow.layout)) out.layout[ren(id)] = pos;
  }
  return out;
}

/**
 * Connects `source` to `target` as the handle says: `next` sets next, `case` adds a branch case
 * (`when: "true"`, to be edited), `default` sets a branch's default, `branch` adds a parallel
 * branch, `reject` sets an approval's onReject, `catch` adds a catch-all clause.
 * Connecting a step to itself or from an end step (succeed/fail) leaves the flow unchanged.
 */
export function connect(flow: Flow, source: StepId, target: StepId, kind: ConnectKind = 'next'): Flow {
  const step = flow.steps[source];
  if (!step || !flow.steps[target] || source === target) return flow;
  if (step.type === 'succeed' || step.type === 'fail') return flow;
  if (step.type === 'branch' && (kind === 'case' || kind === 'next')) {
    if (step.cases.some((c) => c.next === target)) return flow;
    return updateStep(flow, source, { ...step, cases: [...step.cases, { when: 'true', next: target }] });
  }
  if (step.type === 'branch' && kind === 'default') return updateStep(flow, source, { ...step, default: target });
  if (step.type === 'parallel') {
    if (step.branches.includes(target)) return flow;
    return updateStep(flow, source, { ...step, branches: [...step.branches, target] });
  }
  if (step.type === 'approval' && kind === 'reject') return updateStep(flow, source, { ...step, onReject: target });
  if (kind === 'catch') {
    const clauses = step.catch ?? [];
    if (clauses.some((c) => c.next === target)) return flow;
    return updateStep(flow, source, { ...step, catch: [...clauses, { errors: ['*'], next: target }] });
  }
  return updateStep(flow, source, { ...step, next: target });
}

/** Removes every reference from `source` to `target` (what deleting their canvas edge means). */
export function disconnect(flow: Flow, source: StepId, target: StepId): Flow {
  const step = flow.steps[source];
  if (!step) return flow;
  const next = mapRefs(step, (r) => (r === target ? undefined : r));
  // A parallel's `join` is not an edge (successors() leaves it out), so it survives.
  if (step.type === 'parallel' && next.type === 'parallel') next.join = step.join;
  return updateStep(flow, source, next);
}

/**
 * The flow with `layout` holding every step's current canvas position: the document's own where it
 * has one, else `computed` (elkjs). Saved files then reopen exactly as they were drawn.
 */
export function withLayout(flow: Flow, computed: Record<StepId, Position>): Flow {
  const layout: Record<StepId, Position> = {};
  for (const id of Object.keys(flow.steps)) {
    const p = flow.layout?.[id] ?? computed[id];
    if (p) layout[id] = roundPos(p);
  }
  return { ...flow, layout };
}
