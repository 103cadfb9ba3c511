import { describe, expect, it } from 'vitest';
import { emptyHistory, mark, record, redo, undo, HISTORY_LIMIT } from './history';
import { applyPatch, diffText } from './text-patch';

/** Applies `after` as an edit of `text`, recording it; returns the new text and history. */
function step(state: { text: string; h: typeof emptyHistory }, after: string, key?: string) {
  const patch = diffText(state.text, after)!;
  expect(applyPatch(state.text, patch)).toBe(after);
  return { text: after, h: record(state.h, patch, key) };
}

describe('the one undo history', () => {
  it('coalesces edits with one key into one gesture until a mark or another key', () => {
    let s = { text: 'title: ', h: emptyHistory };
    s = step(s, 'title: D', 'build:title');
    s = step(s, 'title: De', 'build:title');
    s = step(s, 'title: Dep', 'build:title');
    s = step(s, 'title: Dep\nnext: x', 'build:next');
    expect(s.h.undo).toHaveLength(2);
    s = { ...s, h: mark(s.h) };
    s = step(s, 'title: Dep\nnext: xy', 'build:next');
    expect(s.h.undo).toHaveLength(3);

    const u1 = undo(s.h, s.text)!;
    expect(u1.text).toBe('title: Dep\nnext: x');
    const u2 = undo(u1.history, u1.text)!;
    expect(u2.text).toBe('title: Dep');
    const u3 = undo(u2.history, u2.text)!;
    expect(u3.text).toBe('title: ');
    expect(undo(u3.history, u3.text)).toBeNull();

    const r1 = redo(u3.history, u3.text)!;
    expect(r1.text).toBe('title: Dep');
  });

  it('clears redo on a new edit, and an edit without a key is its own gesture', () => {
    let s = { text: 'a', h: emptyHistory };
    s = step(s, 'ab');
    s = step(s, 'abc');
    expect(s.h.undo).toHaveLength(2);
    const u = undo(s.h, s.text)!;
    expect(u.history.redo).toHaveLength(1);
    const again = step({ text: u.text, h: u.history }, 'abX');
    expect(again.h.redo).toHaveLength(0);
  });

  it(`keeps at most ${HISTORY_LIMIT} gestures`, () => {
    let s = { text: '', h: emptyHistory };
    for (let i = 0; i < HISTORY_LIMIT + 20; i++) s = step(s, s.text + 'x');
    expect(s.h.undo).toHaveLength(HISTORY_LIMIT);
  });
});
