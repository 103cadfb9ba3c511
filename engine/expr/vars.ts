/**
 * `{{ }}` in a flow's `vars`, evaluated once when the run starts (DESIGN.md: "vars: run variables;
 * values may be {{ expressions }}"; issue #11 item 14: a run printed `label=v{{ $input.version }}`).
 *
 * The run starts synchronously (RunStarted is journaled before anything runs), and JSONata only
 * evaluates asynchronously, so vars take the expression subset every exporter already speaks
 * (expr/subset.ts: paths, literals, arithmetic, `&`, comparisons, and/or/$not), evaluated here with
 * JSONata's meaning of each operator. At run start only `$input` and `$run` have values; `$env` is
 * refused too, because vars are journaled with RunStarted and a secret must not be stored there.
 * Anything else is an FS028 finding in validate (varsProblems) and an ExpressionError here.
 */
import type { Json, JsonObject } from '../model/flow.js';
import { ExpressionError } from './evaluate.js';
import { parseJsonataSubset, type SubsetExpr } from './subset.js';
import { findTemplates, valueToText } from './templates.js';

/** What vars can read when the run starts. */
export interface VarsBindings {
  input: JsonObject;
  run: { id: string; flow: string; workdir?: string; startedAt?: string };
}

/** Bindings vars may read, and why the others cannot be read at run start. */
const UNAVAILABLE: Readonly<Record<string, string>> = {
  steps: 'no step has run when the run starts',
  vars: 'vars are being set; refer to another var’s expression directly',
  item: '$item exists only inside a map body',
  index: '$index exists only inside a map body',
  error: '$error exists only in an error handler',
  env: 'vars are journaled with the run, and a secret must not be stored there; read $env.NAME where it is used',
};

/** A problem with one template in `vars`: its path under `vars` and one sentence. */
export interface VarsProblem {
  path: (string | number)[];
  message: string;
}

/**
 * Every template in `vars` that cannot be evaluated at run start: outside the subset, or reading a
 * binding that has no value yet (`$steps`, `$vars`, `$item`, `$index`, `$error`) or must not be
 * journaled (`$env`). Walks without recursion; tolerates any JSON.
 */
export function varsProblems(vars: unknown): VarsProblem[] {
  const problems: VarsProblem[] = [];
  for (const [text, path] of stringsOf(vars)) {
    for (const t of findTemplates(text)) {
      const reason = whyNotAtStart(t.expr);
      if (reason !== undefined) problems.push({ path, message: `${text.slice(t.start, t.end)} cannot be evaluated when the run starts: ${reason}` });
    }
  }
  return problems;
}

/**
 * `vars` with every `{{ expr }}` evaluated against `bindings`: a string that is one template takes
 * the raw value (a number stays a number), templates inside a longer string insert their value as
 * text (JSON for non-strings), as interpolateString does. Returns a new object. Throws
 * ExpressionError naming the var (`vars.label: …`) for a template varsProblems reports or an
 * operation JSONata would refuse (`"a" + 1`).
 */
export function initialVars(vars: JsonObject, bindings: VarsBindings): JsonObject {
  const walk = (value: Json, path: string): Json => {
    if (typeof value === 'string') return interpolate(value, path, bindings);
    if (Array.isArray(value)) return value.map((v, i) => walk(v, `${path}[${i}]`));
    if (value !== null && typeof value === 'object') {
      const out: JsonObject = {};
      for (const [k, v] of Object.entries(value)) out[k] = walk(v, `${path}.${k}`);
      return out;
    }
    return value;
  };
  return walk(vars, 'vars') as JsonObject;
}

function interpolate(text: string, path: string, bindings: VarsBindings): Json {
  const templates = findTemplates(text);
  if (templates.length === 0) return text;
  const valueOf = (expr: string): Json => {
    const reason = whyNotAtStart(expr);
    if (reason !== undefined) throw new ExpressionError(`${path}: {{ ${expr} }} cannot be evaluated when the run starts: ${reason}`, expr, undefined, undefined);
    const parsed = parseJsonataSubset(expr);
    if (!parsed.ok) throw new ExpressionError(`${path}: ${parsed.reason}`, expr, undefined, undefined);
    try {
      return evaluate(parsed.expr, bindings) ?? null;
    } catch (error) {
      if (!(error instanceof SubsetFailure)) throw error;
      throw new ExpressionError(`${path}: expression "${expr}" failed: ${error.message}`, expr, undefined, undefined);
    }
  };
  const only = templates[0]!;
  if (templates.length === 1 && only.start === 0 && only.end === text.length) return valueOf(only.expr);
  let out = '';
  let last = 0;
  for (const t of templates) {
    out += text.slice(last, t.start) + valueToText(valueOf(t.expr));
    last = t.end;
  }
  return out + text.slice(last);
}

/** Why `expr` cannot be evaluated at run start, or undefined when it can. */
function whyNotAtStart(expr: string): string | undefined {
  const parsed = parseJsonataSubset(expr);
  if (!parsed.ok) {
    return `${parsed.reason.replace('translatable subset', 'subset vars can evaluate')}; vars take paths into $input and $run, literals and operators (+ - * / % & = != < <= > >= and or $not); compute anything else in a set: of the first step`;
  }
  const roots: string[] = [];
  const stack: SubsetExpr[] = [parsed.expr];
  while (stack.length > 0) {
    const e = stack.pop()!;
    if (e.kind === 'path') roots.push(e.root);
    else if (e.kind === 'binary') stack.push(e.left, e.right);
    else if (e.kind === 'not' || e.kind === 'negate') stack.push(e.operand);
  }
  for (const root of roots) {
    if (root === 'input' || root === 'run') continue;
    return `it reads $${root}, and ${UNAVAILABLE[root] ?? `$${root} is not a binding`}`;
  }
  return undefined;
}

/** An operation JSONata refuses (its T2001/T2002/T2009 errors), in the user's words. */
class SubsetFailure extends Error {}

/** The subset tree's value with JSONata's meaning; undefined is JSONata's "no value". */
function evaluate(e: SubsetExpr, b: VarsBindings): Json | undefined {
  switch (e.kind) {
    case 'literal':
      return e.value;
    case 'path':
      return navigate(e.root === 'input' ? b.input : (b.run as unknown as Json), e.segments);
    case 'not': {
      const v = evaluate(e.operand, b);
      return v === undefined ? undefined : !truthy(v);
    }
    case 'negate': {
      const v = evaluate(e.operand, b);
      if (v === undefined) return undefined;
      if (typeof v !== 'number') throw new SubsetFailure('cannot negate a value that is not a number');
      return -v;
    }
    case 'binary': {
      const left = evaluate(e.left, b);
      if (e.op === 'and') return truthy(left) && truthy(evaluate(e.right, b));
      if (e.op === 'or') return truthy(left) || truthy(evaluate(e.right, b));
      const right = evaluate(e.right, b);
      switch (e.op) {
        case '&':
          return text(left) + text(right);
        case '=':
          return left === undefined || right === undefined ? false : deepEqual(left, right);
        case '!=':
          return left === undefined || right === undefined ? false : !deepEqual(left, right);
        case '<':
        case '<=':
        case '>':
        case '>=':
          return compare(e.op, left, right);
        default:
          return arithmetic(e.op, left, right);
      }
    }
  }
}

function navigate(root: Json, segments: readonly (string | number)[]): Json | undefined {
  let at: Json | undefined = root;
  for (const s of segments) {
    if (at === undefined || at === null) return undefined;
    if (typeof s === 'number') {
      // JSONata treats a single value as a sequence of one: `$input.v[0]` is v itself.
      const list: Json[] = Array.isArray(at) ? at : [at];
      at = list[s < 0 ? list.length + s : s];
    } else if (Array.isArray(at)) {
      throw new SubsetFailure(`"${s}" of a list maps over its items, which vars cannot do at run start; compute it in a set: of the first step`);
    } else if (typeof at === 'object') {
      at = Object.prototype.hasOwnProperty.call(at, s) ? at[s] : undefined;
    } else {
      return undefined;
    }
  }
  return at;
}

/** JSONata's $boolean. */
function truthy(v: Json | undefined): boolean {
  if (v === undefined || v === null) return false;
  if (Array.isArray(v)) return v.some((x) => truthy(x));
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return Boolean(v);
}

/** JSONata's $string for `&`: no value is '', strings as is, numbers to 15 significant digits, the rest as JSON. */
function text(v: Json | undefined): string {
  if (typeof v === 'number') return String(Number(v.toPrecision(15)));
  return v === undefined ? '' : valueToText(v);
}

function deepEqual(a: Json, b: Json): boolean {
  return JSON.stringify(a) === JSON.stringify(b) && (typeof a !== 'object' || Array.isArray(a) === Array.isArray(b));
}

function compare(op: '<' | '<=' | '>' | '>=', a: Json | undefined, b: Json | undefined): boolean | undefined {
  const comparable = (v: Json | undefined) => v === undefined || typeof v === 'number' || typeof v === 'string';
  if (!comparable(a) || !comparable(b)) throw new SubsetFailure(`${op} compares numbers or strings only`);
  if (a === undefined || b === undefined) return undefined;
  if (typeof a !== typeof b) throw new SubsetFailure(`${op} compares a number with a number, or a string with a string`);
  const [x, y] = [a as number | string, b as number | string];
  return op === '<' ? x < y : op === '<=' ? x <= y : op === '>' ? x > y : x >= y;
}

function arithmetic(op: '+' | '-' | '*' | '/' | '%', a: Json | undefined, b: Json | undefined): number | undefined {
  if ((a !== undefined && typeof a !== 'number') || (b !== undefined && typeof b !== 'number')) {
    throw new SubsetFailure(`${op} takes numbers; convert text with $number() in a set: of the first step`);
  }
  if (a === undefined || b === undefined) return undefined;
  const result = op === '+' ? a + b : op === '-' ? a - b : op === '*' ? a * b : op === '/' ? a / b : a % b;
  if (!Number.isFinite(result)) throw new SubsetFailure(`${op} gives a number that is not finite`);
  return result;
}

/** Every string inside `value` with its path, without recursion. */
function stringsOf(value: unknown): [string, (string | number)[]][] {
  const out: [string, (string | number)[]][] = [];
  const stack: [unknown, (string | number)[]][] = [[value, []]];
  while (stack.length > 0) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') out.push([v, path]);
    else if (Array.isArray(v)) for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], [...path, i]]);
    else if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) stack.push([entries[i]![1], [...path, entries[i]![0]]]);
    }
  }
  return out;
}
