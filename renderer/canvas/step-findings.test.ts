import { describe, expect, it } from 'vitest';
import type { Finding } from '../../engine/model/finding';
import { findingsByStep } from './step-findings';

const f = (severity: Finding['severity'], step?: string, path?: string): Finding => ({ severity, code: 'FS001', message: 'm', step, path });

describe('findingsByStep', () => {
  it('gives each step its worst severity and count, from `step` or the JSON path; info is left out', () => {
    const map = findingsByStep([f('warning', 'a'), f('error', 'a'), f('warning', undefined, '/steps/scan/steps/patch/next'), f('info', 'b')]);
    expect(map.get('a')).toEqual({ severity: 'error', count: 2 });
    expect(map.get('patch')).toEqual({ severity: 'warning', count: 1 });
    expect(map.has('b')).toBe(false);
  });

  it('is computed once per findings array: the same array gives the same entries', () => {
    const list = [f('error', 'a')];
    expect(findingsByStep(list).get('a')).toBe(findingsByStep(list).get('a'));
    expect(findingsByStep([...list])).not.toBe(findingsByStep(list));
  });
});
