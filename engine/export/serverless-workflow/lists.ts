/**
 * Turns a native step graph into Serverless Workflow task lists (dsl-reference.md "Do", "Flow
 * Directive"). A list holds the steps reachable from its entry (a parallel's branches go into its
 * fork, a map's body into its for); they are ordered depth-first following `next` first, so most
 * steps simply continue to the task below them. Every other transition becomes an explicit `then`:
 * a task name of the same list, `end` (the path ends at the top level), or `exit` (it ends inside a
 * fork branch or a for body, or reaches the branch's join).
 */
import type { Step, StepId } from '../../model/flow.js';
import { SwExportCode } from './codes.js';
import type { ExportContext, ListPlan, SwTaskItem } from './context.js';
import { Goto, itemName, itemTask } from './goto.js';
import { catchMode } from './try-catch.js';

/** Converts one step into its task items (core first), with Gotos for its transitions. */
export type StepConverter = (id: StepId, step: Step, plan: ListPlan) => SwTaskItem[];

/** Builds the task list that starts at `entry`, with every Goto resolved. */
export function buildList(entry: StepId, plan: ListPlan, ctx: ExportContext, convert: StepConverter): SwTaskItem[] {
  const items: SwTaskItem[] = [];
  for (const id of regionOrder(entry, plan)) items.push(...convert(id, plan.scope[id]!, plan));
  // Generated tasks are named `<id>-route`, `<id>-rejected`…; a step with such an id would clash.
  const names = items.map(itemName);
  for (const [i, name] of names.entries()) {
    if (names.indexOf(name) !== i) {
      ctx.report(SwExportCode.fieldDropped, name, `two tasks are named ${name} in one list, so then: ${name} is ambiguous; rename the step`, { severity: 'error' });
    }
  }
  resolveGotos(items, plan, ctx);
  return items;
}

/** Step ids of the list that starts at `entry`, in task order (depth first, `next` first). */
export function regionOrder(entry: StepId, plan: ListPlan): StepId[] {
  const order: StepId[] = [];
  const seen = new Set<StepId>();
  const visit = (start: StepId) => {
    // An explicit stack instead of recursion: long chains of `next` stay off the call stack.
    const stack: StepId[] = [start];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (id === plan.stop || seen.has(id) || plan.scope[id] === undefined) continue;
      seen.add(id);
      order.push(id);
      // Pushed in reverse so that the first successor (`next`) is visited first; steps that end
      // the path go last, so they tend to sit at the end of the list and need no `then`.
      const successors = listSuccessors(plan.scope[id]!, plan);
      const ending = (s: StepId) => isPathEnd(plan.scope[s]);
      stack.push(...[...successors.filter((s) => !ending(s)), ...successors.filter(ending)].reverse());
    }
  };
  visit(entry);
  return order;
}

/** A succeed or fail step, or any step with nowhere to go: the end of a path. */
function isPathEnd(step: Step | undefined): boolean {
  return step !== undefined && (step.type === 'succeed' || step.type === 'fail');
}

/**
 * The steps a step leads to inside its list: a parallel leads past its join (its branches live in
 * the fork), a catch whose handler raises a copy of a fail step does not lead to that step.
 */
function listSuccessors(step: Step, plan: ListPlan): StepId[] {
  const out: StepId[] = [];
  const add = (id: StepId | undefined) => {
    if (id !== undefined && !out.includes(id)) out.push(id);
  };
  switch (step.type) {
    case 'parallel': {
      const join = plan.scope[step.join];
      add(join?.next);
      break;
    }
    case 'branch':
      for (const c of step.cases) add(c.next);
      add(step.default);
      break;
    case 'approval':
      add(step.next);
      add(step.onReject);
      // A fail step on timeout is raised inside the approval's catch; any other target is routed.
      if (step.onTimeout !== undefined && plan.scope[step.onTimeout]?.type !== 'fail') add(step.onTimeout);
      break;
    default:
      add(step.next);
  }
  if (step.type !== 'approval' && step.type !== 'branch' && catchMode(step, plan.scope) === 'route') {
    for (const c of step.catch ?? []) add(c.next);
  }
  return out;
}

/**
 * Replaces each Goto in the list's tasks and switch cases (nested lists were resolved when built).
 * A task's `then` is dropped when its target is the task right below it, or when the path ends
 * and nothing follows; a switch case always keeps an explicit directive.
 */
function resolveGotos(items: SwTaskItem[], plan: ListPlan, ctx: ExportContext): void {
  const names = new Set(items.map(itemName));
  const pathEnd = plan.kind === 'top' ? 'end' : 'exit';
  const resolve = (goto: Goto, following: string | undefined, isCase: boolean, from: string): string | undefined => {
    const { target } = goto;
    if (target === undefined || target === plan.stop) {
      if (!isCase && following === undefined) return undefined;
      if (plan.kind === 'map' && target === undefined && following !== undefined) {
        ctx.report(SwExportCode.directiveApproximated, from, 'the path of this map item ends here: exported as then: exit, which leaves the for body for this item', { severity: 'info' });
      }
      return pathEnd;
    }
    if (!isCase && target === following) return undefined;
    if (names.has(target)) return target;
    // Not in this list: only possible for a reference the native validator already rejects.
    ctx.report(SwExportCode.fieldDropped, from, `the transition to ${target} leaves this task list, which SW cannot express; the path ends here instead`, { severity: 'error' });
    return pathEnd;
  };
  items.forEach((it, i) => {
    const name = itemName(it);
    const task = itemTask(it);
    const following = i + 1 < items.length ? itemName(items[i + 1]!) : undefined;
    if (task['then'] instanceof Goto) {
      const then = resolve(task['then'], following, false, name);
      if (then === undefined) delete task['then'];
      else task['then'] = then;
    }
    if (Array.isArray(task['switch'])) {
      for (const c of task['switch'] as Record<string, Record<string, unknown>>[]) {
        const body = Object.values(c)[0]!;
        if (body['then'] instanceof Goto) body['then'] = resolve(body['then'], following, true, name) ?? pathEnd;
      }
    }
  });
}
