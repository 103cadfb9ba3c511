import { describe, expect, it } from 'vitest';
import { boundInput, httpInput, MAX_INPUT_CHARS, MAX_INPUT_ITEMS, MAX_INPUT_STRING, shellInput } from './step-input.js';

describe('recorded step inputs (issue #12 point 4)', () => {
  it('puts the values into the shell command for people and masks credential-named env values', () => {
    expect(shellInput('echo "${FLOWSMITH_ARG_0}" to ${FLOWSMITH_ARG_1}', { FLOWSMITH_ARG_0: 'hi', FLOWSMITH_ARG_1: 'staging' }, undefined, { REGION: 'eu', DB_PASSWORD: 'hunter22', api_key: 'k' })).toEqual({
      shell: { command: 'echo "hi" to staging', env: { REGION: 'eu', DB_PASSWORD: '***', api_key: '***' } },
    });
  });

  it('masks credential headers of an http request, keeping the scheme word', () => {
    const input = httpInput({ method: 'post', url: 'https://x/y', headers: { Authorization: 'Bearer abc123', 'X-Api-Key': 'k1', Accept: 'json' }, body: { a: 1 } });
    expect(input).toEqual({ http: { method: 'POST', url: 'https://x/y', headers: { Authorization: 'Bearer ***', 'X-Api-Key': '***', Accept: 'json' }, body: { a: 1 } } });
  });

  it('bounds long strings, long lists, deep nesting and the whole size', () => {
    const long = 'x'.repeat(MAX_INPUT_STRING + 10);
    expect(boundInput(long)).toBe(`${'x'.repeat(MAX_INPUT_STRING)}… (10 more characters)`);
    const list = boundInput(Array.from({ length: MAX_INPUT_ITEMS + 5 }, (_, i) => i)) as unknown[];
    expect(list).toHaveLength(MAX_INPUT_ITEMS + 1);
    expect(list.at(-1)).toBe('… (5 more items)');
    let deep: unknown = 'bottom';
    for (let i = 0; i < 40; i++) deep = { d: deep };
    expect(JSON.stringify(boundInput(deep as never))).toContain('"…"');
    const wide = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`k${i}`, 'y'.repeat(1000)]));
    const cut = boundInput(wide) as { truncated: boolean; preview: string };
    expect(cut.truncated).toBe(true);
    expect(cut.preview).toHaveLength(MAX_INPUT_CHARS);
    // A key named __proto__ stays data.
    expect(Object.keys(boundInput(JSON.parse('{"__proto__": {"polluted": true}}')) as object)).toEqual(['__proto__']);
  });
});
