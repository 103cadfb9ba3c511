/**
 * Trigger checks the schema cannot make (FS031, issue #12 part 2): a webhook name used twice in one
 * flow (the second could never be called: `POST /hooks/<file>/<name>` finds the first), and `timezone`
 * or `input` on a webhook trigger (a webhook's run input is the POSTed body; it has no schedule).
 * The schema (FS010) checks the rest: one of `cron`/`webhook`, the name and variable patterns, and
 * `concurrency` being allow, forbid or queue. Mistyped parts are skipped.
 */
import { Code } from '../model/finding.js';
import type { Issue } from './issue.js';
import { isObject } from './scopes.js';

/** FS031 issues for `flow` (any JSON). */
export function checkTriggers(flow: unknown): Issue[] {
  if (!isObject(flow) || !Array.isArray(flow['triggers'])) return [];
  const issues: Issue[] = [];
  const seen = new Map<string, number>();
  flow['triggers'].forEach((trigger: unknown, index) => {
    if (!isObject(trigger) || !isObject(trigger['webhook'])) return;
    for (const key of ['timezone', 'input'] as const) {
      if (trigger[key] === undefined) continue;
      const why = key === 'input' ? 'the POSTed JSON body is its run input' : 'it has no schedule';
      issues.push({ code: Code.badTrigger, message: `triggers[${index}].${key} does not apply to a webhook trigger (${why}); remove it`, path: ['triggers', index, key] });
    }
    const name = trigger['webhook']['name'];
    if (typeof name !== 'string') return;
    const first = seen.get(name);
    if (first === undefined) seen.set(name, index);
    else issues.push({ code: Code.badTrigger, message: `triggers[${index}]: the webhook name "${name}" is used by triggers[${first}] already; give each webhook its own name`, path: ['triggers', index, 'webhook', 'name'] });
  });
  return issues;
}
