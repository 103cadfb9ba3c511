import { describe, expect, expectTypeOf, it } from 'vitest';
import { defineCodes } from './code-table.js';
import { Code, codeMeanings } from './codes.js';
import { ArgoExportCode, argoExportCodeMeanings } from '../export/argo/codes.js';
import { AslExportCode, aslExportCodeMeanings } from '../export/asl/codes.js';
import { SwExportCode, swExportCodeMeanings } from '../export/serverless-workflow/codes.js';
import { ArgoImportCode, argoImportCodeMeanings } from '../import/argo/codes.js';
import { AslImportCode, aslImportCodeMeanings } from '../import/asl/codes.js';
import { SwImportCode, swImportCodeMeanings } from '../import/serverless-workflow/codes.js';

describe('defineCodes', () => {
  it('derives the names object and the meanings table, keeping literal code types', () => {
    const t = defineCodes({ first: { code: 'FS900', meaning: 'one' }, second: { code: 'FS901', meaning: 'two' } });
    expect(t.codes).toEqual({ first: 'FS900', second: 'FS901' });
    expect(t.meanings).toEqual({ FS900: 'one', FS901: 'two' });
    expectTypeOf(t.codes.first).toEqualTypeOf<'FS900'>();
  });

  it('refuses a code used twice or not written FS + three digits', () => {
    expect(() => defineCodes({ a: { code: 'FS900', meaning: '' }, b: { code: 'FS900', meaning: '' } })).toThrow(/FS900 is used twice/);
    expect(() => defineCodes({ a: { code: 'X1', meaning: '' } })).toThrow(/FS \+ three digits/);
  });
});

/** Every table with the range its codes must stay in (issue #4 ranges; codes are a contract). */
const tables: [string, Record<string, string>, Record<string, string>, number, number][] = [
  ['native', Code, codeMeanings, 1, 99],
  ['argo export', ArgoExportCode, argoExportCodeMeanings, 120, 139],
  ['asl export', AslExportCode, aslExportCodeMeanings, 140, 159],
  ['sw export', SwExportCode, swExportCodeMeanings, 160, 179],
  ['argo import', ArgoImportCode, argoImportCodeMeanings, 220, 239],
  ['asl import', AslImportCode, aslImportCodeMeanings, 240, 259],
  ['sw import', SwImportCode, swImportCodeMeanings, 260, 279],
];

describe('the code tables', () => {
  it.each(tables)('%s: every code in its range, with a meaning', (_name, codes, meanings, low, high) => {
    for (const code of Object.values(codes)) {
      const n = Number(code.slice(2));
      expect(n).toBeGreaterThanOrEqual(low);
      expect(n).toBeLessThanOrEqual(high);
      expect(meanings[code]).toMatch(/\S/);
    }
    expect(Object.keys(meanings)).toEqual(Object.values(codes));
  });

  it('no code is in two tables', () => {
    const all = tables.flatMap(([, codes]) => Object.values(codes));
    expect(new Set(all).size).toBe(all.length);
  });

  it('keeps the codes the contract names (spot checks, never renumbered)', () => {
    expect([Code.yamlSyntax, Code.secretInEnv, ArgoExportCode.routeTask, AslExportCode.approximated]).toEqual(['FS001', 'FS032', 'FS139', 'FS159']);
    expect([SwExportCode.callbackListen, ArgoImportCode.timeout, AslImportCode.deployPlaceholder, SwImportCode.invalidFlow]).toEqual(['FS178', 'FS239', 'FS259', 'FS275']);
  });
});
