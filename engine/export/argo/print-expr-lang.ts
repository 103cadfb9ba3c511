/**
 * Printing as an Argo expression template `{{= … }}` in expr-lang (https://expr-lang.org): needed
 * to read a field of JSON output (`jsonpath(…)`), to convert types (`asFloat`) and to join strings.
 * Values read from Argo variables are text unless read through jsonpath.
 * Source: https://argo-workflows.readthedocs.io/en/latest/variables/#expression.
 */
import { precedence, type SubsetExpr } from '../../expr/subset.js';
import { COMPARISONS, LOGIC, phaseOf, refOf, type ArgoRef, type Refs } from './print-common.js';

/** Prints subset trees as expr-lang. */
export class ExprPrinter {
  constructor(private readonly refs: Refs) {}

  condition(e: SubsetExpr): string {
    const ref = refOf(this.refs, e);
    if (ref?.kind === 'var' && ref.type !== 'json') return `${this.value(e)} == "true"`;
    return this.value(e);
  }

  value(e: SubsetExpr): string {
    switch (e.kind) {
      case 'literal':
        return e.value === null ? 'nil' : JSON.stringify(e.value);
      case 'path': {
        const ref = this.refs.get(e)!;
        if (ref.kind === 'literal') return ref.value === null ? 'nil' : JSON.stringify(ref.value);
        return variable(ref);
      }
      case 'not':
        return `!(${this.condition(e.operand)})`;
      case 'negate':
        return `-${this.wrapped(e.operand, 6, true)}`;
      case 'binary':
        return this.binary(e);
    }
  }

  private binary(e: SubsetExpr & { kind: 'binary' }): string {
    const p = precedence(e.op);
    if (LOGIC.has(e.op)) {
      const op = e.op === 'and' ? '&&' : '||';
      return `${this.wrapCond(e.left, p)} ${op} ${this.wrapCond(e.right, p + 1)}`;
    }
    if (e.op === '&') return `string(${this.value(e.left)}) + string(${this.value(e.right)})`;
    if (COMPARISONS.has(e.op)) {
      const op = e.op === '=' ? '==' : e.op;
      return `${this.operand(e.left, e.right, p)} ${op} ${this.operand(e.right, e.left, p + 1)}`;
    }
    return `${this.wrapped(e.left, p, true)} ${e.op} ${this.wrapped(e.right, p + 1, true)}`;
  }

  /** One side of a comparison, converted to the type of a literal on the other side. */
  private operand(side: SubsetExpr, other: SubsetExpr, min: number): string {
    const ref = refOf(this.refs, other);
    if (side.kind === 'literal' && ref?.kind === 'var' && ref.type === 'status') return JSON.stringify(phaseOf(side.value));
    if (side.kind === 'literal' && ref?.kind === 'var' && ref.type === 'string' && typeof side.value === 'boolean') {
      return JSON.stringify(String(side.value));
    }
    const mine = refOf(this.refs, side);
    const numeric = other.kind === 'literal' && typeof other.value === 'number';
    return this.wrapped(side, min, numeric && mine?.kind === 'var' && mine.type === 'string');
  }

  private wrapCond(e: SubsetExpr, min: number): string {
    const p = e.kind === 'binary' ? precedence(e.op) : 7;
    return p < min ? `(${this.condition(e)})` : this.condition(e);
  }

  /** `e` in parentheses when it binds looser than `min`; text variables read as numbers when `numeric`. */
  private wrapped(e: SubsetExpr, min: number, numeric: boolean): string {
    const ref = refOf(this.refs, e);
    if (numeric && ref?.kind === 'var' && ref.type === 'string') return `asFloat(${variable(ref)})`;
    const p = e.kind === 'binary' ? precedence(e.op) : 7;
    return p < min ? `(${this.value(e)})` : this.value(e);
  }
}

/** An Argo variable in expr-lang: `tasks['start-preview'].outputs.result`, through jsonpath for fields. */
function variable(ref: ArgoRef & { kind: 'var' }): string {
  const [head, ...rest] = ref.base;
  const base = (head ?? '') + rest.map((s) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`)).join('');
  if (ref.json.length === 0) return base;
  const path = ref.json
    .map((s) => (typeof s === 'number' ? `[${s}]` : /^[A-Za-z_][A-Za-z0-9_]*$/.test(s) ? `.${s}` : `['${s.replace(/'/g, "\\'")}']`))
    .join('');
  return `jsonpath(${base}, ${JSON.stringify('$' + path)})`;
}
