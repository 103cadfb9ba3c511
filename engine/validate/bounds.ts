/**
 * The size limits of a flow that validateFlow checks before anything else (issue #3 item 9 "Bad
 * input"): nesting (FS004) and step count (FS022). The loader checks nesting on YAML already; this
 * covers flows handed over as JSON (HostApi validateFlow). When either fails, validateFlow reports
 * that alone: the flow is refused anyway, and the other checks are only promised to stay fast and
 * within the stack up to these limits.
 */
import { MAX_NESTING_LEVELS, MAX_STEP_COUNT } from '../model/limits.js';
import { Code } from '../model/finding.js';
import type { DocPath, Issue } from './issue.js';
import { isObject } from './scopes.js';

/** FS004 or FS022 for `flow` (any JSON), or nothing. Walks without recursion. */
export function checkBounds(flow: unknown): Issue[] {
  const deep = firstPathDeeperThan(flow, MAX_NESTING_LEVELS);
  if (deep) {
    const message = `collections nest deeper than ${MAX_NESTING_LEVELS} levels here; flatten the document`;
    return [{ code: Code.tooDeep, message, path: deep }];
  }
  const count = stepCount(flow);
  if (count <= MAX_STEP_COUNT) return [];
  const limit = MAX_STEP_COUNT.toLocaleString('en');
  return [
    {
      code: Code.tooManySteps,
      message: `the flow has ${count.toLocaleString('en')} steps, over the limit of ${limit}; split it into subflows (call:)`,
      path: ['steps'],
    },
  ];
}

/** Steps of the flow and of every map body in it. */
function stepCount(flow: unknown): number {
  let count = 0;
  const owners: unknown[] = [flow];
  while (owners.length > 0) {
    const owner = owners.pop();
    if (!isObject(owner) || !isObject(owner['steps'])) continue;
    for (const step of Object.values(owner['steps'])) {
      count++;
      if (isObject(step) && step['type'] === 'map') owners.push(step);
    }
  }
  return count;
}

/** Path of the first array or object nested more than `levels` deep (the root is level 1). */
function firstPathDeeperThan(root: unknown, levels: number): DocPath | undefined {
  const stack: [unknown, DocPath][] = [[root, []]];
  while (stack.length > 0) {
    const [value, path] = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (path.length + 1 > levels) return path;
    const children: [string | number, unknown][] = Array.isArray(value)
      ? value.map((item, i) => [i, item])
      : Object.entries(value);
    for (let i = children.length - 1; i >= 0; i--) stack.push([children[i]![1], [...path, children[i]![0]]]);
  }
  return undefined;
}
