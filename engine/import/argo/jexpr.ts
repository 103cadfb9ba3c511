/**
 * The expression tree the importer builds from Argo conditions, printed as JSONata (DESIGN.md
 * "Expressions"). It is the translatable subset (engine/expr/subset.ts) plus the two conversions
 * Argo conditions need because Argo variables are text: `$number(x)` where govaluate would compare
 * numbers, `$string(x)` where expr-lang's `string()` is called. Paths remember whether they hold
 * text (`text`) or a step status (`status`), so comparisons can convert their other side.
 */
import { precedence, type SubsetExpr, type SubsetOp } from '../../expr/subset.js';

/** The importer's expression tree (see the module comment). */
export type JExpr =
  | { kind: 'path'; root: string; segments: (string | number)[]; text?: boolean; status?: boolean }
  | { kind: 'literal'; value: string | number | boolean | null }
  | { kind: 'binary'; op: SubsetOp; left: JExpr; right: JExpr }
  | { kind: 'not'; operand: JExpr }
  | { kind: 'negate'; operand: JExpr }
  | { kind: 'call'; fn: 'number' | 'string'; operand: JExpr };

/** A subset tree as a JExpr (paths of `$input` and `stdout` hold text in Argo). */
export function fromSubset(e: SubsetExpr): JExpr {
  switch (e.kind) {
    case 'path':
      return { ...e, text: e.root === 'input' || e.segments[e.segments.length - 1] === 'stdout' };
    case 'literal':
      return e;
    case 'binary':
      return { kind: 'binary', op: e.op, left: fromSubset(e.left), right: fromSubset(e.right) };
    case 'not':
    case 'negate':
      return { kind: e.kind, operand: fromSubset(e.operand) };
  }
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** JSONata text of `e`; `$steps.a-b` segments that are not plain names get backticks. */
export function printJExpr(e: JExpr): string {
  switch (e.kind) {
    case 'literal':
      return JSON.stringify(e.value);
    case 'path':
      return '$' + e.root + e.segments.map((s) => (typeof s === 'number' ? `[${s}]` : IDENTIFIER.test(s) ? `.${s}` : `.\`${s}\``)).join('');
    case 'not':
      return `$not(${printJExpr(e.operand)})`;
    case 'call':
      return `$${e.fn}(${printJExpr(e.operand)})`;
    case 'negate':
      return `-${wrap(e.operand, 6)}`;
    case 'binary': {
      const p = precedence(e.op);
      return `${wrap(e.left, p)} ${e.op} ${wrap(e.right, p + 1)}`;
    }
  }
}

function wrap(e: JExpr, min: number): string {
  const p = e.kind === 'binary' ? precedence(e.op) : 7;
  return p < min ? `(${printJExpr(e)})` : printJExpr(e);
}

const PHASES: Record<string, string> = {
  Succeeded: 'succeeded',
  Failed: 'failed',
  Error: 'failed',
  Errored: 'failed',
  Skipped: 'skipped',
  Omitted: 'skipped',
  Running: 'running',
  Pending: 'pending',
};

/**
 * A comparison or arithmetic node with Argo's loose typing made explicit: a status path compared
 * with a phase word gets the Flowsmith status word; a text path compared for equality with a
 * number or boolean compares text; ordering and arithmetic read text paths with $number().
 */
export function typedBinary(op: SubsetOp, left: JExpr, right: JExpr): JExpr {
  if (op === '=' || op === '!=') {
    return { kind: 'binary', op, left: asTextOf(left, right), right: asTextOf(right, left) };
  }
  if (op === 'and' || op === 'or' || op === '&') return { kind: 'binary', op, left, right };
  return { kind: 'binary', op, left: numeric(left), right: numeric(right) };
}

/** `side` converted to compare with `other` for (in)equality. */
function asTextOf(side: JExpr, other: JExpr): JExpr {
  if (side.kind !== 'literal' || other.kind !== 'path') return side;
  if (other.status && typeof side.value === 'string') return { kind: 'literal', value: PHASES[side.value] ?? side.value.toLowerCase() };
  if (other.text && (typeof side.value === 'number' || typeof side.value === 'boolean')) return { kind: 'literal', value: String(side.value) };
  return side;
}

function numeric(e: JExpr): JExpr {
  if (e.kind === 'path' && e.text) return { kind: 'call', fn: 'number', operand: e };
  if (e.kind === 'literal' && typeof e.value === 'string' && e.value.trim() !== '' && !Number.isNaN(Number(e.value))) {
    return { kind: 'literal', value: Number(e.value) };
  }
  return e;
}

/** A literal for a bare word after Argo's text substitution: a number, a boolean, or text. */
export function wordLiteral(word: string): JExpr {
  if (word === 'true' || word === 'false') return { kind: 'literal', value: word === 'true' };
  if (/^-?\d+(\.\d+)?$/.test(word)) return { kind: 'literal', value: Number(word) };
  return { kind: 'literal', value: word };
}
