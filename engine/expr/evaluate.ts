/**
 * JSONata expressions with Flowsmith's bindings (DESIGN.md "Expressions are JSONata": `$input`,
 * `$vars`, `$steps.<id>.output`, `$steps.<id>.status`, `$item`, `$index`, `$error`, `$run`).
 * Compiled expressions are cached by text; evaluation is bounded in time and depth so a flow cannot
 * hang the engine with `($f := function(){$f()}; $f())`.
 */
import jsonata from 'jsonata';
import type { Json, JsonObject } from '../model/flow.js';

/** Values an expression can see, each bound as `$<name>`. */
export interface Bindings {
  input: JsonObject;
  vars: JsonObject;
  steps: Record<string, { output: Json; status: string }>;
  run: { id: string; flow: string; workdir?: string; startedAt?: string };
  /** The current item and its 0-based index inside a map step. */
  item?: Json;
  index?: number;
  /** The error being handled, in a catch target or a compensation. */
  error?: { name: string; message: string } | null;
  /**
   * The run's clock reading, epoch ms. When set, `$now()` and `$millis()` return it instead of the
   * wall clock, so simulations in virtual time evaluate the same way every time (DESIGN.md "Clock").
   */
  now?: number;
}

/** Longest one evaluation may run, in wall-clock ms (JSONata's `timeout` guard). */
export const EXPRESSION_TIMEOUT_MS = 5_000;
/** Deepest evaluation nesting (JSONata's `stack` guard); real expressions stay under 50. */
export const EXPRESSION_MAX_DEPTH = 500;
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
const cache = new Map<string, jsonata.Expression>();

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
 * Compiles `text` as JSONata, or returns the cached compilation of the same text.
 * Throws ExpressionError (with position) when it does not parse, e.g.
 * `expression "$input.x +" does not parse: unexpected end of expression (at character 10)`.
 */
export function compileExpression(text: string): jsonata.Expression {
  const cached = cache.get(text);
  if (cached) return cached;
  let compiled: jsonata.Expression;
  try {
    compiled = jsonata(quoteStepIds(text), { timeout: EXPRESSION_TIMEOUT_MS, stack: EXPRESSION_MAX_DEPTH });
  } catch (error) {
    const f = error as JsonataFailure;
    const reason = text.trim() === '' ? 'it is empty' : lowerFirst(f.message ?? String(error));
    const at = f.position === undefined || text.trim() === '' ? '' : ` (at character ${f.position})`;
    throw new ExpressionError(`expression "${text}" does not parse: ${reason}${at}`, text, f.position, f.code);
  }
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(text, compiled);
  return compiled;
}

/**
 * Evaluates `text` with `bindings` bound as `$input`, `$vars`, `$steps`, `$run`, `$item`, `$index`,
 * `$error`, and `context` as `$` (default: the input). Undefined results become null and JSONata
 * sequences plain arrays, so the value is JSON. Throws ExpressionError when the expression does not
 * parse, fails (message names the expression), runs past EXPRESSION_TIMEOUT_MS, or returns a function.
 */
export async function evaluateExpression(text: string, bindings: Bindings, context?: Json): Promise<Json> {
  const compiled = compileExpression(text);
  let result: unknown;
  try {
    result = await compiled.evaluate(context === undefined ? bindings.input : context, jsonataBindings(bindings));
  } catch (error) {
    const f = error as JsonataFailure;
    const reason = lowerFirst(f.message ?? String(error));
    const at = f.position === undefined ? '' : ` (at character ${f.position})`;
    throw new ExpressionError(`expression "${text}" failed: ${reason}${at}`, text, f.position, f.code);
  }
  return toJson(result, text);
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

/** JSONata results as JSON: undefined → null, sequences → arrays, functions refused. */
function toJson(value: unknown, text: string): Json {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return value.map((v) => toJson(v, text));
  if (typeof value === 'function' || (typeof value === 'object' && '_jsonata_lambda' in value)) {
    throw new ExpressionError(
      `expression "${text}" returns a function, not a value; call it, e.g. $f(x)`,
      text,
      undefined,
      undefined,
    );
  }
  if (typeof value === 'object') {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toJson(v, text);
    return out;
  }
  return value as Json;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
