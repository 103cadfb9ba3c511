import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { flowHeader } from './flow-header.js';

describe('flowHeader', () => {
  it('keeps only what comes before steps when name and flowsmith are there', () => {
    const text = 'flowsmith: "1.0"\nname: big\ntitle: Big one\nsteps:\n  a: {type: succeed}\n';
    expect(parse(flowHeader(text))).toEqual({ flowsmith: '1.0', name: 'big', title: 'Big one' });
  });

  it('falls back to the whole text when steps come first or the header lacks the name', () => {
    const first = 'steps:\n  a: {type: succeed}\nflowsmith: "1.0"\nname: x\n';
    expect(flowHeader(first)).toBe(first);
    const late = 'flowsmith: "1.0"\nsteps:\n  a: {type: succeed}\nname: x\n';
    expect(flowHeader(late)).toBe(late);
  });
});
