/**
 * Fuzz of loadFlowText (issue #3 item 9 "Bad input"): whatever the text, it returns (never throws,
 * never hangs: the suite's timeout is the bound) and every error finding has a line:col inside the
 * text. Seeded and sized by fuzz-helpers.ts; the bugs it found are pinned in limits.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectLocated, FUZZ_TIMEOUT_MS, fuzzParams, yamlishText } from './fuzz-helpers.js';
import { MAX_ALIAS_EXPANSION_NODES, MAX_FILE_BYTES, MAX_NESTING_LEVELS } from '../model/limits.js';
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

/**
 * Sizes up to the documented limits (engine/README.md "Limits"; issue #11 "Tests and figures": not
 * 200 characters): text just under and over 5 MiB, nesting at 64 levels and just past, alias
 * expansion near 100,000 values, and bytes that are not UTF-8. Few runs, because each input is big.
 */
describe('loadFlowText at the limits', () => {
  it('loads or refuses text up to and just past MAX_FILE_BYTES, always located', () => {
    const size = fc.constantFrom(MAX_FILE_BYTES - 64, MAX_FILE_BYTES + 1, 1_000_000);
    fc.assert(
      fc.property(yamlishText(40), size, (piece, bytes) => {
        const unit = `flowsmith: "1.0"\nname: big\nstart: a\nsteps:\n  a: {type: succeed}\nx-pad:\n`;
        const line = `  - ${JSON.stringify(piece).slice(0, 60)}\n`;
        const text = (unit + line.repeat(Math.ceil(bytes / line.length))).slice(0, bytes);
        const loaded = loadFlowText(text, 'big.yaml');
        expectLocated(loaded.findings, text.slice(0, 300));
        if (Buffer.byteLength(text) > MAX_FILE_BYTES) expect(loaded.findings.map((f) => f.code)).toEqual(['FS002']);
      }),
      fuzzParams(4),
    );
  }, FUZZ_TIMEOUT_MS * 2);

  it('takes nesting up to MAX_NESTING_LEVELS and refuses one level more, for every kind of collection', () => {
    const kind = fc.constantFrom<[string, string]>(['[', ']'], ['{a: ', '}'], ['[a, ', ']'], ['{k: 1, a: ', '}']);
    fc.assert(
      fc.property(kind, fc.integer({ min: MAX_NESTING_LEVELS - 3, max: MAX_NESTING_LEVELS + 3 }), ([open, close], levels) => {
        // `x: <value>` under the root mapping: the root is one level, so the value gets levels − 1.
        const text = `flowsmith: "1.0"\nx: ${open.repeat(levels - 1)}1${close.repeat(levels - 1)}\n`;
        const loaded = loadFlowText(text, 'deep.yaml');
        expectLocated(loaded.findings, text.slice(0, 300));
        const tooDeep = loaded.findings.some((f) => f.code === 'FS004');
        if (levels <= MAX_NESTING_LEVELS - 1) expect(tooDeep, `${levels} levels`).toBe(false);
        if (levels > MAX_NESTING_LEVELS + 1) expect(tooDeep, `${levels} levels`).toBe(true);
      }),
      fuzzParams(30),
    );
  }, FUZZ_TIMEOUT_MS);

  it('counts alias expansion near MAX_ALIAS_EXPANSION_NODES', () => {
    fc.assert(
      fc.property(fc.integer({ min: 10, max: 400 }), fc.integer({ min: 10, max: 600 }), (width, uses) => {
        const anchor = `base: &b [${Array.from({ length: width }, (_, i) => i).join(', ')}]\n`;
        const text = `flowsmith: "1.0"\n${anchor}uses: [${Array(uses).fill('*b').join(', ')}]\n`;
        const loaded = loadFlowText(text, 'aliases.yaml');
        expectLocated(loaded.findings, text.slice(0, 300));
        const expanded = (width + 1) * uses;
        if (expanded > MAX_ALIAS_EXPANSION_NODES * 1.01) expect(loaded.findings.map((f) => f.code)).toContain('FS003');
        if (expanded < MAX_ALIAS_EXPANSION_NODES * 0.99 && uses <= 1000) expect(loaded.findings.filter((f) => f.code === 'FS003')).toEqual([]);
      }),
      fuzzParams(40),
    );
  }, FUZZ_TIMEOUT_MS);

  it('locates bytes that are not UTF-8 (Latin-1, UTF-16, binary) once decoded as UTF-8', () => {
    const encoding = fc.constantFrom<BufferEncoding>('latin1', 'utf16le', 'binary');
    fc.assert(
      fc.property(yamlishText(40), encoding, fc.boolean(), (text, enc, bom) => {
        const bytes = Buffer.concat([bom && enc === 'utf16le' ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), Buffer.from(`name: café\n${text}`, enc)]);
        const decoded = bytes.toString('utf8');
        const loaded = loadFlowText(decoded, 'enc.yaml');
        expectLocated(loaded.findings, decoded);
        if (decoded.includes('\u0000')) expect(loaded.findings.map((f) => f.code)).toEqual(['FS029']);
      }),
      fuzzParams(200),
    );
  }, FUZZ_TIMEOUT_MS);
});
