import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFlowText } from '../yaml/load.js';
import { exportFlow, exportTargets, groupFindings } from './index.js';

describe('export findings grouped (issue #11 item 17)', () => {
  it('says a loss shared by several steps once, listing the steps', () => {
    const flow = loadFlowText(readFileSync('resources/templates/web-app-deploy.yaml', 'utf8')).flow!;
    const asl = exportFlow(flow, 'asl').findings.filter((f) => f.code === 'FS141');
    expect(asl).toHaveLength(1);
    expect(asl[0]).toMatchObject({ step: 'build', message: expect.stringMatching(/placeholder Lambda .* \(7 steps: build, test, start-preview, stop-preview, backup-current, deploy, verify\)$/) as unknown });
    for (const target of exportTargets) {
      const findings = exportFlow(flow, target).findings;
      const keys = findings.map((f) => `${f.code} ${f.severity} ${f.message}`);
      expect(new Set(keys).size, target).toBe(keys.length);
    }
  });

  it('keeps findings without a step, and different messages apart, in their order', () => {
    const f = (step: string | undefined, message: string) => ({ severity: 'warning' as const, code: 'FS100', message, ...(step ? { step } : {}) });
    expect(groupFindings([f('a', 'x'), f(undefined, 'flow'), f('b', 'y'), f('c', 'x'), f('c', 'x')])).toEqual([f('a', 'x (2 steps: a, c)'), f(undefined, 'flow'), f('b', 'y')]);
  });
});
