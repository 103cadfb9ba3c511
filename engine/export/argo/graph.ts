/**
 * The edges of one scope (the flow, or a map body) as Argo needs them: who runs after whom, on
 * success, failure or either, and under which condition. Branch cases keep Flowsmith's "first
 * true case wins" by adding the negation of every earlier case (Argo evaluates each `when` on its
 * own). Loops become back edges, which a DAG cannot hold: they are dropped with a finding
 * (https://argo-workflows.readthedocs.io/en/latest/walk-through/dag/ — "directed acyclic").
 * Failure routing follows engine/runtime/routing.ts: onReject/onTimeout, then catch, then continueOnError.
 */
import type { Step, StepId } from '../../model/flow.js';
import { ArgoExportCode } from './codes.js';
import type { ExportContext, Scope } from './context.js';

/** What an approval's suspend node reports in its `decision` output parameter. */
export type Decision = 'approve' | 'reject' | 'timeout';

/** How the source must end for the edge to be taken. */
export type EdgeOutcome = 'success' | 'failure' | 'any';

/** One edge. `to` undefined: an approval outcome with nowhere to go, which fails the run. */
export interface Edge {
  from: StepId;
  to: StepId | undefined;
  outcome: EdgeOutcome;
  /** JSONata condition of a branch case or default, already made exclusive of earlier cases. */
  condition?: string;
  /** Approval outcomes this edge is taken on. */
  decisions?: Decision[];
}

/** Edges of a scope without back edges, its steps in a topological order, and those left out. */
export interface ScopeGraph {
  edges: Edge[];
  order: StepId[];
}

/** Builds the scope's graph, reporting dropped catch clauses, loops and unreachable steps. */
export function scopeGraph(ctx: ExportContext, scope: Scope): ScopeGraph {
  const all = Object.entries(scope.steps).flatMap(([id, step]) => edgesOf(ctx, id, step));
  const back = new Set<Edge>();
  const order: StepId[] = [];
  const state = new Map<StepId, 'open' | 'done'>();
  const visit = (id: StepId): void => {
    state.set(id, 'open');
    // Successors are visited last to first, so that the reverse post-order keeps their written order.
    for (const e of [...all].reverse()) {
      if (e.from !== id || e.to === undefined || !scope.steps[e.to]) continue;
      const seen = state.get(e.to);
      if (seen === 'open') back.add(e);
      else if (seen === undefined) visit(e.to);
    }
    state.set(id, 'done');
    order.unshift(id);
  };
  if (scope.steps[scope.start]) visit(scope.start);

  for (const e of back) {
    ctx.report(
      ArgoExportCode.graphShape,
      e.from,
      `the edge from ${e.from} back to ${e.to} closes a loop, which an Argo DAG cannot hold; it was left out (rewrite the loop as a recursive template or a retryStrategy)`,
    );
  }
  for (const id of Object.keys(scope.steps)) {
    if (state.has(id)) continue;
    ctx.report(ArgoExportCode.graphShape, id, `step ${id} is never reached from ${scope.start} and was left out of the Argo DAG`, { severity: 'info' });
  }
  const edges = all.filter((e) => !back.has(e) && state.has(e.from) && (e.to === undefined || state.has(e.to)));
  return { edges, order };
}

function edgesOf(ctx: ExportContext, id: StepId, step: Step): Edge[] {
  switch (step.type) {
    case 'branch':
      return branchEdges(id, step.cases, step.default);
    case 'parallel':
      return step.branches.map((to) => ({ from: id, to, outcome: 'success' as const }));
    case 'approval': {
      const hasTimeout = (step.timeout ?? ctx.flow.defaults?.timeout) !== undefined;
      const outcomes: [Decision, StepId | undefined][] = [];
      if (step.next !== undefined) outcomes.push(['approve', step.next]); // approved with no next: the path ends
      outcomes.push(['reject', failureTarget(step, 'Rejected')]);
      if (hasTimeout) outcomes.push(['timeout', failureTarget(step, 'Timeout')]);
      // One edge per target, so a target reached on reject and on timeout needs no route task.
      const byTarget = new Map<StepId | undefined, Decision[]>();
      for (const [decision, to] of outcomes) byTarget.set(to, [...(byTarget.get(to) ?? []), decision]);
      return [...byTarget].map(([to, decisions]) => ({ from: id, to, outcome: 'success' as const, decisions }));
    }
    case 'fail':
      return [];
    default:
      return [...failureEdges(ctx, id, step), ...(step.next === undefined ? [] : [successEdge(id, step)])];
  }
}

function successEdge(id: StepId, step: Step): Edge {
  const anyOutcome = step.continueOnError === true && !step.catch?.length;
  return { from: id, to: step.next, outcome: anyOutcome ? 'any' : 'success' };
}

/** Argo cannot tell error names apart: the first catch clause takes every failure (FS126). */
function failureEdges(ctx: ExportContext, id: StepId, step: Step): Edge[] {
  const [first, ...others] = step.catch ?? [];
  if (!first) return [];
  if (!first.errors.includes('*')) {
    ctx.report(
      ArgoExportCode.catchErrors,
      id,
      `catch [${first.errors.join(', ')}] → ${first.next} catches every failure in Argo, which routes on the task's status (.Failed/.Errored), not on error names`,
    );
  }
  for (const clause of others) {
    if (clause.next === first.next) continue;
    ctx.report(ArgoExportCode.catchErrors, id, `catch [${clause.errors.join(', ')}] → ${clause.next} was left out: Argo cannot tell it from the first catch clause, which takes every failure`);
  }
  return [{ from: id, to: first.next, outcome: 'failure' }];
}

/** Where an approval goes when it fails with `error` (Rejected, Timeout): engine/runtime/routing.ts. */
function failureTarget(step: Step & { type: 'approval' }, error: 'Rejected' | 'Timeout'): StepId | undefined {
  const own = error === 'Rejected' ? step.onReject : step.onTimeout;
  if (own !== undefined) return own;
  const clause = step.catch?.find((c) => c.errors.includes(error) || c.errors.includes('*'));
  if (clause) return clause.next;
  return step.continueOnError ? step.next : undefined;
}

/** Case k is taken when its condition holds and no earlier one does; default when none does. */
function branchEdges(id: StepId, cases: { when: string; next: StepId }[], fallback: StepId | undefined): Edge[] {
  const byTarget = new Map<StepId, string[]>();
  const add = (to: StepId, condition: string) => byTarget.set(to, [...(byTarget.get(to) ?? []), condition]);
  cases.forEach((c, k) => {
    const earlier = cases.slice(0, k).map((p) => `$not(${p.when})`);
    add(c.next, earlier.length === 0 ? c.when : [`(${c.when})`, ...earlier].join(' and '));
  });
  if (fallback !== undefined) add(fallback, cases.map((p) => `$not(${p.when})`).join(' and ') || 'true');
  return [...byTarget].map(([to, conditions]) => ({
    from: id,
    to,
    outcome: 'success' as const,
    condition: conditions.length === 1 ? conditions[0]! : conditions.map((c) => `(${c})`).join(' or '),
  }));
}
