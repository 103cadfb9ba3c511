/**
 * Adding palette steps to a flow (issue #8 point 3): at a free spot, or "appended after the
 * selected step" as Camunda Modeler's context pad does: the selected step goes on to the new one,
 * which goes on to where the selected step went before. A parallel comes with its join, a map
 * with a nested start step. Pure: Flow in, Flow out.
 */
import type { Flow, ParallelStep, Position, Step, StepId } from '../../engine/model/flow';
import { addStep, updateStep } from './edits';
import { editScope, findStep } from './nested';
import { NODE_HEIGHT } from './node-size';
import { freshId, newStep, paletteEntries, type PaletteKind } from './new-step';
import { freeSpot, makeRoomForBody, mapFrameHeight } from './placement';

/** Vertical distance between a step and the one appended below it, in canvas pixels. */
export const ROW = NODE_HEIGHT + 48;

/** Where each step is drawn (the document's layout, else the computed one), for placing new steps. */
export type PositionOf = (id: StepId) => Position | undefined;

/** The route a step takes on success, which appending rewires: `next`, or a branch's `default`. */
function routeOf(step: Step): 'next' | 'default' | undefined {
  if (step.type === 'succeed' || step.type === 'fail' || step.type === 'parallel') return undefined;
  return step.type === 'branch' ? 'default' : 'next';
}

const isEnd = (s: Step | undefined) => s?.type === 'succeed' || s?.type === 'fail';

/** Sets where `step` goes on success to `target` (undefined: nowhere); end steps cannot go on. */
function withRoute(step: Step, target: StepId | undefined): Step {
  const route = routeOf(step);
  if (!route) return step;
  const out = { ...step } as Step & Record<string, unknown>;
  if (target === undefined) delete out[route];
  else out[route] = target;
  return out;
}

/**
 * Adds a step of `kind` to `flow` and returns the new flow and the new step's id.
 * - Without `after` (or with an id that is not a top-level step), the step goes to `at`, unconnected
 *   (the first step of an empty flow becomes `start`); in New's skeleton, whose only step is its
 *   start and an end step, it becomes the start and goes on to that end step.
 * - With `after`, it is placed below that step (or, for a parallel, below its join, which is where the
 *   block goes on) and spliced into its success route: `next`, or `default` for a branch. The new
 *   step (or, for a new parallel, its join) takes over the old target; an end step drops it. After an
 *   end step nothing is rewired.
 * - With `after` inside a map body, the new steps go into that body, spliced in the same way.
 * Positions come from `positionOf`; the spot below is moved right until no step overlaps it.
 */
export function insertPaletteStep(
  flow: Flow,
  kind: PaletteKind,
  at: Position,
  after?: StepId | null,
  positionOf: PositionOf = (id) => flow.layout?.[id],
): { flow: Flow; id: StepId } {
  const prefix = paletteEntries.find((e) => e.kind === kind)?.prefix ?? kind;
  const id = freshId(flow, prefix);
  const joinId = kind === 'parallel' ? freshId(flow, 'join', [id]) : undefined;
  const bodyId = kind === 'map' ? freshId(flow, 'item', [id]) : undefined;
  const step = newStep(kind, { joinId, bodyId });

  const nested = after && !flow.steps[after] ? findStep(flow, after) : undefined;
  if (nested && nested.maps.length > 0) {
    // Inside a map body: the new steps join that body (ids stay unique across the whole flow).
    // Positions inside a group are the canvas' business, so no layout is written for them.
    const edited = editScope(flow, nested.maps, (scope) => ({ ...scope, steps: splice(withNew(scope.steps, id, step, joinId), after!, id, joinId) }));
    // The map frames around the body grow: the steps below the outermost one move down with it.
    return { flow: makeRoomForBody(flow, edited, nested.maps[nested.maps.length - 1]!), id };
  }

  // New's skeleton (its start, an end step, is its only step): a step added with nothing selected goes
  // in front of it as the new start, so the flow runs it (walkthrough: New, then "Add task", left
  // the task unreachable behind `start: done`).
  const ids = Object.keys(flow.steps);
  const first = flow.steps[flow.start];
  if (!after && ids.length === 1 && ids[0] === flow.start && isEnd(first) && !isEnd(step)) {
    let out = addStep(flow, id, step, at);
    if (joinId) out = addStep(out, joinId, newStep('join'), { x: at.x, y: at.y + 2 * ROW });
    const tail = joinId ?? id;
    return { flow: { ...out, start: id, steps: { ...out.steps, [tail]: withRoute(out.steps[tail]!, flow.start) } }, id };
  }

  let anchor = after && flow.steps[after] ? after : undefined;
  const anchorStep = anchor ? flow.steps[anchor] : undefined;
  if (anchorStep?.type === 'parallel' && flow.steps[anchorStep.join]) anchor = anchorStep.join;
  const taken = Object.keys(flow.steps).flatMap((s) => positionOf(s) ?? []);
  const anchorPos = anchor ? positionOf(anchor) : undefined;
  const where = anchorPos ? freeSpot({ x: anchorPos.x, y: anchorPos.y + rowBelow(flow.steps[anchor!]) }, taken) : at;

  let out = addStep(flow, id, step, where);
  if (joinId) out = addStep(out, joinId, newStep('join'), { x: where.x, y: where.y + 2 * ROW });
  if (!anchor) return { flow: out, id };
  return { flow: { ...out, steps: splice(out.steps, anchor, id, joinId) }, id };
}

/**
 * How far below a step's top the next row starts: one ROW, or for a map the height of its frame
 * (placement.ts mapFrameHeight) plus the same gap, so a step appended after a map is not drawn
 * under the map's body.
 */
function rowBelow(step: Step | undefined): number {
  if (step?.type !== 'map') return ROW;
  return mapFrameHeight(step) + ROW - NODE_HEIGHT;
}

function withNew(steps: Record<StepId, Step>, id: StepId, step: Step, joinId: StepId | undefined): Record<StepId, Step> {
  return joinId ? { ...steps, [id]: step, [joinId]: newStep('join') } : { ...steps, [id]: step };
}

/**
 * Splices the new block (`id`, ending at `joinId` for a parallel) into `after`'s success route in
 * `steps` (a parallel `after` continues at its join). Returns `steps` unchanged after an end step.
 */
function splice(steps: Record<StepId, Step>, after: StepId, id: StepId, joinId: StepId | undefined): Record<StepId, Step> {
  let anchor = after;
  const a = steps[anchor];
  if (a?.type === 'parallel' && steps[a.join]) anchor = a.join;
  const anchorStep = steps[anchor];
  const route = anchorStep ? routeOf(anchorStep) : undefined;
  if (!anchorStep || !route) return steps;
  const old = (anchorStep as unknown as Record<string, StepId | undefined>)[route];
  const tail = joinId ?? id; // where the new block goes on
  return { ...steps, [tail]: withRoute(steps[tail]!, old), [anchor]: withRoute(anchorStep, id) };
}

/**
 * Adds a new branch to parallel `parallelId`: a shell task that goes on to the parallel's join,
 * placed between them. Returns the new flow and the task's id; the flow unchanged (and `null`)
 * when the step is not a parallel with an existing join.
 */
export function addParallelBranch(flow: Flow, parallelId: StepId, positionOf: PositionOf = (id) => flow.layout?.[id]): { flow: Flow; id: StepId | null } {
  const par = flow.steps[parallelId];
  if (par?.type !== 'parallel' || !flow.steps[par.join]) return { flow, id: null };
  const id = freshId(flow, 'task');
  const base = positionOf(parallelId) ?? { x: 0, y: 0 };
  const taken = Object.keys(flow.steps).flatMap((s) => positionOf(s) ?? []);
  const where = freeSpot({ x: base.x, y: base.y + ROW }, taken);
  let out = addStep(flow, id, { type: 'task', shell: 'echo branch', next: par.join }, where);
  out = updateStep(out, parallelId, { ...par, branches: [...par.branches, id] } satisfies ParallelStep);
  return { flow: out, id };
}
