/**
 * What each check returns before index.ts adds the file, line:col and JSON pointer: a code, a
 * sentence and the path of the offending node as keys and array indexes.
 */
import type { Code } from '../model/finding.js';

/** A path into the flow document: map keys and array indexes. */
export type DocPath = readonly (string | number)[];

/** A problem found by one check; `step` is filled from `path` by index.ts when not given. */
export interface Issue {
  code: Code;
  severity?: 'error' | 'warning';
  message: string;
  path: DocPath;
  step?: string;
}

/** `steps.deploy.catch[0].next` for a path, or `the flow` for the root. */
export function dottedPath(path: DocPath): string {
  let out = '';
  for (const segment of path) {
    out += typeof segment === 'number' ? `[${segment}]` : out === '' ? segment : `.${segment}`;
  }
  return out === '' ? 'the flow' : out;
}

/** JSON pointer (RFC 6901) for a path: `/steps/deploy/catch/0/next`. */
export function jsonPointer(path: DocPath): string {
  return path.map((s) => '/' + String(s).replaceAll('~', '~0').replaceAll('/', '~1')).join('');
}

/** The innermost step a path is inside: `steps.m.steps.inner.next` → `inner`. */
export function stepOfPath(path: DocPath): string | undefined {
  let step: string | undefined;
  for (let i = 0; i + 1 < path.length; i += 2) {
    if (path[i] !== 'steps') break;
    step = String(path[i + 1]);
  }
  return step;
}

/** Longest word that gets a guess, in characters: edit distance costs length × length. */
const MAX_GUESS_CHARS = 100;

/**
 * The closest of `candidates` to `word` by edit distance (at most 2, or a third of its length).
 * None for a word over MAX_GUESS_CHARS; a candidate whose length alone rules it out is skipped
 * unmeasured.
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  if (word.length > MAX_GUESS_CHARS) return undefined;
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    // The distance is at least the difference in length.
    if (Math.abs(candidate.length - word.length) >= bestDistance) continue;
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    // A guess must keep part of the word: `x` is not a typo of `y`.
    if (d < bestDistance && d < word.length) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** "; did you mean "x"?" when a close candidate exists, else "". */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const guess = closest(word, candidates);
  return guess === undefined ? '' : `; did you mean "${guess}"?`;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
