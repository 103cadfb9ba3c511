/**
 * Whether a JSONata expression can only produce a number (or fail): the one kind of value bash may
 * read as code without running anything, since digits, a sign, a point and an exponent are all an
 * arithmetic expression can hold (issue #11 item 4). Used to allow `$(( {{ $number($input.n) }} + 1 ))`
 * and to convert imported scripts' arithmetic (engine/import/guard-shell-code.ts).
 * Source: JSONata 2.x semantics: arithmetic operators throw on non-numbers (T2001/T2002), and the
 * numeric functions below return numbers or throw.
 */
import jsonata from 'jsonata';

/** Functions whose result is a number whenever they return. */
const NUMERIC_FUNCTIONS = new Set(['number', 'abs', 'floor', 'ceil', 'round', 'power', 'sqrt', 'count', 'length', 'sum', 'max', 'min', 'average']);
const ARITHMETIC = new Set(['+', '-', '*', '/', '%']);

interface Ast {
  type: string;
  value?: unknown;
  procedure?: Ast;
  expression?: Ast;
  lhs?: Ast;
  rhs?: Ast;
}

/** True when `expr` parses and, by its outermost operation, yields a number or fails. Never throws. */
export function isNumericExpression(expr: string): boolean {
  let ast: Ast;
  try {
    ast = jsonata(expr).ast() as Ast;
  } catch {
    return false;
  }
  return isNumeric(ast);
}

function isNumeric(ast: Ast): boolean {
  if (ast.type === 'number') return true;
  if (ast.type === 'binary' && ARITHMETIC.has(String(ast.value))) return true;
  // JSONata refuses to negate a non-number (D1002).
  if (ast.type === 'unary' && ast.value === '-') return true;
  if (ast.type === 'function' && ast.procedure?.type === 'variable') return NUMERIC_FUNCTIONS.has(String(ast.procedure.value));
  return false;
}

/** True when `value` is a finite number: the run-time side of isNumericExpression. */
export function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
