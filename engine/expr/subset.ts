/**
 * The expression subset that exporters and importers translate between languages (issue #4):
 * field paths, literals, comparisons, and/or/not, arithmetic, string concatenation. Every target
 * language (Argo's expr, ASL JSONata/JSONPath, Serverless Workflow's jq) prints and parses this
 * small tree; anything outside it is reported as a finding by the caller, never guessed.
 *
 * JSONata's AST shapes (`jsonata(expr).ast()`) are those of jsonata 2.x's parser
 * (https://github.com/jsonata-js/jsonata/blob/master/src/parser.js).
 */
import jsonata from 'jsonata';

export type SubsetOp = '=' | '!=' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | '/' | '%' | 'and' | 'or' | '&';

export type SubsetExpr =
  /** `$root.a.b[0]`: root is a binding name without `$` (input, vars, steps, item, index, error, run, env). */
  | { kind: 'path'; root: string; segments: (string | number)[] }
  | { kind: 'literal'; value: string | number | boolean | null }
  | { kind: 'binary'; op: SubsetOp; left: SubsetExpr; right: SubsetExpr }
  | { kind: 'not'; operand: SubsetExpr }
  | { kind: 'negate'; operand: SubsetExpr };

/** Either the subset tree or why the expression is outside the subset (one sentence). */
export type SubsetResult = { ok: true; expr: SubsetExpr } | { ok: false; reason: string };

const OPS = new Set<string>(['=', '!=', '<', '<=', '>', '>=', '+', '-', '*', '/', '%', 'and', 'or', '&']);

interface AstNode {
  type: string;
  value?: unknown;
  lhs?: AstNode;
  rhs?: AstNode;
  steps?: AstNode[];
  stages?: AstNode[];
  expr?: AstNode;
  expression?: AstNode;
  expressions?: AstNode[];
  arguments?: AstNode[];
  procedure?: AstNode;
  predicate?: unknown;
  group?: unknown;
}

/**
 * Parses a JSONata expression (bare, as in `when`/`items`/`output`) into the subset.
 * Returns `{ok: false, reason}` for a parse error or any construct outside the subset. Never throws.
 */
export function parseJsonataSubset(text: string): SubsetResult {
  let ast: AstNode;
  try {
    ast = jsonata(text).ast() as AstNode;
  } catch (err) {
    return { ok: false, reason: `does not parse as JSONata: ${(err as Error).message}` };
  }
  try {
    return { ok: true, expr: fromAst(ast) };
  } catch (err) {
    if (err instanceof OutsideSubset) return { ok: false, reason: err.message };
    throw err;
  }
}

class OutsideSubset extends Error {}

function fromAst(node: AstNode): SubsetExpr {
  switch (node.type) {
    case 'string':
    case 'number':
    case 'value':
      return { kind: 'literal', value: node.value as string | number | boolean | null };
    case 'binary': {
      const op = String(node.value);
      if (!OPS.has(op)) throw new OutsideSubset(`the operator "${op}" is outside the translatable subset`);
      return { kind: 'binary', op: op as SubsetOp, left: fromAst(node.lhs!), right: fromAst(node.rhs!) };
    }
    case 'unary':
      if (node.value === '-') return { kind: 'negate', operand: fromAst(node.expression!) };
      throw new OutsideSubset('array and object constructors are outside the translatable subset');
    case 'function': {
      const name = functionName(node.procedure);
      if (name === 'not' && node.arguments?.length === 1) return { kind: 'not', operand: fromAst(node.arguments[0]!) };
      throw new OutsideSubset(`the function $${name ?? '?'}() is outside the translatable subset`);
    }
    case 'path':
      return pathFromAst(node);
    case 'variable':
      if (node.value === '') throw new OutsideSubset('the context value `$` is outside the translatable subset');
      return { kind: 'path', root: String(node.value), segments: [] };
    case 'block':
      // `( e )` is a block of one expression; `( a; b )` is a sequence.
      if (node.expressions?.length === 1) return fromAst(node.expressions[0]!);
      throw new OutsideSubset('blocks `( … ; … )` are outside the translatable subset');
    default:
      throw new OutsideSubset(`${node.type} expressions are outside the translatable subset`);
  }
}

function functionName(proc: AstNode | undefined): string | undefined {
  if (!proc) return undefined;
  if (proc.type === 'variable') return String(proc.value);
  // `not(x)` without `$` parses as a path called like a function; treat it as $not.
  if (proc.type === 'path' && proc.steps?.length === 1) return String(proc.steps[0]!.value);
  return undefined;
}

function pathFromAst(node: AstNode): SubsetExpr {
  const [first, ...rest] = node.steps ?? [];
  if (!first || first.type !== 'variable' || first.value === '') {
    throw new OutsideSubset('paths must start at a binding such as $input, $vars or $steps');
  }
  const segments: (string | number)[] = [];
  for (const s of [first, ...rest]) {
    if (s !== first) {
      if (s.type !== 'name') throw new OutsideSubset(`a ${s.type} inside a path is outside the translatable subset`);
      segments.push(String(s.value));
    }
    for (const stage of s.stages ?? []) {
      if (stage.type !== 'filter' || stage.expr?.type !== 'number' || !Number.isInteger(stage.expr.value)) {
        throw new OutsideSubset('only constant array indexes [n] are translatable inside a path');
      }
      segments.push(stage.expr.value as number);
    }
    if (s.predicate || s.group) throw new OutsideSubset('filters and grouping are outside the translatable subset');
  }
  return { kind: 'path', root: String(first.value), segments };
}

/** Binding precedence, loosest first, shared by the printers (JSONata, Argo expr, jq agree on this order). */
export function precedence(op: SubsetOp): number {
  switch (op) {
    case 'or':
      return 1;
    case 'and':
      return 2;
    case '=':
    case '!=':
    case '<':
    case '<=':
    case '>':
    case '>=':
      return 3;
    case '&':
    case '+':
    case '-':
      return 4;
    case '*':
    case '/':
    case '%':
      return 5;
  }
}

/** Prints the subset back as JSONata; `$steps.a-b` segments that are not plain names get backticks. */
export function printJsonata(e: SubsetExpr): string {
  switch (e.kind) {
    case 'literal':
      return JSON.stringify(e.value);
    case 'path':
      return (
        '$' +
        e.root +
        e.segments.map((s) => (typeof s === 'number' ? `[${s}]` : /^[A-Za-z_][A-Za-z0-9_]*$/.test(s) ? `.${s}` : `.\`${s}\``)).join('')
      );
    case 'not':
      return `$not(${printJsonata(e.operand)})`;
    case 'negate':
      return `-${wrap(e.operand, 6, printJsonata)}`;
    case 'binary': {
      const p = precedence(e.op);
      // Left-associative: the right operand needs parentheses at equal precedence.
      return `${wrap(e.left, p, printJsonata)} ${e.op} ${wrap(e.right, p + 1, printJsonata)}`;
    }
  }
}

/** Prints `e` with `print`, in parentheses when it binds looser than `min`. */
export function wrap(e: SubsetExpr, min: number, print: (e: SubsetExpr) => string): string {
  const p = e.kind === 'binary' ? precedence(e.op) : 7;
  return p < min ? `(${print(e)})` : print(e);
}
