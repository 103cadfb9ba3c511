/**
 * Prints the translatable JSONata subset (engine/expr/subset.ts) as jq, the default runtime
 * expression language of Serverless Workflow 1.0 (dsl-reference.md "Runtime expressions"; jq manual
 * https://jqlang.github.io/jq/manual/). Native bindings become SW runtime expression arguments:
 *
 * | native                      | jq                                                             |
 * |-----------------------------|----------------------------------------------------------------|
 * | `$input.x`                  | `$workflow.input.x` (the raw workflow input; `// default` when the input schema has one) |
 * | `$vars.x`                   | `$context.x` (vars live in the workflow context, see export.as) |
 * | `$steps.id.output.x`        | `$context.steps["id"].x` (that step exports its output)        |
 * | `$item`, `$<as>`, `$index`  | `$item`, `$index` (the `for` task's each/at variables)          |
 * | `$error.name` / `.message`  | `$error.title` / `$error.detail` (catch `as: error`)            |
 * | `$run.id` / `.flow` / `.startedAt` | `$workflow.id` / `.definition.document.name` / `.startedAt.iso8601` |
 * | `$` (output, set)           | `.` or another variable, as the caller says                    |
 *
 * Operators: `=` → `==`, `and`/`or` as is, `$not(x)` → `(x | not)`, `&` → a jq string with
 * interpolations (`"\(a)-\(b)"`), which converts numbers and objects to text as JSONata's `&` does.
 * Known difference: JSONata treats 0 and "" as false in and/or/not, jq only false and null;
 * `truthinessNotes` lists the operands where that can matter.
 */
import type { SubsetExpr } from '../../expr/subset.js';
import { parseJsonataSubset, precedence, wrap } from '../../expr/subset.js';
import type { Json } from '../../model/flow.js';
import { STEPS_CONTEXT_KEY } from '../../interop/serverless-workflow/conventions.js';

/** What a printed expression can see, which depends on where it stands in the exported document. */
export interface JqScope {
  /** How native `$` (the step output in `output`/`set`) prints, e.g. `.` or `$out`; unset: not bound. */
  dot?: string;
  /** Native map alias (`as`) visible here; it prints as `$item`. */
  itemAlias?: string;
  /** Top-level input property defaults, from `inputs.properties.<name>.default`. */
  inputDefaults?: Readonly<Record<string, Json>>;
  /** Called for each `$steps.<id>.output` printed, so the exporter makes that step export its output. */
  onStepOutput?: (id: string) => void;
}

/** A translation: the jq text, or why the expression stays untranslated (one sentence). */
export type JqResult = { ok: true; jq: string; notes: string[] } | { ok: false; reason: string };

/** Internal binding name that stands for JSONata's bare `$` while the subset parser reads the text. */
const DOT_BINDING = '__dot';

class Untranslatable extends Error {}

/**
 * Translates a bare JSONata expression (as in `when`, `items`, `output`, `set`) into jq, without the
 * `${ }` wrapper. Returns `{ok: false, reason}` when the expression is outside the subset or uses a
 * binding with no SW equivalent (`$steps.x.status`, `$run.workdir`, …). Never throws.
 */
export function jsonataToJq(text: string, scope: JqScope): JqResult {
  const source = scope.dot === undefined ? text : bindBareDollar(text);
  const parsed = parseJsonataSubset(source);
  if (!parsed.ok) return { ok: false, reason: parsed.reason };
  try {
    return { ok: true, jq: printJq(parsed.expr, scope), notes: truthinessNotes(parsed.expr) };
  } catch (err) {
    if (err instanceof Untranslatable) return { ok: false, reason: err.message };
    throw err;
  }
}

/**
 * Prints a subset tree as jq. Throws Untranslatable (caught by jsonataToJq) for bindings that have
 * no SW equivalent; callers outside this module use jsonataToJq.
 */
export function printJq(e: SubsetExpr, scope: JqScope): string {
  switch (e.kind) {
    case 'literal':
      return JSON.stringify(e.value);
    case 'path':
      return printPath(e.root, e.segments, scope);
    case 'not':
      return `(${printJq(e.operand, scope)} | not)`;
    case 'negate':
      return `-${wrap(e.operand, 6, (x) => printJq(x, scope))}`;
    case 'binary': {
      if (e.op === '&') return printConcat(e, scope);
      const p = precedence(e.op);
      // jq comparisons do not associate (`a == b == c` is a syntax error): wrap both sides.
      const leftMin = p === 3 ? p + 1 : p;
      const op = e.op === '=' ? '==' : e.op;
      return `${wrap(e.left, leftMin, (x) => printJq(x, scope))} ${op} ${wrap(e.right, p + 1, (x) => printJq(x, scope))}`;
    }
  }
}

/** `a & "-" & b` → `"\(a)-\(b)"`: one jq string, literal parts as text. */
function printConcat(e: SubsetExpr, scope: JqScope): string {
  const parts: SubsetExpr[] = [];
  const flatten = (x: SubsetExpr) => {
    if (x.kind === 'binary' && x.op === '&') {
      flatten(x.left);
      flatten(x.right);
    } else parts.push(x);
  };
  flatten(e);
  const body = parts
    .map((p) =>
      p.kind === 'literal' && p.value !== null ? jqStringText(String(p.value)) : `\\(${printJq(p, scope)})`,
    )
    .join('');
  return `"${body}"`;
}

/** Escapes text for the inside of a jq string literal (JSON escapes; `\(` cannot appear unescaped). */
export function jqStringText(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

function printPath(root: string, segments: readonly (string | number)[], scope: JqScope): string {
  const [first, ...rest] = segments;
  switch (root) {
    case DOT_BINDING:
      return appendSegments(scope.dot ?? '.', segments);
    case 'input': {
      const base = appendSegments('$workflow.input', first === undefined ? [] : [first]);
      const fallback = typeof first === 'string' ? scope.inputDefaults?.[first] : undefined;
      // SW validates the input against input.schema but applies no defaults; jq's `//` does.
      const head = fallback === undefined ? base : withDefault(base, first as string, fallback);
      return appendSegments(head, rest);
    }
    case 'vars':
      return appendSegments('$context', segments);
    case 'steps': {
      if (typeof first !== 'string' || rest[0] !== 'output') {
        throw new Untranslatable(
          `$steps.${String(first)}.${String(rest[0] ?? '')} has no Serverless Workflow equivalent (only a step's output is exported to $context)`,
        );
      }
      scope.onStepOutput?.(first);
      return appendSegments(`$context.${STEPS_CONTEXT_KEY}`, [first, ...rest.slice(1)]);
    }
    case 'item':
      return appendSegments('$item', segments);
    case 'index':
      return appendSegments('$index', segments);
    case 'error':
      return appendSegments('$error', first === 'name' ? ['title', ...rest] : first === 'message' ? ['detail', ...rest] : segments);
    case 'run':
      if (first === 'id') return appendSegments('$workflow.id', rest);
      if (first === 'flow') return appendSegments('$workflow.definition.document.name', rest);
      if (first === 'startedAt') return appendSegments('$workflow.startedAt.iso8601', rest);
      throw new Untranslatable(`$run.${String(first ?? '')} has no Serverless Workflow equivalent`);
    default:
      if (root === scope.itemAlias) return appendSegments('$item', segments);
      throw new Untranslatable(`$${root} has no Serverless Workflow equivalent`);
  }
}

/** `base // default`, except for a `true` default, where `//` would also replace an explicit false. */
function withDefault(base: string, name: string, fallback: Json): string {
  if (fallback === true) return `($workflow.input | if has(${JSON.stringify(name)}) then ${appendSegments('.', [name])} else true end)`;
  return `(${base} // ${JSON.stringify(fallback)})`;
}

/** `$context` + `["a-b"]`/`.x`/`[0]` segments in jq syntax. */
export function appendSegments(base: string, segments: readonly (string | number)[]): string {
  let out = base;
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(s)) out += out === '.' ? s : `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}

/** Operands of and/or/not that are not booleans by construction, where JSONata and jq truthiness differ. */
function truthinessNotes(e: SubsetExpr): string[] {
  const notes: string[] = [];
  const isBoolean = (x: SubsetExpr): boolean =>
    (x.kind === 'literal' && typeof x.value === 'boolean') ||
    x.kind === 'not' ||
    (x.kind === 'binary' && ['=', '!=', '<', '<=', '>', '>=', 'and', 'or'].includes(x.op));
  const visit = (x: SubsetExpr) => {
    if (x.kind === 'not') {
      if (!isBoolean(x.operand)) notes.push('an operand of not');
      visit(x.operand);
    } else if (x.kind === 'negate') visit(x.operand);
    else if (x.kind === 'binary') {
      if ((x.op === 'and' || x.op === 'or') && (!isBoolean(x.left) || !isBoolean(x.right))) notes.push(`an operand of ${x.op}`);
      visit(x.left);
      visit(x.right);
    }
  };
  visit(e);
  return notes.length === 0 ? [] : [`${notes.join(', ')} is not a boolean: jq treats 0 and "" as true where JSONata treats them as false`];
}

/**
 * Replaces JSONata's bare `$` (the context value) with `$__dot` outside string literals and
 * backtick names, so the subset parser, which only accepts named bindings, can read `$.ok`.
 */
function bindBareDollar(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"' || ch === "'" || ch === '`') {
      const end = closingQuote(text, i, ch);
      out += text.slice(i, end + 1);
      i = end;
    } else if (ch === '$' && !/[A-Za-z0-9_$]/.test(text[i + 1] ?? '') && text[i - 1] !== '$') {
      out += `$${DOT_BINDING}`;
    } else out += ch;
  }
  return out;
}

function closingQuote(text: string, open: number, quote: string): number {
  for (let i = open + 1; i < text.length; i++) {
    if (text[i] === '\\' && quote !== '`') i++;
    else if (text[i] === quote) return i;
  }
  return text.length;
}
