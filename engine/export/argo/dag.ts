/**
 * The tasks of one Argo DAG from a scope's edges (graph.ts). Every task uses enhanced `depends`
 * with explicit phases: `a.Succeeded` for a success edge, `(a.Failed || a.Errored)` for a catch,
 * both for continueOnError. Plain `depends: a` would also run after a *skipped* `a`, which would
 * leak a branch's untaken path into the next steps. A conditional edge (branch case, approval
 * decision) puts its condition in the target's `when`; when the target is reached by several
 * edges it gets a no-op route task per conditional edge instead (FS139), since a task has one `when`.
 * Argo evaluates `depends` only once every task it names has finished (Omitted counts), so merges
 * work, and a join needing any or n branches still waits for all of them (FS133). `continueOn` is
 * never written: Argo rejects it next to `depends` and asks for `.Failed`/`.Errored` terms instead
 * (https://github.com/argoproj/argo-workflows/issues/9709).
 * Source: https://argo-workflows.readthedocs.io/en/latest/enhanced-depends-logic/.
 */
import type { JoinMode, StepId } from '../../model/flow.js';
import { ArgoExportCode } from './codes.js';
import { SharedTemplate } from '../../interop/argo/conventions.js';
import type { ArgoTask, ExportContext, Scope } from './context.js';
import type { Edge, ScopeGraph } from './graph.js';
import { NameAllocator } from '../../interop/argo/names.js';
import { DECISION, failTemplate, type TaskTarget } from './steps.js';
import { TextRewriter } from './text.js';

/** Largest number of branch combinations written out for a join that needs n of k branches. */
const MAX_COMBINATIONS = 20;

/** Argo tasks for the scope, in the graph's topological order; `targets` says what each step runs. */
export function dagTasks(ctx: ExportContext, scope: Scope, graph: ScopeGraph, targets: Map<StepId, TaskTarget>): ArgoTask[] {
  const names = new NameAllocator(scope.taskNames.values());
  const tasks: ArgoTask[] = [];
  const source = (e: Edge) => scope.taskNames.get(e.from)!;

  for (const id of graph.order) {
    const task: ArgoTask = { name: scope.taskNames.get(id)!, ...targets.get(id) };
    const incoming = graph.edges.filter((e) => e.to === id);
    const step = scope.steps[id]!;
    const text = new TextRewriter(ctx, scope, id);
    const conditional = (e: Edge) => e.condition !== undefined || e.decisions !== undefined;
    const routed = incoming.length > 1 || step.type === 'join';
    const terms = incoming.map((e) => {
      if (!conditional(e) || !routed) return { edge: e, term: term(source(e), e.outcome) };
      const route: ArgoTask = {
        name: names.take(`${source(e)}-to-${task.name}`),
        template: ctx.noop(SharedTemplate.route, 'route'),
        depends: term(source(e), e.outcome),
        when: when(text, e, source(e)),
      };
      tasks.push(route);
      ctx.report(ArgoExportCode.routeTask, id, `the condition on the edge from ${e.from} is checked by the route task ${route.name}, because ${id} is reached by several paths`, { severity: 'info' });
      return { edge: e, term: `${route.name}.Succeeded` };
    });
    const only = incoming[0];
    if (incoming.length === 1 && only && conditional(only) && !routed) task.when = when(text, only, source(only));
    if (terms.length > 0) {
      task.depends = step.type === 'join' ? joinDepends(ctx, scope, graph, id, step.mode, terms) : anyOf(terms.map((t) => t.term));
    }
    tasks.push(task);
  }

  for (const e of graph.edges.filter((e) => e.to === undefined)) tasks.push(failOutcomeTask(ctx, scope, names, e, source(e)));
  return tasks;
}

/** A depends term for an edge from task `from` that needs `outcome`. */
function term(from: string, outcome: Edge['outcome']): string {
  switch (outcome) {
    case 'success':
      return `${from}.Succeeded`;
    case 'failure':
      return `(${from}.Failed || ${from}.Errored)`;
    case 'any':
      return `(${from}.Succeeded || ${from}.Failed || ${from}.Errored)`;
  }
}

function anyOf(terms: string[]): string {
  return terms.length === 1 ? unwrap(terms[0]!) : terms.join(' || ');
}

function allOf(groups: string[]): string {
  return groups.map((g) => (g.includes(' || ') && !isWrapped(g) ? `(${g})` : g)).join(' && ');
}

function unwrap(t: string): string {
  return isWrapped(t) ? t.slice(1, -1) : t;
}

function isWrapped(t: string): boolean {
  if (!t.startsWith('(') || !t.endsWith(')')) return false;
  let depth = 0;
  for (let i = 0; i < t.length; i++) {
    depth += t[i] === '(' ? 1 : t[i] === ')' ? -1 : 0;
    if (depth === 0 && i < t.length - 1) return false;
  }
  return true;
}

/** The `when` of a conditional edge: a branch condition, or the approval's supplied decision. */
function when(text: TextRewriter, e: Edge, from: string): string {
  if (e.decisions !== undefined) return decisionWhen(from, e.decisions);
  return text.condition(e.condition!, `the branch condition from ${e.from}`);
}

function decisionWhen(from: string, decisions: string[]): string {
  return decisions.map((d) => `'{{tasks.${from}.outputs.parameters.${DECISION}}}' == '${d}'`).join(' || ');
}

/**
 * A join's depends: for mode all, one group per branch of its parallel (any path of the branch
 * may arrive), all groups needed; for any, one term of any group; for {count: n}, every choice of n
 * groups when there are few enough, else all (FS133).
 */
function joinDepends(ctx: ExportContext, scope: Scope, graph: ScopeGraph, id: StepId, mode: JoinMode | undefined, terms: { edge: Edge; term: string }[]): string {
  const parallel = Object.entries(scope.steps).find(([, s]) => s.type === 'parallel' && s.join === id);
  const branches = parallel && parallel[1].type === 'parallel' ? parallel[1].branches : [];
  const groups = branches
    .map((b) => reachable(graph, b, id))
    .map((seen) => terms.filter((t) => seen.has(t.edge.from)).map((t) => t.term))
    .filter((g) => g.length > 0)
    .map(anyOf);
  const stray = terms.filter((t) => !branches.some((b) => reachable(graph, b, id).has(t.edge.from))).map((t) => t.term);
  if (stray.length) groups.push(anyOf(stray));
  if (mode === undefined || mode === 'all' || groups.length <= 1) return allOf(groups);

  const needed = mode === 'any' ? 1 : mode.count;
  let text = allOf(groups);
  if (needed === 1) text = anyOf(groups.map((g) => (g.includes(' || ') && !isWrapped(g) ? `(${g})` : g)));
  else if (needed < groups.length && choose(groups.length, needed) <= MAX_COMBINATIONS) {
    text = combinations(groups, needed).map((c) => `(${allOf(c)})`).join(' || ');
  }
  ctx.report(
    ArgoExportCode.joinMode,
    id,
    `the join needs ${needed} of ${groups.length} branches, but Argo evaluates depends only after every branch it names has finished, so it waits for all of them${needed > 1 && choose(groups.length, needed) > MAX_COMBINATIONS ? ' (and needs all of them to succeed: too many combinations to write out)' : ''}`,
  );
  return text;
}

/** Steps reachable from `from` over the graph's edges, not going past `stop`. */
function reachable(graph: ScopeGraph, from: StepId, stop: StepId): Set<StepId> {
  const seen = new Set<StepId>([from]);
  const queue = [from];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    for (const e of graph.edges) {
      if (e.from !== id || e.to === undefined || e.to === stop || seen.has(e.to)) continue;
      seen.add(e.to);
      queue.push(e.to);
    }
  }
  return seen;
}

function choose(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
}

function combinations<T>(items: T[], k: number): T[][] {
  if (k === 0) return [[]];
  return items.flatMap((item, i) => combinations(items.slice(i + 1), k - 1).map((rest) => [item, ...rest]));
}

/** An approval outcome with nowhere to go fails the run (engine/runtime/routing.ts): a task that exits 1. */
function failOutcomeTask(ctx: ExportContext, scope: Scope, names: NameAllocator, e: Edge, from: string): ArgoTask {
  const decisions = e.decisions ?? ['reject'];
  const what = decisions.includes('reject') ? 'rejected' : 'timed-out';
  const error = decisions.includes('reject') ? 'Rejected' : 'Timeout';
  const text = new TextRewriter(ctx, scope, e.from);
  const message = `approval ${e.from} was ${decisions.map((d) => (d === 'reject' ? 'rejected' : 'not answered in time')).join(' or ')}`;
  const template = failTemplate(ctx, text, ctx.templateNames.take(`${from}-${what}`), { error, message }, e.from);
  return {
    name: names.take(`${from}-${what}`),
    template: ctx.addTemplate(template),
    depends: `${from}.Succeeded`,
    when: decisionWhen(from, decisions),
  };
}
