/**
 * The loader's limits (engine/model/limits.ts; issue #3 item 9 "Bad input"), with a regression test
 * for each bug the fuzz tests and the limit work found, named after what used to happen.
 */
import { describe, expect, it } from 'vitest';
import {
  MAX_ALIAS_COUNT,
  MAX_ALIAS_EXPANSION_NODES,
  MAX_FILE_BYTES,
  MAX_NESTING_LEVELS,
  MAX_SYNTAX_FINDINGS,
} from '../model/limits.js';
import { loadFlowText } from './load.js';

const codesOf = (text: string) => loadFlowText(text).findings.map((f) => [f.code, f.line, f.col]);

describe('file size', () => {
  it('refuses text over the limit before parsing, at 1:1, naming the size and the limit', () => {
    const loaded = loadFlowText(`name: x\n# ${'é'.repeat(MAX_FILE_BYTES / 2)}\n`, 'big.yaml');
    expect(loaded.findings).toEqual([
      {
        severity: 'error',
        code: 'FS002',
        message: 'the flow is 5 MiB, over the 5 MiB limit; split it into subflows (call:)',
        file: 'big.yaml',
        line: 1,
        col: 1,
      },
    ]);
  });

  it('counts bytes, not characters', () => {
    // Under the limit in UTF-16 units, over it in UTF-8 bytes (each é is 2 bytes).
    const text = `# ${'é'.repeat(MAX_FILE_BYTES / 2 + 1)}`;
    expect(text.length).toBeLessThan(MAX_FILE_BYTES);
    expect(codesOf(text)).toEqual([['FS002', 1, 1]]);
  });
});

describe('nesting', () => {
  it('stops at the first level past the limit with one finding (was: 785 "Maximum call stack size exceeded" errors)', () => {
    const loaded = loadFlowText(`name: x\nvars: ${'{a: '.repeat(100_000)}`);
    expect(loaded.findings).toEqual([
      expect.objectContaining({
        code: 'FS004',
        line: 2,
        message: `collections nest deeper than ${MAX_NESTING_LEVELS} levels here; flatten the document`,
      }),
    ]);
  });

  it.each([
    ['flow sequences', '['.repeat(1_000_000)],
    ['compact block sequences', '- '.repeat(1_000_000)],
    ['explicit keys', '? '.repeat(1_000_000)],
    ['indented mappings', Array.from({ length: 500 }, (_, i) => `${' '.repeat(i)}k:`).join('\n')],
  ])('refuses deep %s without parsing the rest', (_kind, text) => {
    expect(codesOf(text).map(([code]) => code)).toEqual(['FS004']);
  });

  it('counts what aliases expand to (was: 180 levels accepted through three anchors)', () => {
    const level = (n: number, inner = '') => `${'['.repeat(n)}${inner}${']'.repeat(n)}`;
    const text = `a: &a ${level(40)}\nb: &b ${level(30, '*a')}\n`;
    expect(codesOf(text)).toEqual([['FS004', 2, 37]]); // at the alias
    expect(codesOf(`a: &a ${level(30)}\nb: ${level(30, '*a')}\n`)).toEqual([]);
  });
});

describe('aliases', () => {
  it('refuses an alias inside its own anchor (was: a cyclic flow that crashed validation)', () => {
    expect(loadFlowText('vars: &v {self: *v}\n').findings).toEqual([
      expect.objectContaining({ code: 'FS024', line: 1, col: 17, message: expect.stringContaining('repeat forever') }),
    ]);
    expect(codesOf('a: &x [1, [2, *x]]\n')).toEqual([['FS024', 1, 15]]);
  });

  it('refuses one big anchor used many times (was: 270,000 values accepted from a 13 KB text)', () => {
    const big = `big: &a [${Array(3_000).fill('1').join(',')}]\n`;
    const uses = Array.from({ length: 90 }, (_, i) => `c${i}: *a`).join('\n');
    const loaded = loadFlowText(big + uses);
    const line = Math.floor(MAX_ALIAS_EXPANSION_NODES / 3_001) + 2; // the first use past the limit
    expect(loaded.findings).toEqual([expect.objectContaining({ code: 'FS003', line, col: 6 })]);
    expect(loaded.findings[0]?.message).toContain('expand to more than 100,000 values');
  });

  it('refuses a billion laughs at the first alias past the limit', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (const [name, prev] of ['ba', 'cb', 'dc', 'ed', 'fe']) lines.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(', ')}]`);
    // b, c, d add 12,330 values; each *d on line 5 adds 11,111, so the 8th passes 100,000.
    expect(codesOf(lines.join('\n'))).toEqual([['FS003', 5, 36]]);
  });

  it(`allows one anchor ${MAX_ALIAS_COUNT} times, and says where the next use is`, () => {
    const uses = (n: number) => `r: &r {maxAttempts: 3}\n${Array.from({ length: n }, (_, i) => `s${i}: *r`).join('\n')}\n`;
    expect(codesOf(uses(MAX_ALIAS_COUNT))).toEqual([]);
    expect(codesOf(uses(MAX_ALIAS_COUNT + 1))).toEqual([['FS003', MAX_ALIAS_COUNT + 2, 8]]);
  });
});

describe('keys and tags', () => {
  it('refuses a list or mapping as a key (was: stringified, with a process warning)', () => {
    expect(codesOf('vars:\n  ? [x, y]\n  : 1\n')).toEqual([['FS025', 2, 5]]);
    expect(codesOf('a: &k {x: 1}\nb: {*k : 2}\n')).toEqual([['FS025', 2, 5]]);
    expect(codesOf('a: &k key\nb: {*k : 2}\n')).toEqual([]);
  });

  it('keeps the plain JS plain JSON (was: !!binary gave a Uint8Array, !!timestamp a Date, !!set a Set)', () => {
    const loaded = loadFlowText('b: !!binary aGVsbG8=\nd: !!timestamp 2001-12-14\ns: !!set {a: null}\n');
    expect(loaded.flow).toEqual({ b: 'aGVsbG8=', d: '2001-12-14', s: { a: null } });
    expect(loaded.findings.map((f) => [f.code, f.severity, f.line])).toEqual([
      ['FS001', 'warning', 1],
      ['FS001', 'warning', 2],
      ['FS001', 'warning', 3],
    ]);
  });

  it('keeps a tagged key a string (found by fuzz.test.ts: "!!binary timeout: 5m" made a Uint8Array key and a process warning)', () => {
    const loaded = loadFlowText('!!binary timeout: 5m\n');
    expect(loaded.flow).toEqual({ timeout: '5m' });
    expect(loaded.findings.map((f) => [f.code, f.severity])).toEqual([['FS001', 'warning']]);
  });

  it('reads %YAML 1.1 documents with the core schema: no dates, no << merges, yes stays a word', () => {
    const loaded = loadFlowText('%YAML 1.1\n---\nd: 2001-12-14\ny: yes\nm: {<<: {x: 1}}\n');
    expect(loaded.flow).toEqual({ d: '2001-12-14', y: 'yes', m: { '<<': { x: 1 } } });
  });
});

describe('syntax errors', () => {
  it(`lists ${MAX_SYNTAX_FINDINGS}, then says how many more`, () => {
    const findings = loadFlowText(']\n'.repeat(30)).findings;
    expect(findings).toHaveLength(MAX_SYNTAX_FINDINGS + 1);
    expect(findings[MAX_SYNTAX_FINDINGS]).toMatchObject({
      code: 'FS001',
      line: MAX_SYNTAX_FINDINGS + 1,
      message: '10 more YAML syntax errors after these; fix the first ones and check again',
    });
  });

  it('says a flow file holds one document', () => {
    expect(loadFlowText('a: 1\n---\nb: 2\n').findings).toEqual([
      expect.objectContaining({ code: 'FS001', line: 2, col: 1, message: expect.stringContaining('several YAML documents') }),
    ]);
  });
});
