import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { flowHeader, originEntry } from './flow-header.js';

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

describe('originEntry', () => {
  it('cuts the top-level origin entry out, wherever it is', () => {
    const text = 'flowsmith: "1.0"\nname: x\nsteps:\n  a: {type: succeed}\norigin:\n  format: asl\n  # from the console\n  file: a.json\nlayout: {}\n';
    expect(parse(originEntry(text) ?? '')).toEqual({ origin: { format: 'asl', file: 'a.json' } });
    expect(parse(originEntry('name: x\norigin: {format: argo, file: w.yaml}') ?? '')).toEqual({ origin: { format: 'argo', file: 'w.yaml' } });
  });

  it('finds none in a flow without one (a nested origin key is not the flow\'s)', () => {
    expect(originEntry('name: x\nsteps:\n  a:\n    origin: here\n')).toBeNull();
  });
});
