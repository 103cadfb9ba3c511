/**
 * Adding palette steps to a flow (issue #8 point 3): at a free spot, or "appended after the
 * selected step" as Camunda Modeler's context pad does: the selected step goes on to the new one,
 * which goes on to where the selected step went before. What a click adds is a valid block
 * (palette-blocks.ts): a parallel comes with two branches and its join, a branch with a case, a
 * map with a nested start step. Pure: Flow in, Flow out.
 */
import type { Flow, ParallelStep, Position, Step, StepId } from '../../engine/model/flow';
import { stepRefs } from './edges';
import { addStep, updateStep } from './edits';
import { editScope, findStep } from './nested';
import { NODE_HEIGHT } from './node-size';
import { freshId, type PaletteKind } from './new-step';
import { COLUMN, completeBranch, paletteBlock, ROW, type PaletteBlock } from './palette-blocks';
import { freeSpot, makeRoomBelow, makeRoomForBody, mapFrameHeight } from './placement';

export { ROW };

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
 * Adds what palette `kind` adds (palette-blocks.ts: one step, or a valid block such as a parallel
 * with two branches and its join) to `flow`; returns the new flow and the id to select.
 * - Without `after` (or with an id that is not a top-level step), the block goes to `at`, unconnected
 *   (the first step of an empty flow becomes `start`); in New's skeleton, whose only step is its
 *   start and an end step, it becomes the start and goes on to that end step.
 * - With `after`, it is placed below that step (or, for a parallel, below its join, which is where the
 *   block goes on) and spliced into its success route: `next`, or `default` for a branch. The block's
 *   tail (a parallel's join) takes over the old target; an end step drops it. After an end step
 *   nothing is rewired.
 * - With `after` inside a map body, the new steps go into that body, spliced in the same way.
 * A new branch then gets its case (palette-blocks.ts completeBranch), so the flow stays valid.
 * Positions come from `positionOf`; the spot below is moved right until no step overlaps it.
 */
export function insertPaletteStep(
  flow: Flow,
  kind: PaletteKind,
  at: Position,
  after?: StepId | null,
  positionOf: PositionOf = (id) => flow.layout?.[id],
): { flow: Flow; id: StepId } {
  const block = paletteBlock(flow, kind);
  const id = block.select;
  const entry = block.steps[0]!.step;

  const nested = after && !flow.steps[after] ? findStep(flow, after) : undefined;
  if (nested && nested.maps.length > 0) {
    // Inside a map body: the new steps join that body (ids stay unique across the whole flow).
    // Positions inside a group are the canvas' business, so no layout is written for them.
    const edited = editScope(flow, nested.maps, (scope) => {
      const steps = splice(withBlock(scope.steps, block), after!, block.entry, block.tail);
      return { ...scope, steps: completeBranch(steps, block).steps };
    });
    // The map frames around the body grow: the steps below the outermost one move down with it.
    return { flow: makeRoomForBody(flow, edited, nested.maps[nested.maps.length - 1]!), id };
  }

  // New's skeleton (its start, an end step, is its only step): a step added with nothing selected goes
  // in front of it as the new start, so the flow runs it (walkthrough: New, then "Add task", left
  // the task unreachable behind `start: done`).
  const ids = Object.keys(flow.steps);
  const first = flow.steps[flow.start];
  if (!after && ids.length === 1 && ids[0] === flow.start && isEnd(first) && !isEnd(entry)) {
    const out = addBlock(flow, block, at);
    // The end step moves below the new block, where the flow now reaches it (walkthrough: it stayed
    // above, and every edge into it went back up across the new steps).
    const endAt = { x: Math.round(at.x), y: Math.round(at.y + blockHeight(block, kind)) };
    const wired = {
      ...out,
      start: block.entry,
      steps: { ...out.steps, [block.tail]: withRoute(out.steps[block.tail]!, flow.start) },
      layout: { ...out.layout, [flow.start]: endAt },
    };
    return { flow: completeAt(wired, block, at), id };
  }

  let anchor = after && flow.steps[after] ? after : undefined;
  const anchorStep = anchor ? flow.steps[anchor] : undefined;
  if (anchorStep?.type === 'parallel' && flow.steps[anchorStep.join]) anchor = anchorStep.join;
  const anchorPos = anchor ? positionOf(anchor) : undefined;
  const below = anchorPos ? { x: anchorPos.x, y: anchorPos.y + rowBelow(flow.steps[anchor!]) } : undefined;
  // Inserted between a saved step and where it went on: the steps below move down by the block's
  // height and the block goes straight below (walkthrough: a parallel added after "Prepare data"
  // was drawn over the "Archive folders" block under it).
  const isBetween = anchor !== undefined && below !== undefined && flow.layout?.[anchor] !== undefined && goesOn(flow.steps, anchor, block);
  const base = isBetween ? makeRoomBelow(flow, anchor!, blockHeight(block, kind)) : flow;
  const taken = Object.keys(flow.steps).flatMap((s) => positionOf(s) ?? []);
  const where = isBetween ? below! : below ? freeSpot(below, taken, [...block.steps, ...(kind === 'branch' ? placeholderOffsets : [])]) : at;

  const out = addBlock(base, block, where);
  const wired = anchor ? { ...out, steps: splice(out.steps, anchor, block.entry, block.tail) } : out;
  return { flow: completeAt(wired, block, where), id };
}

/** Where completeBranch puts a branch's placeholders, relative to the branch (palette-blocks.ts). */
const placeholderOffsets = [{ dx: -COLUMN, dy: ROW }, { dx: COLUMN, dy: ROW }];

/** Whether splicing the block after `anchor` puts it between `anchor` and a step it went on to. */
function goesOn(steps: Record<StepId, Step>, anchor: StepId, block: PaletteBlock): boolean {
  const step = steps[anchor];
  const route = step ? routeOf(step) : undefined;
  if (!step || !route || (step as unknown as Record<string, unknown>)[route] === undefined) return false;
  return !(isEnd(block.steps[0]!.step) && inParallelBranch(steps, anchor));
}

/** The height a block takes on the canvas with the gap below it, in canvas pixels. */
function blockHeight(block: PaletteBlock, kind: PaletteKind): number {
  const lowest = Math.max(...block.steps.map((s) => s.dy + rowBelow(s.step)));
  return kind === 'branch' ? lowest + ROW : lowest;
}

/** `flow` with the block's steps added at the top level, placed at their offsets from `where`. */
function addBlock(flow: Flow, block: PaletteBlock, where: Position): Flow {
  return block.steps.reduce((f, s) => addStep(f, s.id, s.step, { x: where.x + s.dx, y: where.y + s.dy }), flow);
}

/** `flow` with a top-level branch block completed, its placeholders placed at their offsets from `where`. */
function completeAt(flow: Flow, block: PaletteBlock, where: Position): Flow {
  const { steps, added } = completeBranch(flow.steps, block);
  if (added.length === 0) return flow;
  const layout = { ...flow.layout };
  for (const a of added) layout[a.id] = { x: Math.round(where.x + a.dx), y: Math.round(where.y + a.dy) };
  return { ...flow, steps, layout };
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

function withBlock(steps: Record<StepId, Step>, block: PaletteBlock): Record<StepId, Step> {
  const out = { ...steps };
  for (const s of block.steps) out[s.id] = s.step;
  return out;
}

/**
 * Splices the new block (entered at `id`, going on from `tail`) into `after`'s success route in
 * `steps` (a parallel `after` continues at its join). Returns `steps` unchanged after an end step,
 * and for an end step after a step in a parallel's branch: a branch must reach its join
 * (engine/validate/parallel.ts FS016), so the end step stays apart for the user to connect.
 */
function splice(steps: Record<StepId, Step>, after: StepId, id: StepId, tail: StepId): Record<StepId, Step> {
  let anchor = after;
  const a = steps[anchor];
  if (a?.type === 'parallel' && steps[a.join]) anchor = a.join;
  const anchorStep = steps[anchor];
  const route = anchorStep ? routeOf(anchorStep) : undefined;
  if (!anchorStep || !route) return steps;
  if (isEnd(steps[id]) && inParallelBranch(steps, anchor)) return steps;
  const old = (anchorStep as unknown as Record<string, StepId | undefined>)[route];
  return { ...steps, [tail]: withRoute(steps[tail]!, old), [anchor]: withRoute(anchorStep, id) };
}

/** Whether step `id` lies on a branch of a parallel in `steps`, between the parallel and its join. */
function inParallelBranch(steps: Record<StepId, Step>, id: StepId): boolean {
  for (const par of Object.values(steps)) {
    if (par.type !== 'parallel') continue;
    const seen = new Set<StepId>();
    const todo = [...par.branches];
    for (let s = todo.pop(); s !== undefined; s = todo.pop()) {
      const step = steps[s];
      if (s === par.join || seen.has(s) || !step) continue;
      if (s === id) return true;
      seen.add(s);
      todo.push(...stepRefs(step).map((r) => r.target));
    }
  }
  return false;
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
