import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyPatch, diffText, invertPatch, positionAt } from './text-patch';

describe('text patches', () => {
  it('finds the smallest single replacement and applies and inverts it', () => {
    const patch = diffText('steps:\n  a: {type: task}\n', 'steps:\n  a: {type: fail}\n');
    expect(patch).toEqual({ at: 19, removed: 'task', inserted: 'fail' });
    expect(applyPatch('steps:\n  a: {type: task}\n', patch!)).toBe('steps:\n  a: {type: fail}\n');
    expect(applyPatch('steps:\n  a: {type: fail}\n', invertPatch(patch!))).toBe('steps:\n  a: {type: task}\n');
    expect(diffText('same', 'same')).toBeNull();
  });

  it('never splits a surrogate pair', () => {
    const patch = diffText('a😀b', 'a😃b')!;
    expect(patch.removed).toBe('😀');
    expect(patch.inserted).toBe('😃');
  });

  it('refuses a patch that does not match the text (a history bug, not user input)', () => {
    expect(() => applyPatch('abc', { at: 1, removed: 'x', inserted: 'y' })).toThrow(/does not match/);
  });

  it('round-trips any pair of texts (seeded)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const patch = diffText(a, b);
        if (!patch) return a === b;
        return applyPatch(a, patch) === b && applyPatch(b, invertPatch(patch)) === a;
      }),
      { seed: 20261205, numRuns: 2000 },
    );
  });

  it('gives 1-based line:col of an offset', () => {
    expect(positionAt('ab\ncd\nef', 4)).toEqual({ line: 2, col: 2 });
    expect(positionAt('ab', 0)).toEqual({ line: 1, col: 1 });
  });
});
