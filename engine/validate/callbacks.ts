/**
 * Callback checks (issue #12 part 1; DESIGN.md "Waiting for an outside system"): `callback` only on
 * tasks whose executor can send a token (shell, http, script, notify: FS040; on other step types
 * the schema already reports the unknown field), and `$callback` only where it is set: in the
 * executor fields of a task with `callback` while it runs (FS041). Anywhere else it is undefined,
 * and a token in `output`, `set` or a compensation would outlive its single use.
 */
import { CALLBACK_EXECUTORS } from '../model/flow.js';
import { Code } from '../model/finding.js';
import type { DocPath, Issue } from './issue.js';
import { isObject, scopesOf, type Scope } from './scopes.js';

const CALLBACK_REF = /\$callback\b/;

/** FS040 and FS041 issues for `flow` (any JSON; mistyped parts are skipped). */
export function checkCallbacks(flow: unknown, scopes: readonly Scope[] = scopesOf(flow)): Issue[] {
  const issues: Issue[] = [];
  for (const scope of scopes) {
    for (const [id, step] of scope.steps) {
      const path = [...scope.path, id];
      const hasCallback = step['type'] === 'task' && isObject(step['callback']);
      const executor = CALLBACK_EXECUTORS.find((key) => step[key] !== undefined);
      if (hasCallback && executor === undefined && step['call'] !== undefined) {
        issues.push({
          code: Code.callbackExecutor,
          message: `${id} is a call task: it runs a flow that cannot be sent a callback token; callback applies to shell, http, script and notify tasks (remove callback, or put it on a task inside the called flow)`,
          path: [...path, 'callback'],
        });
      }
      for (const [key, value] of Object.entries(step)) {
        if (key === 'steps' && step['type'] === 'map') continue; // its own scope
        const allowed = hasCallback && executor !== undefined && key === executor;
        if (allowed) continue;
        const at = firstMention(value, [...path, key]);
        if (!at) continue;
        const why = hasCallback
          ? `only while the executor of ${id} runs: use it in its ${executor ?? 'shell, http, script or notify'} body, not in ${key}`
          : `only in tasks with callback: {timeout}; ${id} has none (add callback: {timeout: 1h} to wait for an answer)`;
        issues.push({ code: Code.callbackOutside, message: `$callback.token is set ${why}`, path: at });
      }
    }
  }
  return issues;
}

/** The path of the first string under `value` that mentions `$callback`, or undefined. Iterative. */
function firstMention(value: unknown, path: DocPath): DocPath | undefined {
  const stack: [unknown, DocPath][] = [[value, path]];
  while (stack.length > 0) {
    const [v, at] = stack.pop()!;
    if (typeof v === 'string') {
      if (CALLBACK_REF.test(v)) return at;
    } else if (Array.isArray(v)) v.forEach((item, i) => stack.push([item, [...at, i]]));
    else if (isObject(v)) for (const [k, item] of Object.entries(v)) stack.push([item, [...at, k]]);
  }
  return undefined;
}
