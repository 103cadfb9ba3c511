/**
 * Wires the steps of a Flowsmith-exported DAG back together from its edges (flowsmith.ts): branch
 * cases from the `when`s of their targets (the exporter made each case exclusive by adding the
 * negations of the earlier ones, engine/export/argo/graph.ts; they are peeled off again, and the
 * edge left with only negations is the default), approval outcomes from the supplied `decision`,
 * parallel branches and the join they meet at, next, catch and continueOnError.
 */
import { parseJsonataSubset, printJsonata, type SubsetExpr } from '../../expr/subset.js';
import { successors, type Step, type StepId } from '../../model/flow.js';
import { ArgoImportCode } from './codes.js';
import { parseWhen } from './conditions.js';
import type { ImportContext } from './context.js';
import { printJExpr } from './jexpr.js';
import type { NamedStep } from './vars.js';

/** An edge read from a depends term; `when` is the Argo condition it was guarded by. */
export interface Edge {
  from: StepId;
  to: StepId;
  outcome: 'success' | 'failure' | 'any';
  when?: string;
}

const DECISION = /^'\{\{tasks\.[^.}]+\.outputs\.parameters\.decision\}\}' == '(approve|reject|timeout)'$/;

/** Sets next, cases, default, branches, join, onReject, onTimeout, catch and continueOnError on `steps`. */
export function wireEdges(ctx: ImportContext, steps: Record<StepId, Step>, edges: Edge[], names: Map<string, NamedStep>): void {
  const scope = { param: () => undefined, step: (n: string) => names.get(n), exitHandler: false as const };
  const jsonata = (when: string): string => {
    const parsed = parseWhen(when, scope);
    if (parsed.ok) return printJExpr(parsed.expr);
    ctx.report(ArgoImportCode.condition, undefined, `the condition "${when}" could not be translated (${parsed.reason}); it was replaced by true`);
    return 'true';
  };
  for (const [id, step] of Object.entries(steps)) {
    const out = edges.filter((e) => e.from === id);
    if (step.type === 'branch') wireBranch(step, out.map((e) => ({ to: e.to, when: e.when === undefined ? undefined : jsonata(e.when) })));
    else if (step.type === 'approval') wireApproval(step, out);
    else if (step.type === 'parallel') step.branches = out.map((e) => e.to);
    else {
      for (const e of out) {
        if (e.outcome === 'failure') step.catch = [...(step.catch ?? []), { errors: ['*'], next: e.to }];
        else if (step.next === undefined) step.next = e.to;
        if (e.outcome === 'any') step.continueOnError = true;
      }
    }
  }
  for (const step of Object.values(steps)) {
    if (step.type === 'parallel') step.join = joinOf(steps, step.branches) ?? '';
  }
}

function wireApproval(step: Step & { type: 'approval' }, out: Edge[]): void {
  for (const e of out) {
    const decisions = (e.when ?? '').split(' || ').map((part) => DECISION.exec(part.trim())?.[1] ?? 'approve');
    for (const decision of new Set(decisions)) {
      if (decision === 'approve') step.next = e.to;
      if (decision === 'reject') step.onReject = e.to;
      if (decision === 'timeout') step.onTimeout = e.to;
    }
  }
}

/** Cases in their original order, each without the negations of the cases before it; the rest is the default. */
function wireBranch(step: Step & { type: 'branch' }, out: { to: StepId; when?: string }[]): void {
  const conjuncts = (when: string): string[] => {
    const parsed = parseJsonataSubset(when);
    return parsed.ok ? flattenAnd(parsed.expr).map(printJsonata) : [when];
  };
  const negated = (c: string) => (c.startsWith('$not(') && c.endsWith(')') ? c.slice(5, -1) : undefined);
  const ranked = out
    .map((e) => ({ ...e, parts: e.when === undefined ? [] : conjuncts(e.when) }))
    .sort((a, b) => a.parts.filter(negated).length - b.parts.filter(negated).length);
  const bases: string[] = [];
  for (const e of ranked) {
    const own = e.parts.filter((c) => !bases.includes(negated(c) ?? '\u0000'));
    if (own.length === 0 || e.when === 'true') {
      step.default = e.to;
      continue;
    }
    const when = own.join(' and ');
    bases.push(own.length === 1 ? own[0]! : when);
    step.cases.push({ when, next: e.to });
  }
}

function flattenAnd(e: SubsetExpr): SubsetExpr[] {
  return e.kind === 'binary' && e.op === 'and' ? [...flattenAnd(e.left), ...flattenAnd(e.right)] : [e];
}

/** The nearest join step every branch reaches. */
function joinOf(steps: Record<StepId, Step>, branches: StepId[]): StepId | undefined {
  const distances = branches.map((b) => reach(steps, b));
  const candidates = [...(distances[0]?.keys() ?? [])].filter((id) => steps[id]?.type === 'join' && distances.every((d) => d.has(id)));
  return candidates.sort((a, b) => distances[0]!.get(a)! - distances[0]!.get(b)!)[0];
}

function reach(steps: Record<StepId, Step>, from: StepId): Map<StepId, number> {
  const seen = new Map<StepId, number>([[from, 0]]);
  const queue = [from];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    const step = steps[id];
    if (!step) continue;
    for (const n of successors(step)) {
      if (seen.has(n)) continue;
      seen.set(n, seen.get(id)! + 1);
      queue.push(n);
    }
  }
  return seen;
}
