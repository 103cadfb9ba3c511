/**
 * Fuzz of loadFlowText (issue #3 item 9 "Bad input"): whatever the text, it returns (never throws,
 * never hangs: the suite's timeout is the bound) and every error finding has a line:col inside the
 * text. Seeded and sized by fuzz-helpers.ts; the bugs it found are pinned in limits.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectLocated, FUZZ_TIMEOUT_MS, fuzzParams, yamlishText } from './fuzz-helpers.js';
import { loadFlowText } from './load.js';

function checkLoad(text: string): void {
  const loaded = loadFlowText(text, 'fuzz.yaml');
  expectLocated(loaded.findings, text);
  const lines = text.split('\n').length;
  for (const f of loaded.findings) expect(f.line ?? 1, f.message).toBeLessThanOrEqual(lines);
  if (loaded.flow !== null) {
    expect(loaded.findings.filter((f) => f.severity === 'error')).toEqual([]);
    // The plain JS is JSON: no Date, Set, Map, Uint8Array or cycles from yaml.
    expect(nonJsonIn(loaded.flow), text).toBeUndefined();
  }
}

/** A description of the first value in `root` that is not plain JSON, or undefined. Cycles count. */
function nonJsonIn(root: unknown): string | undefined {
  const seen = new Set<unknown>();
  const stack = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) continue;
    if (typeof value !== 'object') return typeof value;
    if (seen.has(value)) return 'a cycle or shared value';
    seen.add(value);
    const proto = Object.getPrototypeOf(value);
    if (Array.isArray(value)) stack.push(...(value as unknown[]));
    else if (proto === Object.prototype || proto === null) stack.push(...Object.values(value));
    else return (proto as { constructor?: { name?: string } }).constructor?.name ?? 'an object';
  }
  return undefined;
}

describe('loadFlowText on arbitrary input', () => {
  it('survives any string and locates every error', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), checkLoad), fuzzParams(1_000));
  }, FUZZ_TIMEOUT_MS);

  it('survives YAML-ish text and locates every error', () => {
    fc.assert(fc.property(yamlishText(), checkLoad), fuzzParams(1_500));
  }, FUZZ_TIMEOUT_MS);

  it('survives deep and wide nesting of every kind', () => {
    const opener = fc.constantFrom('[', '{', '- ', '? ', '[a: ', '{a: ', 'a:\n', '&x [');
    const nested = fc.tuple(fc.array(opener, { minLength: 1, maxLength: 3 }), fc.integer({ min: 1, max: 3_000 }));
    fc.assert(
      fc.property(nested, ([openers, times]) => checkLoad(openers.join('').repeat(times))),
      fuzzParams(60),
    );
  }, FUZZ_TIMEOUT_MS);
});
