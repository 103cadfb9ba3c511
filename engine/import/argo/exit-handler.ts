/**
 * Argo's exit handler runs after the workflow whatever its outcome, with `{{workflow.status}}`
 * telling which (https://argo-workflows.readthedocs.io/en/latest/walk-through/exit-handlers/).
 * The import keeps both cases runnable (issue #11 item 17): workflow.ts appends the handler after
 * the main steps with status "Succeeded"; here a second copy with status "Failed" is written on a
 * failure path that every main step catches into (`catch: [{errors: ['*']}]`), and ends in a
 * `fail` step, so the run still fails (with the caught error's name and message) once the
 * handler has run. One FS229 finding says how workflow.status was mapped.
 */
import type { Step, StepId } from '../../model/flow.js';
import { emit, type Block } from './blocks.js';
import { ArgoImportCode } from './codes.js';
import type { ImportContext } from './context.js';

/** What catchIntoExitHandler needs: the handler's template, the main step ids, its failure copy. */
export interface ExitHandlerParts {
  /** The exit handler's template name (where the finding points). */
  exit: string;
  /** Ids of the steps written for the main flow (not the handler's success copy). */
  main: StepId[];
  /** The handler inlined with workflow.status "Failed". */
  handler: Block;
  /** The flow's steps so far; the failure path is added and main steps get their catch. */
  steps: Record<StepId, Step>;
}

/**
 * Writes the failure path and routes every failure of a main step into it. Writes nothing when no
 * main step can fail (the path could never run) or the handler's template is missing (reported).
 */
export function catchIntoExitHandler(ctx: ImportContext, { exit, main, handler, steps }: ExitHandlerParts): void {
  // Steps that cannot fail, and failures the Argo step already tolerated (continueOn), stay as they are.
  const catching = main.filter((id) => {
    const step = steps[id]!;
    if (step.type === 'parallel' || step.type === 'join' || step.type === 'succeed' || step.type === 'fail') return false;
    return !step.continueOnError && !step.catch?.some((c) => c.errors.includes('*'));
  });
  if (!ctx.templates.has(exit)) return;
  if (catching.length === 0) {
    ctx.report(ArgoImportCode.exitHandler, undefined, `the exit handler ${exit} runs after the flow with workflow.status "Succeeded": no step of the flow can fail`, { at: exit });
    return;
  }
  const failed = ctx.ids.take('workflow-failed');
  steps[failed] = {
    type: 'fail',
    title: 'Workflow failed',
    description: `Fails the run after the exit handler ${exit} ran for a failure`,
    error: 'Failed',
    message: '{{ $error.name }}: {{ $error.message }}',
  };
  const entry = emit(handler, failed, steps, ctx.ids) ?? failed;
  for (const id of catching) steps[id]!.catch = [...(steps[id]!.catch ?? []), { errors: ['*'], next: entry }];
  const leftOut = main.filter((id) => steps[id]!.type === 'fail');
  ctx.report(ArgoImportCode.exitHandler, undefined, `the exit handler ${exit} runs after the flow: after success with workflow.status "Succeeded", and after a failure of ${catching.length === 1 ? 'the main step' : `any of the ${catching.length} main steps`} (each catches every error into ${entry}) with workflow.status "Failed" (Argo's "Error" too); the run then fails at ${failed} with the caught error` +
      (leftOut.length ? `; fail steps ${leftOut.join(', ')} end the run without it` : ''), { at: exit });
}
