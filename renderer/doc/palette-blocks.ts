/**
 * What one palette click adds, as a block of steps that is valid as soon as it is wired in:
 * adding from the palette never leaves the flow with an error finding (engine validate; session 6
 * walkthrough: "Add parallel", "Add branch" and "Add join" each left an error until filled in).
 * - parallel: the parallel, two placeholder branch tasks and its join (DESIGN.md: every parallel
 *   closes at its join, and a parallel needs a branch). join: the same block, since a join exists
 *   only to close a parallel; the join is what gets selected.
 * - branch: one case through a placeholder task to where the branch goes on, which is also its
 *   default; when it goes on nowhere (placed freely, or after an end step), the case and the
 *   default each lead to a placeholder task. See `completeBranch`.
 * - every other kind: the one step of new-step.ts.
 * Pure: Flow in, data out.
 */
import type { Flow, Step, StepId } from '../../engine/model/flow';
import { NODE_HEIGHT, NODE_WIDTH } from './node-size';
import { freshId, newStep, paletteEntries, type PaletteKind } from './new-step';

/** Vertical distance between a step and the one appended below it, in canvas pixels. */
export const ROW = NODE_HEIGHT + 48;
/** Horizontal offset of the two columns of a block (parallel branches, branch paths) from its entry. */
export const COLUMN = NODE_WIDTH / 2 + 24;

/** One step of a block, placed at an offset from the block's entry, in canvas pixels. */
export interface BlockStep {
  id: StepId;
  step: Step;
  dx: number;
  dy: number;
}

/** The steps one palette click adds (see the module comment). */
export interface PaletteBlock {
  /** The step the flow enters the block by: spliced after the selected step. */
  entry: StepId;
  /** The step the block goes on from: its success route takes the selected step's old target. */
  tail: StepId;
  /** The step the user asked for, to select. */
  select: StepId;
  /** The block's steps, the entry first. */
  steps: BlockStep[];
  /** Two ids free in the flow and the block, for the placeholders `completeBranch` may add. */
  spare: [StepId, StepId];
}

/** The block a click on palette `kind` adds to `flow`, with ids fresh in the whole flow. */
export function paletteBlock(flow: Pick<Flow, 'steps'>, kind: PaletteKind): PaletteBlock {
  const taken: StepId[] = [];
  const fresh = (prefix: string) => {
    const id = freshId(flow, prefix, taken);
    taken.push(id);
    return id;
  };
  let block: Omit<PaletteBlock, 'spare'>;
  if (kind === 'parallel' || kind === 'join') {
    const par = fresh('parallel');
    const join = fresh('join');
    const [b1, b2] = [fresh('task'), fresh('task')];
    const branch = (n: number): Step => ({ type: 'task', shell: `echo "branch ${n}"`, next: join });
    block = {
      entry: par,
      tail: join,
      select: kind === 'join' ? join : par,
      steps: [
        { id: par, step: { type: 'parallel', branches: [b1, b2], join }, dx: 0, dy: 0 },
        { id: b1, step: branch(1), dx: -COLUMN, dy: ROW },
        { id: b2, step: branch(2), dx: COLUMN, dy: ROW },
        { id: join, step: newStep('join'), dx: 0, dy: 2 * ROW },
      ],
    };
  } else {
    const prefix = paletteEntries.find((e) => e.kind === kind)?.prefix ?? kind;
    const id = fresh(prefix);
    const bodyId = kind === 'map' ? fresh('item') : undefined;
    block = { entry: id, tail: id, select: id, steps: [{ id, step: newStep(kind, { bodyId }), dx: 0, dy: 0 }] };
  }
  return { ...block, spare: [fresh('task'), fresh('task')] };
}

/**
 * `steps` (a `steps` map holding the wired block) with a branch block's cases filled in: one case,
 * `when: "true"` (a condition to replace), through the placeholder task `spare[0]` to the branch's
 * `default`; without a default, the default becomes the placeholder `spare[1]`, an end. Returns
 * the steps and the placeholders added (offsets from the branch). Other blocks, and a branch that
 * already has cases, come back unchanged.
 */
export function completeBranch(steps: Record<StepId, Step>, block: PaletteBlock): { steps: Record<StepId, Step>; added: BlockStep[] } {
  const branch = steps[block.entry];
  if (branch?.type !== 'branch' || branch.cases.length > 0) return { steps, added: [] };
  const [caseId, defaultId] = block.spare;
  const onward = branch.default;
  const added: BlockStep[] = [
    { id: caseId, step: { type: 'task', shell: 'echo "case 1"', ...(onward ? { next: onward } : {}) }, dx: COLUMN, dy: ROW },
  ];
  if (!onward) added.push({ id: defaultId, step: { type: 'task', shell: 'echo "default"' }, dx: -COLUMN, dy: ROW });
  const filled: Step = { ...branch, cases: [{ when: 'true', next: caseId }], default: onward ?? defaultId };
  const out: Record<StepId, Step> = { ...steps, [block.entry]: filled };
  for (const a of added) out[a.id] = a.step;
  return { steps: out, added };
}
