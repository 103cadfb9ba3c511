import { describe, expect, it } from 'vitest';
import type { Flow, JsonObject } from '../model/flow.js';
import { InputError, MAX_INPUT_BYTES, MAX_INPUT_DEPTH, prepareInput } from './inputs.js';

const flow = { flowsmith: '1.0', name: 'deep', start: 'a', steps: { a: { type: 'succeed' } } } as unknown as Flow;

/** `{a: {a: … {leaf}}}` `levels` deep, built without recursion. */
function nested(levels: number, wrap: (inner: unknown) => unknown = (inner) => ({ a: inner })): JsonObject {
  let value: unknown = 'leaf';
  for (let i = 0; i < levels; i++) value = wrap(value);
  return value as JsonObject;
}

describe('run input bounds (issue #11 item 10)', () => {
  it('takes input up to the depth limit', () => {
    expect(prepareInput(flow, nested(MAX_INPUT_DEPTH))).toEqual(nested(MAX_INPUT_DEPTH));
  });

  it.each([MAX_INPUT_DEPTH + 1, 1_100, 200_000])('refuses input nested %i deep with a clear error, not a stack overflow', (levels) => {
    expect(() => prepareInput(flow, nested(levels))).toThrow(InputError);
    expect(() => prepareInput(flow, nested(levels))).toThrow(new RegExp(`nests deeper than ${MAX_INPUT_DEPTH} levels \\(at /a/a/a/a/a/a/a/a/…\\)`));
    expect(() => prepareInput(flow, { list: [nested(levels, (inner) => [inner]) as never] })).toThrow(/nests deeper than 64 levels \(at \/list\/0\/0/);
  });

  it('refuses input over the size limit, and takes it just under', () => {
    const big = { blob: 'x'.repeat(MAX_INPUT_BYTES) };
    expect(() => prepareInput(flow, big)).toThrow(/is 1\.0 MiB of JSON, over the limit of 1 MiB/);
    expect(prepareInput(flow, { blob: 'x'.repeat(MAX_INPUT_BYTES - 20) }).blob).toHaveLength(MAX_INPUT_BYTES - 20);
    const wide = { items: Array.from({ length: 200_000 }, (_, i) => ({ i })) };
    expect(() => prepareInput(flow, wide)).toThrow(InputError);
  });
});
