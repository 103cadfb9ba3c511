/**
 * Flow directives before they are resolved. A step converter cannot know where its target sits in
 * the finished task list, so it writes a Goto wherever a `then` belongs (a task's `then`, a switch
 * case's `then`); lists.ts replaces each Goto with `end`, `exit`, a task name, or nothing once the
 * list is complete (dsl-reference.md "Flow Directive": continue, exit, end or a task name).
 */
import type { StepId } from '../../model/flow.js';
import type { SwTask, SwTaskItem } from './context.js';

/** Go to native step `target` next; undefined means the path ends here. */
export class Goto {
  constructor(readonly target: StepId | undefined) {}
}

/** A task item `{name: task}`. */
export function item(name: string, task: SwTask): SwTaskItem {
  return { [name]: task };
}

/** The only name of a task item. */
export function itemName(it: SwTaskItem): string {
  return Object.keys(it)[0]!;
}

/** The task of a task item. */
export function itemTask(it: SwTaskItem): SwTask {
  return Object.values(it)[0]!;
}

/**
 * Sets `then` on a task, keeping the key order readable: `then` goes before `metadata` when the
 * task has metadata (tasks are written as they are built, so this moves `metadata` to the end).
 */
export function setThen(task: SwTask, then: Goto | string): void {
  const meta = task['metadata'];
  delete task['metadata'];
  task['then'] = then;
  if (meta !== undefined) task['metadata'] = meta;
}

/** Sets a task field, keeping `then` and `metadata` (in that order) at the end of the task. */
export function setField(task: SwTask, key: string, value: unknown): void {
  const then = task['then'];
  const meta = task['metadata'];
  delete task['then'];
  delete task['metadata'];
  task[key] = value;
  if (then !== undefined) task['then'] = then;
  if (meta !== undefined) task['metadata'] = meta;
}
