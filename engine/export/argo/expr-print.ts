/**
 * Prints the translatable expression subset (engine/expr/subset.ts) in Argo's two languages:
 * - the `when` syntax: Argo substitutes `{{variables}}` as text, then evaluates the result with
 *   govaluate, where unquoted words count as strings (`{{tasks.flip.outputs.result}} == heads`);
 * - expression templates `{{= … }}` in expr-lang (https://expr-lang.org), needed to read a field
 *   of JSON output (`jsonpath(…)`), to convert types (`asFloat`) and to join strings.
 * Source: https://argo-workflows.readthedocs.io/en/latest/walk-through/conditionals/ and
 * https://argo-workflows.readthedocs.io/en/latest/variables/#expression.
 * What a binding path stands for is the caller's business (refs.ts): `resolve` maps each path.
 */
import type { SubsetExpr } from '../../expr/subset.js';
import { Untranslatable, type ArgoRef, type Refs } from './print-common.js';
import { ExprPrinter } from './print-expr-lang.js';
import { GovaluatePrinter } from './print-govaluate.js';

export type { ArgoRef } from './print-common.js';

/** Maps a binding path to an Argo reference, or says why it has none. */
export type Resolve = (path: { root: string; segments: (string | number)[] }) => ArgoRef | { kind: 'error'; reason: string };

/** Printed text, or why the expression cannot be printed (one sentence). */
export type PrintResult = { ok: true; text: string } | { ok: false; reason: string };

/**
 * A `when` condition: govaluate text when every reference is a plain variable, else a `{{= … }}`
 * expression template (a boolean). Strings compared with text are quoted on both sides so values
 * with spaces or dots (`1.4.2`) stay one token.
 */
export function printWhen(e: SubsetExpr, resolve: Resolve): PrintResult {
  return attempt(() => {
    const refs = collectRefs(e, resolve);
    if (fitsGovaluate(e, refs)) return new GovaluatePrinter(refs).condition(e);
    return `{{=${new ExprPrinter(refs).condition(e)}}}`;
  });
}

/**
 * The value of a `{{ expr }}` inside a string: `{{variable}}` for a plain reference, the text of
 * a constant, else a `{{= … }}` expression template.
 */
export function printTemplateValue(e: SubsetExpr, resolve: Resolve): PrintResult {
  return attempt(() => {
    const refs = collectRefs(e, resolve);
    const ref = e.kind === 'path' ? refs.get(e) : undefined;
    if (ref?.kind === 'var' && ref.json.length === 0) return `{{${ref.base.join('.')}}}`;
    if (ref?.kind === 'literal') return ref.value === null ? '' : String(ref.value);
    if (e.kind === 'literal') return e.value === null ? '' : String(e.value);
    return `{{=${new ExprPrinter(refs).value(e)}}}`;
  });
}

/** A loop's `withParam`: `{{variable}}` holding a JSON list, or `{{=toJson(…)}}`. */
export function printItems(e: SubsetExpr, resolve: Resolve): PrintResult {
  return attempt(() => {
    const refs = collectRefs(e, resolve);
    const ref = e.kind === 'path' ? refs.get(e) : undefined;
    if (ref?.kind === 'var' && ref.json.length === 0) return `{{${ref.base.join('.')}}}`;
    return `{{=toJson(${new ExprPrinter(refs).value(e)})}}`;
  });
}

function attempt(print: () => string): PrintResult {
  try {
    return { ok: true, text: print() };
  } catch (err) {
    if (err instanceof Untranslatable) return { ok: false, reason: err.message };
    throw err;
  }
}

function collectRefs(e: SubsetExpr, resolve: Resolve, out: Refs = new Map()): Refs {
  switch (e.kind) {
    case 'path': {
      const ref = resolve({ root: e.root, segments: e.segments });
      if (ref.kind === 'error') throw new Untranslatable(ref.reason);
      out.set(e, ref);
      break;
    }
    case 'binary':
      collectRefs(e.left, resolve, out);
      collectRefs(e.right, resolve, out);
      break;
    case 'not':
    case 'negate':
      collectRefs(e.operand, resolve, out);
      break;
    case 'literal':
      break;
  }
  return out;
}

/** govaluate can take it: plain variables, no string joins, no null, no quotes inside strings. */
function fitsGovaluate(e: SubsetExpr, refs: Refs): boolean {
  switch (e.kind) {
    case 'path': {
      const ref = refs.get(e);
      return ref?.kind === 'var' ? ref.json.length === 0 : ref?.value !== null;
    }
    case 'literal':
      return e.value !== null && !(typeof e.value === 'string' && /['\\]/.test(e.value));
    case 'binary':
      return e.op !== '&' && fitsGovaluate(e.left, refs) && fitsGovaluate(e.right, refs);
    case 'not':
    case 'negate':
      return fitsGovaluate(e.operand, refs);
  }
}
