/**
 * What the two Argo printers share (print-govaluate.ts, print-expr-lang.ts): the reference types,
 * the untranslatable signal, operator groups and node phases.
 * Source: https://argo-workflows.readthedocs.io/en/latest/fields/#nodestatus (phases).
 */
import type { SubsetExpr } from '../../expr/subset.js';

/**
 * What a native path stands for in Argo. `var`: the Argo variable `base` (dotted segments such as
 * ['tasks', 'build', 'outputs', 'result']), then `json` field steps read with jsonpath. `type` is
 * what Argo holds there: text (`string`), typed JSON (`json`) or a node phase word (`status`).
 * `literal`: a constant (a run variable with a fixed value).
 */
export type ArgoRef =
  | { kind: 'var'; base: string[]; json: (string | number)[]; type: 'string' | 'json' | 'status' }
  | { kind: 'literal'; value: string | number | boolean | null };

/** The reference of each path node of one expression. */
export type Refs = Map<SubsetExpr, ArgoRef>;

/** Thrown by the printers for a construct they cannot write; caught by expr-print.ts. */
export class Untranslatable extends Error {}

/** Comparison operators of the subset. */
export const COMPARISONS = new Set(['=', '!=', '<', '<=', '>', '>=']);
/** Boolean operators of the subset. */
export const LOGIC = new Set(['and', 'or']);

const PHASES: Record<string, string> = {
  pending: 'Pending',
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
  skipped: 'Skipped',
};

/** The Argo node phase for a native status word; throws Untranslatable for one without a phase. */
export function phaseOf(word: unknown): string {
  const phase = typeof word === 'string' ? PHASES[word] : undefined;
  if (!phase) throw new Untranslatable(`step status ${JSON.stringify(word)} has no Argo node phase`);
  return phase;
}

/** The reference behind `e` when it is a path, else undefined. */
export function refOf(refs: Refs, e: SubsetExpr): ArgoRef | undefined {
  return e.kind === 'path' ? refs.get(e) : undefined;
}
