import { describe, expect, it } from 'vitest';
import { setKey } from './use-step-edit';

describe('setKey', () => {
  it('puts a new key where a person would write it and keeps existing keys in place', () => {
    const step = { type: 'task', shell: 'echo hello', next: 'done' };
    expect(Object.keys(setKey(step, 'title', 'Notify'))).toEqual(['type', 'title', 'shell', 'next']);
    expect(Object.keys(setKey(step, 'timeout', '5m'))).toEqual(['type', 'shell', 'timeout', 'next']);
    expect(Object.keys(setKey({ next: 'a', type: 'task' }, 'next', 'b'))).toEqual(['next', 'type']);
    expect(setKey(step, 'next', undefined)).toEqual({ type: 'task', shell: 'echo hello' });
  });
});
