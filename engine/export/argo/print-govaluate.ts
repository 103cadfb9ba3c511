/**
 * Printing in Argo's `when` syntax: Argo substitutes `{{variables}}` as text, then evaluates the
 * result with govaluate, where unquoted words count as strings (`{{tasks.flip.outputs.result}} ==
 * heads`). Strings compared with text are quoted on both sides, so values with spaces or dots
 * (`1.4.2`) stay one token. Source: https://argo-workflows.readthedocs.io/en/latest/walk-through/conditionals/.
 */
import { precedence, type SubsetExpr } from '../../expr/subset.js';
import { COMPARISONS, LOGIC, phaseOf, refOf, type Refs } from './print-common.js';

/** Prints subset trees whose references are all plain variables (expr-print.ts checks that first). */
export class GovaluatePrinter {
  constructor(private readonly refs: Refs) {}

  /** `e` where a boolean is expected: a bare value is compared with true. */
  condition(e: SubsetExpr): string {
    if (e.kind === 'binary' && (COMPARISONS.has(e.op) || LOGIC.has(e.op))) return this.print(e);
    if (e.kind === 'not') return this.print(e);
    return `${this.print(e)} == true`;
  }

  private print(e: SubsetExpr, quote = false): string {
    switch (e.kind) {
      case 'literal':
        return typeof e.value === 'string' ? `'${e.value}'` : String(e.value);
      case 'path': {
        const ref = this.refs.get(e)!;
        if (ref.kind === 'literal') return typeof ref.value === 'string' ? `'${ref.value}'` : String(ref.value);
        const text = `{{${ref.base.join('.')}}}`;
        return quote && ref.type !== 'status' ? `'${text}'` : text;
      }
      case 'not':
        return `!(${this.condition(e.operand)})`;
      case 'negate':
        return `-${this.wrapped(e.operand, 6)}`;
      case 'binary':
        return this.binary(e);
    }
  }

  private binary(e: SubsetExpr & { kind: 'binary' }): string {
    const p = precedence(e.op);
    if (LOGIC.has(e.op)) {
      const op = e.op === 'and' ? '&&' : '||';
      return `${this.logicOperand(e.left, p)} ${op} ${this.logicOperand(e.right, p + 1)}`;
    }
    if (COMPARISONS.has(e.op)) {
      const statusWord = (side: SubsetExpr, other: SubsetExpr) => {
        const ref = refOf(this.refs, other);
        return ref?.kind === 'var' && ref.type === 'status' && side.kind === 'literal' ? phaseOf(side.value) : undefined;
      };
      const textual = (side: SubsetExpr) => side.kind === 'literal' && typeof side.value === 'string';
      const left = statusWord(e.left, e.right) ?? this.print(e.left, textual(e.right));
      const right = statusWord(e.right, e.left) ?? this.print(e.right, textual(e.left));
      return `${left} ${e.op === '=' ? '==' : e.op} ${right}`;
    }
    return `${this.wrapped(e.left, p)} ${e.op} ${this.wrapped(e.right, p + 1)}`;
  }

  private logicOperand(e: SubsetExpr, min: number): string {
    const text = this.condition(e);
    const p = e.kind === 'binary' && LOGIC.has(e.op) ? precedence(e.op) : 7;
    return p < min ? `(${text})` : text;
  }

  private wrapped(e: SubsetExpr, min: number): string {
    const p = e.kind === 'binary' ? precedence(e.op) : 7;
    return p < min ? `(${this.print(e)})` : this.print(e);
  }
}
