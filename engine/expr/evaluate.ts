/**
 * JSONata expressions with Flowsmith's bindings (DESIGN.md "Expressions are JSONata": `$input`,
 * `$vars`, `$steps.<id>.output`, `$steps.<id>.status`, `$item`, `$index`, `$error`, `$run`).
 * Compiled expressions are cached by text and limits. Evaluation is bounded in time, depth and
 * sequence size (engine/model/limits.ts; issue #3 item 9) so a flow cannot hang the engine with
 * `($f := function($n){$f($n+1)}; $f(0))` or `[1..10000000]`: JSONata 2.x checks its `timeout` and
 * `stack` options each time it enters a sub-expression (the guard the JSONata exerciser's
 * timeboxExpression builds from `__evaluate_entry`/`__evaluate_exit`).
 */
import { setFlagsFromString } from 'node:v8';
import jsonata from 'jsonata';
import type { Json, JsonObject } from '../model/flow.js';
import {
  EXPRESSION_MAX_DEPTH,
  EXPRESSION_MAX_PAD_CHARS,
  EXPRESSION_MAX_SEQUENCE_ITEMS,
  EXPRESSION_TIMEOUT_MS,
} from '../model/limits.js';

export { EXPRESSION_MAX_DEPTH, EXPRESSION_TIMEOUT_MS } from '../model/limits.js';

// A regular expression runs natively, where JSONata's time check cannot reach: `/(a+)+$/` on 30
// characters backtracks for minutes. This V8 flag moves such a match to V8's linear-time engine
// once it backtracks too much (same results; patterns with backreferences or lookaround cannot
// move and stay exposed). It applies to the whole process, which only gains by it.
try {
  setFlagsFromString('--enable-experimental-regexp-engine-on-excessive-backtracks');
} catch {
  // Not V8, or the flag is gone: expressions still work, without this guard.
}

/** Values an expression can see, each bound as `$<name>`. */
export interface Bindings {
  input: JsonObject;
  vars: JsonObject;
  steps: Record<string, { output: Json; status: string }>;
  run: { id: string; flow: string; workdir?: string; startedAt?: string };
  /** The current item and its 0-based index inside a map step. */
  item?: Json;
  index?: number;
  /**
   * `$env.NAME`: the environment variables the flow references (secrets). The runtime never
   * journals their values in clear (engine/runtime/secrets.ts).
   */
  env?: Record<string, string>;
  /** The error being handled, in a catch target or a compensation. */
  error?: { name: string; message: string } | null;
  /**
   * `$callback.token`: set only while the executor of a task with `callback` runs (a secret:
   * engine/runtime/callbacks.ts).
   */
  callback?: { token: string };
  /**
   * The run's clock reading, epoch ms. When set, `$now()` and `$millis()` return it instead of the
   * wall clock, so simulations in virtual time evaluate the same way every time (DESIGN.md "Clock").
   */
  now?: number;
}

/** Per-call limits of one evaluation; each defaults to the value in engine/model/limits.ts. */
export interface EvaluateLimits {
  /** Longest the evaluation may run, in wall-clock ms (default EXPRESSION_TIMEOUT_MS, 5 s). */
  timeoutMs?: number;
  /** Deepest nesting of sub-expressions and non-tail calls, in levels (default EXPRESSION_MAX_DEPTH). */
  maxDepth?: number;
}

/** Compiled expressions kept; past this, the oldest is dropped. */
const CACHE_SIZE = 2_000;

/**
 * A JSONata expression that did not parse or failed while evaluating. `position` is JSONata's
 * character position in the expression (1-based end of the offending token) when it reports one;
 * `code` is JSONata's error code (`S0201`, `T2001` …).
 */
export class ExpressionError extends Error {
  override readonly name = 'ExpressionError';
  constructor(
    message: string,
    readonly expression: string,
    readonly position: number | undefined,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

type JsonataFailure = { code?: string; position?: number; message?: string; token?: string };
const cache = new Map<string, jsonata.Expression | ExpressionError>();

/** `$steps.` followed by a step id that contains a dash (and no spaces around it). */
const DASHED_STEP_REF = /\$steps\.([A-Za-z0-9_]+(?:-[A-Za-z0-9_]+)+)/g;

/**
 * Rewrites `$steps.stop-service` to `` $steps.`stop-service` ``. Step ids use dashes (DESIGN.md's
 * `env-check`), and JSONata would read the dash as a minus and quietly yield undefined; a real
 * subtraction is written with spaces (`$steps.a - 1`), which this leaves alone.
 */
export function quoteStepIds(text: string): string {
  return text.replace(DASHED_STEP_REF, '$steps.`$1`');
}

/**
 * Compiles `text` as JSONata with `limits` for its evaluations, or returns the cached compilation
 * of the same text and limits. Throws ExpressionError (with position; the same instance each time
 * for the same text) when it does not parse, e.g.
 * `expression "$input.x +" does not parse: unexpected end of expression (at character 10)`.
 */
export function compileExpression(text: string, limits?: EvaluateLimits): jsonata.Expression {
  const timeoutMs = limits?.timeoutMs ?? EXPRESSION_TIMEOUT_MS;
  const maxDepth = limits?.maxDepth ?? EXPRESSION_MAX_DEPTH;
  // JSONata fixes its guards at compile time, so the limits are part of the cache key.
  const key = `${timeoutMs}:${maxDepth}:${text}`;
  const cached = cache.get(key);
  if (cached instanceof ExpressionError) throw cached;
  if (cached) return cached;
  let compiled: jsonata.Expression | ExpressionError;
  try {
    compiled = jsonata(quoteStepIds(text), {
      timeout: timeoutMs,
      stack: maxDepth,
      sequence: EXPRESSION_MAX_SEQUENCE_ITEMS,
    });
    compiled.registerFunction('pad', boundedPad, '<s-ns?:s>'); // JSONata's own signature for $pad
  } catch (error) {
    const f = error as JsonataFailure;
    const reason =
      text.trim() === ''
        ? 'it is empty'
        : error instanceof RangeError
          ? 'it nests too deeply to parse; split it over set: variables'
          : lowerFirst(f.message ?? String(error));
    const at = f.position === undefined || text.trim() === '' ? '' : ` (at character ${f.position})`;
    compiled = new ExpressionError(`expression ${quoted(text)} does not parse: ${reason}${at}`, text, f.position, f.code);
  }
  // Failures are cached too: a flow repeats its expressions, and a failed parse costs more.
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(key, compiled);
  if (compiled instanceof ExpressionError) throw compiled;
  return compiled;
}

/**
 * Evaluates `text` with `bindings` bound as `$input`, `$vars`, `$steps`, `$run`, `$item`, `$index`,
 * `$error`, and `context` as `$` (default: the input). Undefined results become null and JSONata
 * sequences plain arrays, so the value is JSON. Throws ExpressionError when the expression does not
 * parse, fails (message names the expression), runs past `limits.timeoutMs` (default 5 s; code
 * D1012, "took longer than"), nests past `limits.maxDepth` (D1011), builds a sequence of more than
 * EXPRESSION_MAX_SEQUENCE_ITEMS (D2014/D2015), or returns a function.
 */
export async function evaluateExpression(
  text: string,
  bindings: Bindings,
  context?: Json,
  limits?: EvaluateLimits,
): Promise<Json> {
  const compiled = compileExpression(text, limits);
  let result: unknown;
  try {
    // JSONata starts its timeout clock when evaluate() is called, and the caller's synchronous
    // work after that call would count against it: yield first, so the clock starts when the
    // evaluation actually runs (found by engine/host/concurrency.test.ts under load).
    await null;
    result = await compiled.evaluate(context === undefined ? bindings.input : context, jsonataBindings(bindings));
  } catch (error) {
    const f = error as JsonataFailure;
    const at = f.position === undefined ? '' : ` (at character ${f.position})`;
    const reason = describeFailure(error, limits) ?? `failed: ${lowerFirst(f.message ?? String(error))}${at}`;
    throw new ExpressionError(`expression ${quoted(text)} ${reason}`, text, f.position, f.code);
  }
  try {
    return toJson(result, text);
  } catch (error) {
    // Data from a step can nest deeper than the JS stack allows when copied by recursion.
    if (!(error instanceof RangeError)) throw error;
    throw new ExpressionError(`expression ${quoted(text)} returns data nested too deeply to use`, text, undefined, undefined);
  }
}

/** What a limit failure means, in the user's words; undefined for every other failure. */
function describeFailure(error: unknown, limits: EvaluateLimits | undefined): string | undefined {
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    return 'nests too deeply to evaluate (the JavaScript stack ran out); look for a function that calls itself without end';
  }
  switch ((error as JsonataFailure).code) {
    case 'D1012':
      return `took longer than ${limits?.timeoutMs ?? EXPRESSION_TIMEOUT_MS} ms, the limit for one expression, and was stopped; look for a function that calls itself without end or a very large range, or move the work into a script step`;
    case 'D1011':
      return `nests deeper than ${limits?.maxDepth ?? EXPRESSION_MAX_DEPTH} levels, the limit for one expression, and was stopped; look for a function that calls itself without end`;
    case PAD_LIMIT:
      return `pads a string to more than ${EXPRESSION_MAX_PAD_CHARS.toLocaleString('en')} characters, the limit for one expression, and was stopped`;
    case 'D2014':
    case 'D2015':
      return `builds a sequence of more than ${EXPRESSION_MAX_SEQUENCE_ITEMS.toLocaleString('en')} items, the limit for one expression, and was stopped; narrow the range or filter the data first`;
    default:
      return undefined;
  }
}

/** Code of the failure boundedPad throws (not a JSONata code). */
const PAD_LIMIT = 'FLOWSMITH_PAD_LIMIT';

/**
 * JSONata's `$pad` (same signature and result: pads to |width| code points, on the right when
 * width > 0, on the left when < 0, with `char` repeated, default a space) that refuses a width over
 * EXPRESSION_MAX_PAD_CHARS. JSONata's own builds the padding with Array(n).join, which no time
 * limit can interrupt.
 */
function boundedPad(str: string | undefined, width: number, char?: string): string | undefined {
  if (str === undefined) return undefined;
  const fill = char === undefined || char.length === 0 ? ' ' : char;
  const target = Math.trunc(width);
  if (Math.abs(target) > EXPRESSION_MAX_PAD_CHARS) throw { code: PAD_LIMIT, message: 'pad width over the limit' };
  const padLength = Math.abs(target) - Array.from(str).length;
  if (!(padLength > 0)) return str;
  let padding = fill.repeat(padLength);
  if (fill.length > 1) padding = Array.from(padding).slice(0, padLength).join('');
  return target > 0 ? str + padding : padding + str;
}

/** `"text"` for messages, cut to 80 characters so a long expression does not swamp them. */
function quoted(text: string): string {
  return `"${text.length > 80 ? `${text.slice(0, 79)}…` : text}"`;
}

function jsonataBindings(b: Bindings): Record<string, unknown> {
  const out: Record<string, unknown> = {
    input: b.input,
    vars: b.vars,
    steps: b.steps,
    run: b.run,
    item: b.item,
    index: b.index,
    error: b.error ?? null,
    env: b.env ?? {},
    callback: b.callback,
  };
  if (b.now !== undefined) {
    const ms = b.now;
    // JSONata's own $fromMillis formats the time, so `$now(picture, timezone)` keeps working.
    out['now'] = (picture?: string, timezone?: string) =>
      compileExpression('$fromMillis(ms, picture, timezone)').evaluate({ ms, picture, timezone });
    out['millis'] = () => ms;
  }
  return out;
}

/** JSONata results as JSON: undefined → null, sequences → arrays, -0 → 0, functions refused. */
function toJson(value: unknown, text: string): Json {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return value.map((v) => toJson(v, text));
  if (typeof value === 'function' || (typeof value === 'object' && '_jsonata_lambda' in value)) {
    throw new ExpressionError(
      `expression ${quoted(text)} returns a function, not a value; call it, e.g. $f(x)`,
      text,
      undefined,
      undefined,
    );
  }
  if (typeof value === 'object') {
    // fromEntries defines keys, so a `__proto__` key from step data stays a key, not a prototype.
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return Object.fromEntries(entries.map(([k, v]) => [k, toJson(v, text)])) as JsonObject;
  }
  // JSON has no -0: `-0` would print as 0 and then compare unequal to what was journaled.
  if (Object.is(value, -0)) return 0;
  return value as Json;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
