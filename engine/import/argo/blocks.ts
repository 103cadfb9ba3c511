/**
 * The nested shape the importer builds before it writes native steps: sequences, parallel blocks
 * (DESIGN.md: "every parallel closes at its join"), conditional blocks (a branch step whose only
 * case runs the block and whose default skips it) and map blocks. `emit` wires `next`, `branches`,
 * `join`, cases and defaults, so the result is block-structured by construction.
 */
import { successors, type JoinMode, type MapStep, type Step, type StepId } from '../../model/flow.js';
import type { NameAllocator } from '../../interop/argo/names.js';

/** A piece of the flow being imported, before its steps are written. */
export type Block =
  /** One native step, without `next` (emit sets it). */
  | { kind: 'step'; id: StepId; step: Step }
  | { kind: 'seq'; items: Block[] }
  /** Branches run at once and meet at a join; `id` names the parallel and join steps. */
  | { kind: 'par'; id: string; title?: string; branches: Block[]; mode?: JoinMode }
  /** `body` runs when `when` (JSONata) holds, else it is skipped. */
  | { kind: 'gate'; id: StepId; when: string; title?: string; description?: string; body: Block }
  /** `body` runs once per item (the map's nested steps). */
  | { kind: 'map'; id: StepId; step: Omit<MapStep, 'start' | 'steps' | 'next'>; body: Block };

/** A sequence of blocks, flattened; an empty list is an empty sequence. */
export function seq(items: Block[]): Block {
  const flat = items.flatMap((b) => (b.kind === 'seq' ? b.items : [b]));
  return flat.length === 1 ? flat[0]! : { kind: 'seq', items: flat };
}

/**
 * Writes `block` into `out` so that it continues at `next` (undefined: its paths end), and returns
 * its first step id (`next` itself for an empty block). New ids for parallel, join and skip steps
 * come from `ids`.
 */
export function emit(block: Block, next: StepId | undefined, out: Record<StepId, Step>, ids: NameAllocator): StepId | undefined {
  switch (block.kind) {
    case 'step': {
      const step = tidy(block.step);
      if (next !== undefined && step.type !== 'fail' && step.type !== 'succeed') step.next = next;
      out[block.id] = step;
      return block.id;
    }
    case 'seq': {
      let entry = next;
      for (const item of [...block.items].reverse()) entry = emit(item, entry, out, ids);
      return entry;
    }
    case 'par': {
      if (block.branches.length === 1) return emit(block.branches[0]!, next, out, ids);
      if (block.branches.length === 0) return next;
      const parallel = ids.take(`${block.id}-parallel`);
      const join = ids.take(`${block.id}-join`);
      const branches = block.branches.map((b) => emit(b, join, out, ids)).filter((id): id is StepId => id !== undefined && id !== join);
      out[parallel] = { type: 'parallel', branches, join, ...(block.title ? { title: block.title } : {}) };
      out[join] = { type: 'join', mode: block.mode ?? 'all', ...(next === undefined ? {} : { next }) };
      return parallel;
    }
    case 'gate': {
      // A branch with no true case and no default fails (NoChoice): give the skip path a step to end at.
      const skip = next ?? ids.take(`${block.id}-skipped`);
      if (next === undefined) out[skip] = { type: 'succeed', title: 'Skipped' };
      const entry = emit(block.body, next, out, ids) ?? skip;
      const step: Step = { type: 'branch', cases: [{ when: block.when, next: entry }], default: skip };
      if (block.title !== undefined) step.title = block.title;
      if (block.description !== undefined) step.description = block.description;
      out[block.id] = step;
      return block.id;
    }
    case 'map': {
      const steps: Record<StepId, Step> = {};
      const start = emit(block.body, undefined, steps, ids) ?? ids.take(`${block.id}-item`);
      if (!steps[start]) steps[start] = { type: 'succeed' };
      out[block.id] = { ...block.step, start, steps: ordered(steps, start), ...(next === undefined ? {} : { next }) } as MapStep;
      return block.id;
    }
  }
}

/** A copy of `step` with type, title and description first: the order people read a step in. */
export function tidy(step: Step): Step {
  const { type, title, description, ...rest } = step;
  return { type, ...(title === undefined ? {} : { title }), ...(description === undefined ? {} : { description }), ...rest } as Step;
}

/** `steps` with its keys in the order a reader follows them from `start` (unreached ones last). */
export function ordered(steps: Record<StepId, Step>, start: StepId): Record<StepId, Step> {
  const out: Record<StepId, Step> = {};
  // Depth-first preorder with an explicit stack: a chain of 20,001 steps overflowed the recursion.
  const stack: StepId[] = [start];
  while (stack.length > 0) {
    const id = stack.pop()!;
    const step = steps[id];
    if (!step || id in out) continue;
    out[id] = step;
    const next = successors(step);
    for (let i = next.length - 1; i >= 0; i--) stack.push(next[i]!);
  }
  for (const [id, step] of Object.entries(steps)) if (!(id in out)) out[id] = step;
  return out;
}
