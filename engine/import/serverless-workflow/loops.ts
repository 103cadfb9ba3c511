/**
 * Serverless Workflow lets `then` loop for ever (`then: <an earlier task>` with no way out); native
 * flows refuse a loop with no exit (engine/validate FS015, DESIGN.md "Validation"). Such a loop is
 * kept as it is and given an exit that is never taken — a branch whose only case is a `false`
 * that says why — so the flow runs exactly as the document did and validates; a finding asks for
 * a real condition.
 */
import type { BranchStep, Flow, Step, StepId } from '../../model/flow.js';
import { blockTree } from '../../model/blocks.js';
import { validateFlow } from '../../validate/index.js';
import { SwImportCode } from './codes.js';
import type { ImportContext } from './context.js';

const NEVER = 'false /* the Serverless Workflow document loops here for ever: write the condition that ends the loop */';
const NEVER_JOINS = 'false /* in the Serverless Workflow document this branch always fails: it never reaches the join */';

/** Adds a never-taken exit to every loop without one (validate's FS015), in place. */
export function escapeEndlessLoops(flow: Flow, ctx: ImportContext): void {
  // One exit can close several loops; re-check until none is left (a handful of rounds at most).
  for (let round = 0; round < 10; round++) {
    const loops = validateFlow(flow).filter((f) => f.code === 'FS015' && f.path !== undefined);
    if (loops.length === 0) return;
    for (const f of loops) {
      const parts = f.path!.split('/').slice(1).map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'));
      const id = parts.pop()!;
      const scope = stepsAt(flow, parts);
      const step = scope?.[id];
      if (scope === undefined || step === undefined) continue;
      addExit(ctx, scope, id, step);
      ctx.report(SwImportCode.directive, undefined, `step ${id} loops for ever in the Serverless Workflow document: a never-taken exit was added; give it a real condition`);
    }
  }
}

/**
 * A fork branch that can only fail (say, one `raise`) never reaches the join, which native parallels
 * require (validate FS016); its entry gets a never-taken path to the join, keeping what it does.
 */
export function joinFailingBranches(flow: Flow, ctx: ImportContext): void {
  const issues = validateFlow(flow).filter((f) => f.code === 'FS016' && f.path !== undefined && f.message.includes('never reaches'));
  for (const f of issues) {
    const parts = f.path!.split('/').slice(1);
    const index = Number(parts.pop());
    parts.pop(); // 'branches'
    const parallelId = parts.pop()!;
    const scope = stepsAt(flow, parts);
    const parallel = scope?.[parallelId];
    if (scope === undefined || parallel?.type !== 'parallel' || parallel.branches[index] === undefined) continue;
    const guardId = ctx.newId(`${parallel.branches[index]}-or-join`);
    scope[guardId] = { type: 'branch', title: 'Always fails', cases: [{ when: NEVER_JOINS, next: parallel.join }], default: parallel.branches[index] };
    parallel.branches[index] = guardId;
    ctx.report(
      SwImportCode.directive,
      undefined,
      `branch ${guardId} of fork ${parallelId} always fails in the Serverless Workflow document: a never-taken path to the join was added`,
      { severity: 'info' },
    );
  }
}

function stepsAt(flow: Flow, path: string[]): Record<StepId, Step> | undefined {
  let node: unknown = flow;
  for (const key of path) node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  return node !== null && typeof node === 'object' ? (node as Record<StepId, Step>) : undefined;
}

function addExit(ctx: ImportContext, scope: Record<StepId, Step>, id: StepId, step: Step): void {
  const exit = joinAround(scope, id) ?? newEnd(ctx, scope, id);
  if (step.type === 'branch') {
    step.cases.push({ when: NEVER, next: exit });
    return;
  }
  const guardId = ctx.newId(`${id}-forever`);
  const guard: BranchStep = { type: 'branch', title: 'Loops for ever', cases: [{ when: NEVER, next: exit }] };
  if (step.next !== undefined) guard.default = step.next;
  scope[guardId] = guard;
  step.next = guardId;
}

function newEnd(ctx: ImportContext, scope: Record<StepId, Step>, id: StepId): StepId {
  const end = ctx.newId(`${id}-stop`);
  scope[end] = { type: 'succeed', title: 'Loop ended' };
  return end;
}

/** The join of the innermost parallel whose block holds `id` (an exit must stay inside it), if any. */
function joinAround(scope: Record<StepId, Step>, id: StepId): StepId | undefined {
  return blockTree({ steps: scope }).innermost.get(id)?.join;
}
