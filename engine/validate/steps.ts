/**
 * Checks of single steps that need more than the schema: approvals without approvers (FS012),
 * branches without cases (FS020) and durations that do not parse (FS021). The schema also flags
 * the first two (so editors mark them while typing); schema.ts leaves them to this file.
 */
import { parseDurationMs } from '../model/duration.js';
import { MAX_DURATION_MS } from '../model/limits.js';
import { Code } from '../model/finding.js';
import { dottedPath, type DocPath, type Issue } from './issue.js';
import { isObject, scopesOf, type Scope } from './scopes.js';

/** FS012, FS020, FS021 issues for `flow` (any JSON; mistyped parts are skipped). */
export function checkSteps(flow: unknown, scopes: readonly Scope[] = scopesOf(flow)): Issue[] {
  const issues: Issue[] = [];
  if (isObject(flow) && isObject(flow['defaults'])) issues.push(...durationsOf(flow['defaults'], ['defaults']));
  for (const scope of scopes) {
    for (const [id, step] of scope.steps) {
      const path = [...scope.path, id];
      issues.push(...durationsOf(step, path));
      if (step['type'] === 'approval') issues.push(...checkApproval(id, step, path));
      if (step['type'] === 'branch') issues.push(...checkBranch(id, step, path));
    }
  }
  return issues;
}

function checkApproval(id: string, step: Record<string, unknown>, path: DocPath): Issue[] {
  const approvers = step['approvers'];
  if (Array.isArray(approvers) && approvers.length > 0) return [];
  // DESIGN.md "Security": only listed approvers may approve, so an empty list could never be answered.
  return [
    {
      code: Code.noApprovers,
      message: `approval "${id}" has no approvers, so nobody could answer it; add approvers: [ops-manager]`,
      path: Array.isArray(approvers) ? [...path, 'approvers'] : path,
    },
  ];
}

function checkBranch(id: string, step: Record<string, unknown>, path: DocPath): Issue[] {
  const cases = step['cases'];
  if (Array.isArray(cases) && cases.length > 0) return [];
  const fallback = typeof step['default'] === 'string' ? ` (it always goes to "${step['default']}")` : '';
  return [
    {
      code: Code.noCases,
      message: `branch "${id}" has no cases${fallback}; add cases: [{when: <condition>, next: <step>}], or use next instead`,
      path: Array.isArray(cases) ? [...path, 'cases'] : path,
    },
  ];
}

/** Duration fields of a step or of `defaults`: timeout, retry.delay/maxDelay, mock.duration, wait duration, callback.timeout. */
function durationsOf(owner: Record<string, unknown>, path: DocPath): Issue[] {
  const fields: [unknown, DocPath][] = [[owner['timeout'], [...path, 'timeout']]];
  const retry = owner['retry'];
  if (isObject(retry)) {
    fields.push([retry['delay'], [...path, 'retry', 'delay']], [retry['maxDelay'], [...path, 'retry', 'maxDelay']]);
  }
  const mock = owner['mock'];
  if (isObject(mock)) fields.push([mock['duration'], [...path, 'mock', 'duration']]);
  if (owner['type'] === 'wait') fields.push([owner['duration'], [...path, 'duration']]);
  const callback = owner['callback'];
  if (isObject(callback)) fields.push([callback['timeout'], [...path, 'callback', 'timeout']]);

  const issues: Issue[] = [];
  for (const [value, at] of fields) {
    if (typeof value !== 'string') continue; // absent, or a type error the schema reports
    try {
      const ms = parseDurationMs(value);
      // 99999999999999999999999d parses to a finite number, and then a timer never fires (#11 item 13).
      if (!(ms <= MAX_DURATION_MS)) {
        issues.push({ code: Code.badDuration, message: `${dottedPath(at)}: "${value.length > 40 ? `${value.slice(0, 39)}…` : value}" is longer than ${MAX_DURATION_MS / 86_400_000} days, the longest duration a flow may wait or allow; use a schedule (trigger) for anything longer`, path: at });
      }
    } catch (error) {
      issues.push({ code: Code.badDuration, message: `${dottedPath(at)}: ${(error as Error).message}`, path: at });
    }
  }
  return issues;
}
