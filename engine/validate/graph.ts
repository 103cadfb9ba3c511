/**
 * Graph checks over each scope (DESIGN.md "Validation"): unknown step ids (FS011), ids used twice
 * across scopes (FS013), unreachable steps (FS014, warning) and loops with no way out (FS015).
 */
import { Code } from '../model/finding.js';
import { didYouMean, dottedPath, type Issue } from './issue.js';
import { reachableFrom } from '../model/blocks.js';
import { referencesOf, scopesOf, type Scope } from './scopes.js';

/** FS011, FS013, FS014, FS015 issues for `flow` (any JSON; mistyped parts are skipped). */
export function checkGraph(flow: unknown, scopes: readonly Scope[] = scopesOf(flow)): Issue[] {
  return [...checkIdsAcrossScopes(scopes), ...scopes.flatMap((scope) => checkScope(scope))];
}

function checkScope(scope: Scope): Issue[] {
  const issues: Issue[] = [...checkReferences(scope)];
  const edges = scope.edges;
  if (scope.start !== undefined && scope.steps.has(scope.start)) {
    const seen = reachableFrom(edges, [scope.start]);
    for (const id of scope.steps.keys()) {
      if (seen.has(id)) continue;
      issues.push({
        code: Code.unreachable,
        severity: 'warning',
        message: `step "${id}" is never reached from start "${scope.start}"; lead to it with next: ${id} from another step, or delete it`,
        path: [...scope.path, id],
      });
    }
  }
  for (const loop of closedLoops(edges, scope)) {
    const [first] = loop;
    if (first === undefined) continue;
    const what =
      loop.length === 1
        ? `step "${first}" only leads back to itself`
        : `steps ${loop.join(', ')} form a loop with no way out: none of them leads outside it or ends the flow`;
    issues.push({
      code: Code.endlessLoop,
      message: `${what}; add a branch case, catch or next that leaves the loop`,
      path: [...scope.path, first],
    });
  }
  return issues;
}

/**
 * Ids compared in all for "did you mean" guesses in one scope: each guess measures the edit distance
 * to every id, so a flow full of broken references (20,000 of them among 20,000 steps) would
 * take minutes. Past the budget, messages go without a guess.
 */
const MAX_GUESS_COMPARISONS = 100_000;

/** start and every id a step names must be a step of the same scope. */
function checkReferences(scope: Scope): Issue[] {
  const issues: Issue[] = [];
  const ids = [...scope.steps.keys()];
  const where = dottedPath(scope.path);
  let compared = 0;
  const guess = (target: string) => {
    compared += ids.length;
    return compared <= MAX_GUESS_COMPARISONS ? didYouMean(target, ids) : '';
  };
  if (scope.start !== undefined && !scope.steps.has(scope.start)) {
    issues.push({
      code: Code.unknownStep,
      message: `start "${scope.start}" is not a step in ${where}${guess(scope.start) || '; set start to the id of the first step'}`,
      path: scope.startPath,
    });
  }
  for (const [id, step] of scope.steps) {
    for (const ref of referencesOf(id, step, [...scope.path, id])) {
      if (scope.steps.has(ref.target)) continue;
      const field = dottedPath(ref.path.slice(scope.path.length + 1));
      const advice = guess(ref.target) || `; add a step "${ref.target}" or point ${field} at an existing step`;
      issues.push({ code: Code.unknownStep, message: `${field} names step "${ref.target}", which is not in ${where}${advice}`, path: ref.path });
    }
  }
  return issues;
}

/** Step ids are unique in the whole flow: run events, `$steps.<id>` and the canvas key on them. */
function checkIdsAcrossScopes(scopes: readonly Scope[]): Issue[] {
  const firstSeen = new Map<string, Scope>();
  const issues: Issue[] = [];
  for (const scope of scopes) {
    for (const id of scope.steps.keys()) {
      const earlier = firstSeen.get(id);
      if (!earlier) {
        firstSeen.set(id, scope);
        continue;
      }
      issues.push({
        code: Code.duplicateStep,
        message: `step id "${id}" is already used at ${dottedPath([...earlier.path, id])}; step ids must be unique in the whole flow, rename one`,
        path: [...scope.path, id],
      });
    }
  }
  return issues;
}

/**
 * Strongly connected components (Tarjan) that are loops with no edge leaving them and no end step
 * (succeed/fail) inside; members in document order. Iterative: a 20,000-step chain would overflow
 * the JS stack with the recursive form (issue #3 item 9).
 */
function closedLoops(edges: ReadonlyMap<string, readonly string[]>, scope: Scope): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  for (const root of edges.keys()) {
    if (index.has(root)) continue;
    // Each frame is a step and how many of its successors have been looked at.
    const frames: [string, number][] = [[root, 0]];
    index.set(root, index.size);
    low.set(root, index.get(root)!);
    stack.push(root);
    onStack.add(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      const [id, seen] = frame;
      const successors = edges.get(id) ?? [];
      if (seen < successors.length) {
        frame[1] = seen + 1;
        const next = successors[seen]!;
        if (!index.has(next)) {
          index.set(next, index.size);
          low.set(next, index.get(next)!);
          stack.push(next);
          onStack.add(next);
          frames.push([next, 0]);
        } else if (onStack.has(next)) {
          low.set(id, Math.min(low.get(id)!, index.get(next)!));
        }
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low.set(parent[0], Math.min(low.get(parent[0])!, low.get(id)!));
      if (low.get(id) !== index.get(id)) continue;
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== id);
      components.push(component);
    }
  }

  const order = new Map([...scope.steps.keys()].map((id, i) => [id, i]));
  return components
    .filter((c) => {
      const members = new Set(c);
      const isLoop = c.length > 1 || (edges.get(c[0]!) ?? []).includes(c[0]!);
      const leaves = c.some((id) => (edges.get(id) ?? []).some((next) => !members.has(next)));
      const ends = c.some((id) => ['succeed', 'fail'].includes(String(scope.steps.get(id)?.['type'])));
      return isLoop && !leaves && !ends;
    })
    .map((c) => c.sort((a, b) => order.get(a)! - order.get(b)!));
}
