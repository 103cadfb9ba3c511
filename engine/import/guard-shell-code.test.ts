import { describe, expect, it } from 'vitest';
import type { Flow } from '../model/flow.js';
import { validateFlow } from '../validate/index.js';
import { guardFlowShellCode, guardShellCode } from './guard-shell-code.js';

describe('imported scripts that do arithmetic on parameters', () => {
  it('wraps templates in bash code contexts in $number( ), and leaves the rest', () => {
    const { command, converted } = guardShellCode('n={{ $item }}\necho $(( {{ $item }} % 2 )) "{{ $item }}"');
    expect(command).toBe('n={{ $item }}\necho $(( {{ $number($item) }} % 2 )) "{{ $item }}"');
    expect(converted).toEqual(['{{ $item }}']);
    expect(guardShellCode(command).converted).toEqual([]); // idempotent
  });

  it('turns a flow validation refuses (FS027) into one it accepts, with a warning at the step', () => {
    const flow: Flow = {
      flowsmith: '1.0',
      name: 'x',
      start: 'm',
      steps: { m: { type: 'map', items: '[1, 2]', start: 'each', steps: { each: { type: 'task', shell: 'echo $(( {{ $item }} * 2 ))' } } } },
    };
    expect(validateFlow(flow).some((f) => f.code === 'FS027')).toBe(true);
    const guarded = guardFlowShellCode(flow, 'wf.yaml');
    expect(validateFlow(guarded.flow).filter((f) => f.severity === 'error')).toEqual([]);
    expect(guarded.findings).toEqual([expect.objectContaining({ severity: 'warning', step: 'each', file: 'wf.yaml' })]);
  });
});
