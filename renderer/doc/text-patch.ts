/**
 * Text patches: the unit of the designer's one undo history (STYLE.md §4, issue #8). Every change
 * to the document, whether typed in the code view or made on the canvas or in the inspector, is
 * recorded as the text it replaced and the text it inserted at one offset, so undo is the same
 * operation whichever view made the change.
 */

/** Replace `removed` at UTF-16 offset `at` with `inserted`. */
export interface TextPatch {
  at: number;
  removed: string;
  inserted: string;
}

/**
 * The smallest single patch turning `before` into `after`: the common prefix and suffix are kept,
 * the middle is replaced. O(length) with native string compares; null when the texts are equal.
 * The offsets never split a UTF-16 surrogate pair.
 */
export function diffText(before: string, after: string): TextPatch | null {
  if (before === after) return null;
  const max = Math.min(before.length, after.length);
  let start = 0;
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--;
  let end = 0;
  const room = max - start;
  while (end < room && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  if (end > 0 && isLowSurrogate(before.charCodeAt(before.length - end))) end--;
  return { at: start, removed: before.slice(start, before.length - end), inserted: after.slice(start, after.length - end) };
}

/**
 * Applies `patch` to `text`. Throws when the text at `patch.at` is not `patch.removed` (the
 * history and the text went out of step: a bug, never user input).
 */
export function applyPatch(text: string, patch: TextPatch): string {
  const found = text.slice(patch.at, patch.at + patch.removed.length);
  if (found !== patch.removed) throw new Error(`text patch at ${patch.at} does not match the document`);
  return text.slice(0, patch.at) + patch.inserted + text.slice(patch.at + patch.removed.length);
}

/** The patch that undoes `patch`. */
export function invertPatch(patch: TextPatch): TextPatch {
  return { at: patch.at, removed: patch.inserted, inserted: patch.removed };
}

/** 1-based line and column of a UTF-16 offset, as Monaco and findings count them. */
export function positionAt(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, col: offset - lineStart + 1 };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
