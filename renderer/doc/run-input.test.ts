import { describe, expect, it } from 'vitest';
import type { Flow } from '../../engine/model/flow';
import { defaultRunInput } from './run-input';

describe('run input prefill', () => {
  it('takes defaults and gives required fields an empty value of their type', () => {
    const flow: Flow = {
      flowsmith: '1.0',
      name: 'x',
      start: 'a',
      steps: { a: { type: 'succeed' } },
      inputs: {
        type: 'object',
        properties: {
          environment: { type: 'string', enum: ['dev', 'production'], default: 'dev' },
          version: { type: 'string' },
          count: { type: 'integer' },
          note: { type: 'string' },
        },
        required: ['version', 'count'],
      },
    };
    expect(defaultRunInput(flow)).toEqual({ environment: 'dev', version: '', count: 0 });
  });
});
