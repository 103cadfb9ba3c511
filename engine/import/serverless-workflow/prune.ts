/**
 * Drops steps that no path reaches: tasks that SW could only run after a jump or an error that
 * cannot happen (a catch.do whose try has no task, a task after `then: end`). Natively they would
 * be unreachable (validate FS014) and, when they lead into a join, invalid (FS017); each one is
 * named in a finding, so nothing disappears silently.
 */
import type { Flow, Step, StepId } from '../../model/flow.js';
import { isSameScope, stepReferences } from '../../model/step-references.js';
import { SwImportCode } from './codes.js';
import type { ImportContext } from './context.js';

/** Removes unreachable steps from every scope of `flow` (top level and map bodies), in place. */
export function pruneUnreachable(flow: Flow, ctx: ImportContext): void {
  pruneScope(flow.steps, flow.start, ctx);
}

function pruneScope(steps: Record<StepId, Step>, start: StepId, ctx: ImportContext): void {
  const seen = new Set<StepId>();
  const todo = [start];
  while (todo.length > 0) {
    const id = todo.pop()!;
    if (seen.has(id) || steps[id] === undefined) continue;
    seen.add(id);
    // Every reference counts: a parallel names its join even when no branch reaches it (every branch may fail).
    for (const ref of stepReferences(steps[id]!)) if (isSameScope(ref.kind)) todo.push(ref.to);
  }
  for (const id of Object.keys(steps)) {
    if (seen.has(id)) continue;
    delete steps[id];
    ctx.report(SwImportCode.directive, undefined, `step ${id} could never run (nothing leads to it) and was not imported`, { severity: 'info' });
  }
  for (const step of Object.values(steps)) if (step.type === 'map') pruneScope(step.steps, step.start, ctx);
}
