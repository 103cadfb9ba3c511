/**
 * Importers at the documented limits (issue #11 "Tests and figures"): documents of every format
 * with up to MAX_STEP_COUNT + 1 states/tasks and nesting past MAX_NESTING_LEVELS, drawn from a
 * fixed seed. Each import ends with a flow and located findings, at most MAX_FINDINGS_PER_CODE + 1
 * of a code, and the flow validates without throwing: no stack overflow, no crash.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { validateFlow } from '../validate/index.js';
import { FUZZ_TIMEOUT_MS, fuzzParams } from '../yaml/fuzz-helpers.js';
import { MAX_FINDINGS_PER_CODE, MAX_NESTING_LEVELS, MAX_STEP_COUNT } from '../model/limits.js';
import { importFlow, type ImportFormat } from './index.js';

/** A chain of `n` work items, nested `depth` levels deep, in `format`'s own shape. */
function document(format: ImportFormat, n: number, depth: number): string {
  if (format === 'asl') {
    let inner: Record<string, unknown> = { StartAt: 'leaf', States: { leaf: { Type: 'Pass', End: true } } };
    for (let d = 0; d < depth; d++) inner = { StartAt: `p${d}`, States: { [`p${d}`]: { Type: 'Parallel', Branches: [inner], End: true } } };
    const states: Record<string, unknown> = {};
    for (let i = 0; i < n; i++) states[`s${i}`] = { Type: 'Pass', Result: { i }, Next: `s${i + 1}` };
    states[`s${n}`] = { Type: 'Parallel', Branches: [inner], End: true };
    return JSON.stringify({ StartAt: 's0', States: states });
  }
  if (format === 'serverless-workflow') {
    let inner: unknown[] = [{ leaf: { set: { v: 1 } } }];
    for (let d = 0; d < depth; d++) inner = [{ [`d${d}`]: { do: inner } }];
    const tasks = Array.from({ length: n }, (_, i) => ({ [`t${i}`]: { set: { i } } }));
    return stringify({ document: { dsl: '1.0.3', namespace: 'x', name: 'big', version: '1.0.0' }, do: [...tasks, { nested: { do: inner } }] }, { aliasDuplicateObjects: false });
  }
  const templates: unknown[] = [{ name: 'say', container: { image: 'alpine', command: ['echo', 'hi'] } }];
  for (let d = 0; d < depth; d++) templates.push({ name: `n${d}`, steps: [[{ name: 'go', template: d === 0 ? 'say' : `n${d - 1}` }]] });
  const main = { name: 'main', steps: [...Array.from({ length: n }, (_, i) => [{ name: `s${i}`, template: 'say' }]), [{ name: 'deep', template: depth === 0 ? 'say' : `n${depth - 1}` }]] };
  return stringify({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Workflow', metadata: { name: 'big' }, spec: { entrypoint: 'main', templates: [main, ...templates] } }, { aliasDuplicateObjects: false });
}

describe('importers at the limits', () => {
  it('import long and deep documents of every format with located, capped findings', async () => {
    const format = fc.constantFrom<ImportFormat>('asl', 'serverless-workflow', 'argo');
    const size = fc.constantFrom(1, 2_000, MAX_STEP_COUNT + 1);
    const depth = fc.constantFrom(0, 8, MAX_NESTING_LEVELS, 200);
    await fc.assert(
      fc.asyncProperty(format, size, depth, async (f, n, d) => {
        const imported = await importFlow(document(f, n, d), `big.${f}`, f);
        const perCode = new Map<string, number>();
        for (const finding of imported.findings) {
          perCode.set(finding.code, (perCode.get(finding.code) ?? 0) + 1);
          expect([finding.code, finding.line! >= 1, finding.col! >= 1]).toEqual([finding.code, true, true]);
        }
        for (const [code, count] of perCode) expect(count, code).toBeLessThanOrEqual(MAX_FINDINGS_PER_CODE + 1);
        expect(Array.isArray(validateFlow(imported.flow))).toBe(true);
      }),
      fuzzParams(8),
    );
  }, FUZZ_TIMEOUT_MS * 6);
});
