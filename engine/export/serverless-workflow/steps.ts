/**
 * Converts each native step type into Serverless Workflow task items (DESIGN.md "Step types" →
 * dsl-reference.md "Task"): task → call/run/emit, approval → emit + listen + switch, branch → switch,
 * parallel + join → fork, map → for, wait → wait, succeed → a no-op that ends the path, fail → raise.
 */
import type { JoinStep, MapStep, ParallelStep, Step, StepId, TaskStep } from '../../model/flow.js';
import { approvalItems } from './approval.js';
import { SwExportCode } from './codes.js';
import type { DataPlan, ExportContext, ListPlan, SwTask, SwTaskItem } from './context.js';
import { taskMetadata } from './context.js';
import { item, itemName, itemTask, setField } from './goto.js';
import { toIsoDuration } from '../../interop/serverless-workflow/iso-duration.js';
import { buildList, type StepConverter } from './lists.js';
import { raiseTask, succeedTask, switchTask, waitTask, withFlowsmithMeta } from './simple-steps.js';
import { bodyToSw, type SwBody } from './task-body.js';
import { CALLBACK_OUTPUT, callbackDo } from './callback.js';
import { runStepToken, withCallbackToken } from '../callback-token.js';
import { wrapErrors } from './try-catch.js';
import { expressionToJq, expressionToSw } from './values.js';

/** The converter lists.ts calls for every step of every list of one export. */
export function stepConverter(ctx: ExportContext): StepConverter {
  const convert: StepConverter = (id, step, plan) => {
    ctx.emitted.add(id);
    if (step.compensate !== undefined) {
      ctx.report(
        SwExportCode.compensationDropped,
        id,
        'compensate is not exported: SW 1.0 has no compensation (saga), so nothing undoes this step when the workflow faults; the body is kept in metadata.flowsmith.compensate',
      );
    }
    switch (step.type) {
      case 'task':
        return taskItems(id, step, plan, ctx);
      case 'approval': {
        const items = approvalItems(id, step, plan, ctx);
        // The route switch reads the decision from the approval's output, so `output` must not reshape it.
        const { output, ...rest } = step;
        if (output !== undefined) ctx.report(SwExportCode.fieldDropped, id, 'output on an approval is not exported (the route switch reads the raw decision)');
        registerData(id, rest, itemTask(items[0]!), undefined, plan, ctx);
        return items;
      }
      case 'branch': {
        const task = switchTask(step, ctx.values(id, plan));
        addMeta(task, taskMetadata(step));
        if (step.catch !== undefined || step.continueOnError) {
          ctx.report(SwExportCode.fieldDropped, id, 'catch and continueOnError on a branch are not exported (a switch inside try could not name the targets)');
        }
        registerData(id, step, task, undefined, plan, ctx);
        return [item(id, task)];
      }
      case 'parallel':
        return forkItems(id, step, plan, ctx, convert);
      case 'map':
        return forItems(id, step, plan, ctx, convert);
      case 'wait': {
        const { task, meta } = waitTask(id, step, ctx);
        return finish(id, step, task, meta, plan, ctx);
      }
      case 'succeed': {
        const { task, meta } = succeedTask();
        return finish(id, step, task, meta, plan, ctx);
      }
      case 'fail': {
        const task = raiseTask(id, step, ctx.values(id, plan));
        addMeta(task, taskMetadata(step));
        return [item(id, task)];
      }
      case 'join':
        ctx.report(SwExportCode.fieldDropped, id, 'this join closes no parallel that leads to it; it was not exported', { severity: 'error' });
        return [];
    }
  };
  return convert;
}

function taskItems(id: StepId, step: TaskStep, plan: ListPlan, ctx: ExportContext): SwTaskItem[] {
  const executorStep = step.callback ? withCallbackToken(step, runStepToken(id)) : step;
  const body: SwBody = bodyToSw(executorStep, id, ctx, ctx.values(id, plan));
  let task = body.task;
  const timeout = step.timeout ?? ctx.flow.defaults?.timeout;
  if (timeout !== undefined) task['timeout'] = { after: toIsoDuration(timeout) };
  let normalize = body.normalize;
  if (step.callback) {
    // The executor, then a listen for the answer (callback.ts): the output is the answer's.
    task = callbackDo(id, { ...step, callback: step.callback }, task, ctx);
    normalize = { jq: CALLBACK_OUTPUT, prepare: () => undefined };
  }
  addMeta(task, taskMetadata(step, step.callback ? { callback: step.callback } : {}));
  registerData(id, step, task, normalize, plan, ctx);
  return wrapErrors(id, step, task, step.retry ?? ctx.flow.defaults?.retry, plan, ctx);
}

/** A step whose core is one task: metadata, data settings, error handling and `then`. */
function finish(
  id: StepId,
  step: Step,
  task: SwTask,
  meta: Record<string, unknown>,
  plan: ListPlan,
  ctx: ExportContext,
): SwTaskItem[] {
  addMeta(task, withFlowsmithMeta(taskMetadata(step), meta));
  registerData(id, step, task, undefined, plan, ctx);
  return wrapErrors(id, step, task, undefined, plan, ctx);
}

function forkItems(id: StepId, step: ParallelStep, plan: ListPlan, ctx: ExportContext, convert: StepConverter): SwTaskItem[] {
  const join = plan.scope[step.join] as JoinStep | undefined;
  const mode = join?.mode ?? 'all';
  const branches = step.branches.map((b) => {
    const list = buildList(b, { kind: 'branch', scope: plan.scope, stop: step.join, ...alias(plan) }, ctx, convert);
    const only = list[0];
    // One task that simply ends reads best as the branch itself; anything longer is a `do`.
    const isPlain = list.length === 1 && only !== undefined && itemTask(only)['then'] === undefined && itemName(only) === b;
    return isPlain ? only : item(b, { do: list });
  });
  const fork: Record<string, unknown> = { branches };
  if (mode === 'any' || (typeof mode === 'object' && mode.count === 1)) {
    fork['compete'] = true;
    ctx.report(
      SwExportCode.joinMode,
      step.join,
      'the join takes the first branch to arrive: exported as fork compete, where the first branch to finish sets the output and SW cancels the others',
      { severity: 'info' },
    );
  }
  if (typeof mode === 'object' && mode.count !== 1 && mode.count < step.branches.length) {
    ctx.report(SwExportCode.joinMode, step.join, `join waits for ${mode.count} of ${step.branches.length} branches, which SW fork cannot express: it waits for all of them`);
  }
  const task: SwTask = { fork };
  addMeta(task, withFlowsmithMeta(taskMetadata(step), { join: step.join, joinMode: join?.mode }));
  if (join !== undefined) {
    ctx.emitted.add(step.join);
    const dropped = (['set', 'output', 'retry', 'catch', 'timeout', 'compensate'] as const).filter((k) => join[k] !== undefined);
    if (dropped.length > 0) ctx.report(SwExportCode.fieldDropped, step.join, `${dropped.join(', ')} on a join is not exported (the join becomes the end of the fork)`);
  }
  registerData(id, step, task, undefined, plan, ctx);
  return wrapErrors(id, { ...step, next: join?.next }, task, undefined, plan, ctx);
}

function forItems(id: StepId, step: MapStep, plan: ListPlan, ctx: ExportContext, convert: StepConverter): SwTaskItem[] {
  const bodyPlan: ListPlan = { kind: 'map', scope: step.steps };
  if (step.as !== undefined) bodyPlan.itemAlias = step.as;
  const body = buildList(step.start, bodyPlan, ctx, convert);
  const task: SwTask = { for: { each: 'item', in: expressionToSw(step.items, ctx.values(id, plan)), at: 'index' }, do: body };
  if (step.concurrency !== 1) {
    ctx.report(
      SwExportCode.mapSequential,
      id,
      `SW for runs the items one after another, where Flowsmith runs ${step.concurrency === undefined ? 'all of them' : step.concurrency} at once`,
      { severity: 'info' },
    );
  }
  addMeta(task, withFlowsmithMeta(taskMetadata(step), { as: step.as, concurrency: step.concurrency }));
  registerData(id, step, task, undefined, plan, ctx);
  return wrapErrors(id, step, task, undefined, plan, ctx);
}

/** Records the step's output/set so index.ts can write output.as and export.as once reads are known. */
function registerData(id: StepId, step: Step, task: SwTask, normalize: SwBody['normalize'], plan: ListPlan, ctx: ExportContext): void {
  const output = step.output === undefined ? undefined : expressionToJq(step.output, ctx.values(id, plan, '.'));
  const set = Object.entries(step.set ?? {}).map(([name, expr]): [string, string] => [name, expressionToJq(expr, ctx.values(id, plan, '$out'))]);
  const data: DataPlan = { step: id, task, set };
  if (normalize !== undefined) data.normalize = normalize;
  if (output !== undefined) data.output = output;
  ctx.data.push(data);
}

function addMeta(task: SwTask, meta: Record<string, unknown> | undefined): void {
  if (meta !== undefined) setField(task, 'metadata', meta);
}

function alias(plan: ListPlan): { itemAlias?: string } {
  return plan.itemAlias === undefined ? {} : { itemAlias: plan.itemAlias };
}
