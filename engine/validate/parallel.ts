/**
 * Block structure of parallels (DESIGN.md: "every parallel closes at its join", so flows export to
 * nested formats such as Step Functions' Parallel and Serverless Workflow's fork): each branch
 * reaches the join (FS016), only the branches lead into the join (FS017), and the join is a join
 * step owned by one parallel (FS018). The regions (each branch's steps up to the join) come from
 * model/blocks.ts, the block tree the exporters, importers and canvas read too.
 */
import { blockTree, type BlockTree } from '../model/blocks.js';
import { Code } from '../model/finding.js';
import type { Issue } from './issue.js';
import { referencesOf, type Reference, type Scope } from './scopes.js';

/** FS016, FS017, FS018 issues for `flow` (any JSON; mistyped parts are skipped). */
export function checkParallels(flow: unknown, tree: BlockTree = blockTree(flow)): Issue[] {
  return tree.scopes.flatMap((scope) => checkScope(scope));
}

function checkScope(scope: Scope): Issue[] {
  const issues: Issue[] = [];
  const incoming = incomingOf(scope);
  const owners = new Map<string, string>();
  for (const block of scope.blocks) {
    const { parallel: id, join } = block;
    if (join === undefined) continue; // no join, or an unknown id: FS011 from graph.ts
    const stepPath = [...scope.path, id];
    const joinStep = scope.steps.get(join)!;
    if (joinStep['type'] !== 'join') {
      const type = typeof joinStep['type'] === 'string' ? `a ${joinStep['type']} step` : 'not a join step';
      issues.push({
        code: Code.badJoin,
        message: `parallel "${id}" closes at "${join}", which is ${type}; point join at a step with type: join`,
        path: [...stepPath, 'join'],
      });
      continue;
    }
    const owner = owners.get(join);
    if (owner !== undefined) {
      issues.push({
        code: Code.badJoin,
        message: `join "${join}" already closes parallel "${owner}"; give parallel "${id}" its own join step`,
        path: [...stepPath, 'join'],
      });
      continue;
    }
    owners.set(join, id);

    for (const branch of block.branches) {
      // A fail step ends the whole run, so a path may stop there without closing the block.
      const problem = !branch.reachesJoin ? join : branch.ends.find((s) => scope.steps.get(s)?.['type'] !== 'fail');
      if (problem === undefined) continue;
      const ending = problem === join ? 'never reaches' : `ends at step "${problem}" without reaching`;
      const fix = problem === join ? `end the branch with next: ${join}` : `add next: ${join} to "${problem}"`;
      issues.push({
        code: Code.branchMissesJoin,
        message: `branch "${branch.entry}" of parallel "${id}" ${ending} its join "${join}"; ${fix}`,
        path: [...stepPath, 'branches', branch.index],
      });
    }
    issues.push(...entriesFromOutside(incoming, id, join, new Set([id, ...block.members])));
  }
  issues.push(...orphanJoins(scope, incoming, owners));
  return issues;
}

/**
 * Every reference of the scope, by the id it names, in document order. Built once per scope so the
 * checks below cost the number of references, not parallels × steps (a 20,000-step flow).
 */
function incomingOf(scope: Scope): Map<string, Reference[]> {
  const incoming = new Map<string, Reference[]>();
  for (const [id, step] of scope.steps) {
    for (const ref of referencesOf(id, step, [...scope.path, id])) {
      const list = incoming.get(ref.target);
      if (list) list.push(ref);
      else incoming.set(ref.target, [ref]);
    }
  }
  return incoming;
}

function entriesFromOutside(
  incoming: Map<string, Reference[]>,
  parallel: string,
  join: string,
  block: Set<string>,
): Issue[] {
  const issues: Issue[] = [];
  for (const ref of incoming.get(join) ?? []) {
    if (block.has(ref.from)) continue;
    issues.push({
      code: Code.joinFromOutside,
      message: `step "${ref.from}" leads to join "${join}" from outside parallel "${parallel}"; only that parallel's branches may lead to it`,
      path: ref.path,
    });
  }
  return issues;
}

/** A join step that no parallel closes at, yet some step leads to (other than by a `join:` field). */
function orphanJoins(scope: Scope, incoming: Map<string, Reference[]>, owners: Map<string, string>): Issue[] {
  const issues: Issue[] = [];
  const field = scope.path.length + 1; // ref.path is [...scope.path, stepId, field, …]
  for (const [id, step] of scope.steps) {
    if (step['type'] !== 'join' || owners.has(id)) continue;
    const isTarget = (incoming.get(id) ?? []).some((r) => r.path[field] !== 'join');
    if (!isTarget) continue;
    issues.push({
      code: Code.joinFromOutside,
      message: `join "${id}" is not the join of any parallel; set join: ${id} on the parallel whose branches meet here`,
      path: [...scope.path, id],
    });
  }
  return issues;
}
