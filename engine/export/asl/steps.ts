/**
 * One native step → one ASL state: dispatch by step type, plus what every state shares (Comment,
 * Output, Assign) and the findings for fields ASL has no place for (mock, compensate, and timeout,
 * retry or catch on state types that lack them). Field availability per state type follows
 * https://states-language.net/spec.html (appendix "State field summary") and asl-validator 4's schemas.
 */
import { taskExecutor, type Step, type StepId } from '../../model/flow.js';
import { AslExportCode } from './codes.js';
import type { AslState, ExportContext } from './context.js';
import { braced, toAslExpression, type ExprSite } from './expressions.js';
import { mapState, parallelState } from './containers.js';
import { branchState, failState, succeedState, waitState } from './flow-states.js';
import type { MachinePlan } from './plan.js';
import type { AslMachine } from './machine.js';
import { approvalState, taskState } from './work-states.js';

/** What step converters need from the machine being built (machine.ts implements it). */
export interface Builder {
  readonly plan: MachinePlan;
  readonly ctx: ExportContext;
  transition(to: StepId | undefined): { Next: string } | { End: true };
  target(to: StepId): string;
  buildChild(plan: MachinePlan): { machine: AslMachine; escapes: Map<StepId, string> };
  addHelper(preferred: string, state: AslState): string;
}

/** A step being converted: its id, the machine it is built into, and the expression site for findings. */
export interface StepSite extends ExprSite {
  builder: Builder;
  ctx: ExportContext;
}

/** Converts `step` into its ASL state and reports what it loses. */
export function convertStep(id: StepId, step: Step, builder: Builder): AslState {
  const site: StepSite = { step: id, machine: builder.plan, field: id, builder, ctx: builder.ctx };
  reportDropped(step, site);
  const state = { ...comment(step), ...stateOf(step, site) };
  // The join's fields belong to the Parallel that stands for the whole block.
  if (step.type === 'parallel') {
    const join = builder.plan.scope[step.join];
    if (join?.set) Object.assign(state, assignOf(join.set, 'null', { ...site, step: step.join }));
  }
  return state;
}

function stateOf(step: Step, site: StepSite): AslState {
  switch (step.type) {
    case 'task':
      return taskState(step, site);
    case 'approval':
      return approvalState(step, site);
    case 'branch':
      return branchState(step, site);
    case 'parallel':
      return parallelState(step, site);
    case 'map':
      return mapState(step, site);
    case 'wait':
      return waitState(step, site);
    case 'succeed':
      return succeedState(step, site);
    case 'fail':
      return failState(step, site);
    case 'join':
      // Joins are never members of a machine: the Parallel stands for the block (plan.ts).
      return { Type: 'Pass', ...site.builder.transition(step.next) };
  }
}

/**
 * `Output` and `Assign` for a state whose native raw output is `raw` (JSONata), and the kept output
 * (native `output` applied to raw) that `$steps.<id>.output` stands for.
 */
export function outputFields(step: Step, raw: string, site: StepSite): { fields: AslState; kept: string } {
  const kept = step.output === undefined ? raw : toAslExpression(step.output, { ...site, field: 'output' }, site.ctx, raw);
  site.ctx.keptOutputs.set(site.step, kept);
  const fields: AslState = kept === '$states.result' ? {} : { Output: braced(kept) };
  if (step.set) Object.assign(fields, assignOf(step.set, kept, site));
  return { fields, kept };
}

/** `Assign` for a native `set` ({var: expr}, `$` = the kept output, given as JSONata `kept`). */
export function assignOf(set: Record<string, string>, kept: string, site: StepSite): AslState {
  const assign: Record<string, string> = {};
  const earlier: string[] = [];
  for (const [name, expr] of Object.entries(set)) {
    // Native set assigns in order, each seeing the ones before; ASL evaluates all Assign values first.
    if (earlier.some((e) => new RegExp(`\\$vars\\.${e.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(expr))) {
      site.ctx.report(AslExportCode.variableScope, site.step, `set.${name} reads a variable set earlier by the same step; ASL evaluates every Assign with the values from before the state`);
    }
    assign[site.ctx.varName(name)] = braced(toAslExpression(expr, { ...site, field: `set.${name}` }, site.ctx, kept));
    earlier.push(name);
  }
  // Map items already run with their own copy of the variables (runtime/map-call.ts); parallel
  // branches natively share them, while an ASL branch's assignments stay inside the branch.
  if (inParallelBranch(site.machine)) {
    site.ctx.report(AslExportCode.variableScope, site.step, 'set inside a parallel branch stays local to that branch in ASL (variables assigned in a Parallel branch are not visible after it)');
  }
  return { Assign: assign };
}

/** Reports fields a state type has no place for; `allowed` lists what the converter itself handles. */
export function reportUnsupported(step: Step, site: StepSite, allowed: ('timeout' | 'retry' | 'catch' | 'output' | 'continueOnError' | 'next')[]): void {
  const fields = ['timeout', 'retry', 'catch', 'output', 'continueOnError', 'next'] as const;
  for (const field of fields) {
    if (step[field] === undefined || allowed.includes(field)) continue;
    site.ctx.report(AslExportCode.unsupportedField, site.step, `${field} on a ${step.type} step has no place in an ASL ${aslType(step)} state; not exported`);
  }
}

function inParallelBranch(machine: MachinePlan): boolean {
  for (let m: MachinePlan | undefined = machine; m && m.owner?.kind !== 'map'; m = m.parent) {
    if (m.owner?.kind === 'parallel') return true;
  }
  return false;
}

function aslType(step: Step): string {
  return { task: 'Task', approval: 'Task', branch: 'Choice', parallel: 'Parallel', join: 'Pass', map: 'Map', wait: 'Wait', succeed: 'Succeed', fail: 'Fail' }[step.type];
}

function comment(step: Step): AslState {
  const text = [step.title, step.description].filter((t) => t !== undefined && t !== '').join(': ');
  return text === '' ? {} : { Comment: text };
}

function reportDropped(step: Step, site: StepSite): void {
  if (step.mock !== undefined) {
    site.ctx.report(AslExportCode.mockDropped, site.step, 'mock is for simulation only; not exported', { severity: 'info' });
  }
  if (step.compensate !== undefined) {
    const kind = taskExecutor(step.compensate) ?? 'task';
    site.ctx.report(
      AslExportCode.compensationDropped,
      site.step,
      `compensate (${kind}) has no ASL equivalent and was not exported: Step Functions does not undo completed states when an execution fails; to keep the saga, add a Catch on the later states that leads to a state doing this ${kind} work`,
    );
  }
}
