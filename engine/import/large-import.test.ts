/**
 * Large source documents and findings without a place (issue #11 item 13): a 30,001-state ASL
 * machine overflowed the stack (elkjs recursed along the chain), and findings about the document
 * as a whole printed at 0:0.
 */
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { MAX_FINDINGS_PER_CODE } from '../model/limits.js';
import { importFlow } from './index.js';
import { layeredLayout } from './layout.js';

describe('large imports', () => {
  it('imports a 30,001-state machine: laid out in layers, findings capped and located', async () => {
    const states: Record<string, unknown> = {};
    for (let i = 0; i < 30_000; i++) states[`s${i}`] = { Type: 'Pass', Next: `s${i + 1}` };
    states['s30000'] = { Type: 'Succeed' };
    const imported = await importFlow(JSON.stringify({ StartAt: 's0', States: states }), 'big.asl.json', 'asl');
    expect(Object.keys(imported.flow.layout ?? {})).toHaveLength(30_001);
    expect(imported.flow.layout?.['s2']).toEqual({ x: 0, y: 2 * (imported.flow.layout!['s1']!.y - imported.flow.layout!['s0']!.y) });
    const perCode = new Map<string, number>();
    for (const f of imported.findings) perCode.set(f.code, (perCode.get(f.code) ?? 0) + 1);
    for (const n of perCode.values()) expect(n).toBeLessThanOrEqual(MAX_FINDINGS_PER_CODE + 1);
    expect(imported.findings.every((f) => (f.line ?? 0) >= 1 && (f.col ?? 0) >= 1)).toBe(true);
  }, 120_000);

  it('puts steps the start never reaches in a last layer', () => {
    const flow = { flowsmith: '1.0', name: 'x', start: 'a', steps: { a: { type: 'succeed' }, lost: { type: 'succeed' } } } as never;
    expect(layeredLayout(flow)).toEqual({ a: { x: 0, y: 0 }, lost: { x: 0, y: expect.any(Number) as unknown } });
  });

  it('gives every finding a place, also those about the whole document', async () => {
    const argo = stringify({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Workflow',
      metadata: { generateName: 'x-' },
      spec: { entrypoint: 'main', arguments: { artifacts: [{ name: 'a' }] }, hooks: { running: { template: 'main' } }, templates: [{ name: 'main', container: { image: 'alpine', command: ['echo', 'hi'] } }] },
    });
    const asl = JSON.stringify({ StartAt: 'a', States: { a: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: '${Fn}' }, End: true } } });
    for (const [text, format] of [[argo, 'argo'], [asl, 'asl']] as const) {
      const { findings } = await importFlow(text, `doc.${format}`, format);
      expect(findings.length).toBeGreaterThan(0);
      for (const f of findings) expect([f.code, f.line, f.col]).toEqual([f.code, expect.any(Number), expect.any(Number)]);
    }
  });
});
