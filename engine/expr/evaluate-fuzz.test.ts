/**
 * Fuzz and limits of expression evaluation (issue #3 item 9 "Bad input"): any text either
 * evaluates to JSON or fails with ExpressionError, never another error and never a hang; and
 * pathological expressions stop at the time, depth, sequence and `$pad` limits (engine/model/limits.ts).
 * Seeded and sized by engine/yaml/fuzz-helpers.ts (FUZZ_RUNS, FUZZ_SEED).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FUZZ_TIMEOUT_MS, fuzzParams } from '../yaml/fuzz-helpers.js';
import { EXPRESSION_TIMEOUT_MS } from '../model/limits.js';
import { evaluateExpression, ExpressionError, type Bindings } from './evaluate.js';

const bindings: Bindings = {
  input: { x: 1, env: 'dev', items: [1, 2, 3], name: 'héllo', nested: { a: [{ b: 1 }, { b: 2 }] } },
  vars: { app: 'shop', n: 3 },
  steps: { 'a-b': { output: { exitCode: 0, stdout: 'ok' }, status: 'succeeded' } },
  run: { id: 'r1', flow: 'f' },
  now: Date.UTC(2030, 0, 2),
};

/** Pieces of JSONata, including the costly ones: recursion, ranges, regexes, higher-order functions. */
const PIECES = ['$input', '.', 'x', 'items', 'nested', 'a', 'b', '$vars', '$steps.a-b', '.output', '$', '$$', '(', ')',
  '[', ']', '{', '}', '"k"', ':', ',', ';', '1', '0', '-1', '1000000', '..', '+', '-', '*', '/', '%', '=', '!=', '<',
  '&', ' and ', ' or ', '?', ' in ', '~>', '$f', ':=', 'function($n){', '$f($n+1)', '$map(', '$filter(', '$reduce(',
  '$sort(', '$string(', '$pad(', '$match(', '$replace(', '$split(', '$join(', '$eval(', '$count(', '$sum(', '$keys(',
  '$lookup(', '$spread(', '$each(', '$zip(', '$now()', '$millis()', '/a+/', '/(a+)+$/', '"aaaaaaaa!"', '**', '#$i',
  '@$v', '^(x)', '|$|{"z":1}|', '`a-b`', '/*c*/', '\n', ' '];

const expression = fc.oneof(
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 4, arbitrary: fc.array(fc.constantFrom(...PIECES), { maxLength: 24 }).map((p) => p.join('')) },
);

/** Evaluates with a short time limit, so the few that spin cost 50 ms, not 1 s. */
async function outcome(text: string, timeoutMs = 50): Promise<unknown> {
  try {
    return await evaluateExpression(text, bindings, undefined, { timeoutMs });
  } catch (error) {
    return error;
  }
}

describe('evaluateExpression on arbitrary text', () => {
  it('returns JSON or throws ExpressionError, nothing else', async () => {
    await fc.assert(
      fc.asyncProperty(expression, async (text) => {
        const result = await outcome(text);
        if (result instanceof Error) {
          expect(result, `${text}: ${result.message}`).toBeInstanceOf(ExpressionError);
          expect(result.message).toMatch(/^expression "/);
        } else {
          expect(JSON.parse(JSON.stringify(result)), text).toEqual(result);
        }
      }),
      fuzzParams(1_000),
    );
  }, FUZZ_TIMEOUT_MS);
});

describe('evaluation limits', () => {
  it.each([
    ['endless tail recursion', '($f := function($n){$f($n+1)}; $f(0))', /took longer than 50 ms, the limit for one expression/],
    ['endless recursion', '($f := function($n){$n + $f($n)}; $f(1))', /nests deeper than 500 levels|took longer than 50 ms/],
    ['a range too large to build', '[1..10000000]', /builds a sequence of more than 1,000,000 items/],
    ['a range past JSONata’s own cap', '[1..100000000]', /builds a sequence of more than 1,000,000 items/],
    ['a product of ranges', '[1..1000].([1..1000].([1..1000]))', /took longer than 50 ms|builds a sequence of more than/],
    ['a huge pad', '$pad("x", 100000000)', /pads a string to more than 1,000,000 characters/],
    ['recursion through $eval', '$eval("($f := function($n){$f($n+1)}; $f(0))")', /timeout/i],
    ['string doubling', '($f := function($s, $n){$n = 0 ? $s : $f($s & $s, $n - 1)}; $f("x", 40))', /failed|took longer/],
  ])('stops %s with an ExpressionError', async (_name, text, message) => {
    const result = await outcome(text);
    expect(result).toBeInstanceOf(ExpressionError);
    expect((result as Error).message).toMatch(message);
  });

  it('gives up on catastrophic regex backtracking quickly (V8 linear-engine fallback)', async () => {
    // /(a+)+$/ on 30 a's and a "!" backtracks 2^30 times in the default engine: minutes.
    expect(await outcome('$match("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!", /(a+)+$/)')).toBeNull();
  });

  it(`stops after the default ${EXPRESSION_TIMEOUT_MS} ms when no limit is given`, async () => {
    const failure = evaluateExpression('($f := function($n){$f($n+1)}; $f(0))', bindings);
    await expect(failure).rejects.toThrow(`took longer than ${EXPRESSION_TIMEOUT_MS} ms, the limit for one expression`);
    await expect(failure).rejects.toMatchObject({ code: 'D1012' });
  });

  it('takes a time limit per call, and caches each limit apart', async () => {
    const slow = '($f := function($n){$n >= 20000 ? $n : $f($n+1)}; $f(0))';
    await expect(evaluateExpression(slow, bindings, undefined, { timeoutMs: 1 })).rejects.toThrow(/took longer than 1 ms/);
    expect(await evaluateExpression(slow, bindings, undefined, { timeoutMs: 60_000 })).toBe(20_000);
  });

  it('takes a depth limit per call', async () => {
    const deep = '($f := function($n){$n = 0 ? 0 : 1 + $f($n - 1)}; $f(30))';
    expect(await evaluateExpression(deep, bindings)).toBe(30);
    await expect(evaluateExpression(deep, bindings, undefined, { maxDepth: 20 })).rejects.toThrow(/nests deeper than 20 levels/);
  });

  it('keeps $pad as JSONata defines it under the limit', async () => {
    expect(await evaluateExpression('$pad("ab", 5, "xy")', bindings)).toBe('abxyx');
    expect(await evaluateExpression('$input.name ~> $pad(-7, "😀")', bindings)).toBe('😀😀héllo');
    expect(await evaluateExpression('$input.env.$pad(5)', bindings)).toBe('dev  ');
  });

  it('keeps a __proto__ key from step data as a key', async () => {
    const data = JSON.parse('{"__proto__": {"polluted": true}, "ok": 1}') as Record<string, unknown>;
    const result = (await evaluateExpression('$', bindings, data as never)) as Record<string, unknown>;
    expect(Object.keys(result)).toEqual(['__proto__', 'ok']);
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('turns data too deep to copy into an ExpressionError', async () => {
    const deep = JSON.parse(`${'['.repeat(20_000)}1${']'.repeat(20_000)}`) as never;
    await expect(evaluateExpression('$', bindings, deep)).rejects.toThrow(/returns data nested too deeply to use/);
  });
});

describe('regressions found by the fuzz tests', () => {
  it('returns 0 for -0, which JSON cannot hold (FUZZ_SEED=3: "-0" evaluated to -0)', async () => {
    expect(Object.is(await evaluateExpression('-0', bindings), 0)).toBe(true);
    expect(Object.is(await evaluateExpression('0 * -1', bindings), 0)).toBe(true);
  });
});
