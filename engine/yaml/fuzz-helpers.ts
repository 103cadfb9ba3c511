/**
 * Shared by the fuzz tests (issue #3 item 9 "Bad input"; STYLE.md §9 "Seeded fuzz"): a fixed seed
 * so CI is deterministic, run counts that FUZZ_RUNS scales for a longer local run, YAML-ish text,
 * and the property every finding must keep (an error has a line:col).
 *
 *   FUZZ_RUNS=20 npx vitest run engine/yaml engine/validate engine/expr   # 20× the runs
 *   FUZZ_SEED=123 …                                                        # another seed
 *
 * On a failure fast-check prints the seed and the shrunk counterexample; pin it as a named
 * regression test next to the code it broke.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import type { Finding } from '../model/finding.js';

/** The fast-check seed: FUZZ_SEED when set, else a fixed one. */
export const FUZZ_SEED = Number(process.env['FUZZ_SEED'] ?? 20_250_309);

/** Multiplier of every property's run count: FUZZ_RUNS when set (a positive number), else 1. */
const SCALE = Math.max(1, Number(process.env['FUZZ_RUNS'] ?? 1) || 1);

/** fast-check parameters for a property with `baseRuns` runs at scale 1. */
export function fuzzParams(baseRuns: number): { numRuns: number; seed: number } {
  return { numRuns: Math.round(baseRuns * SCALE), seed: FUZZ_SEED };
}

/** Per-test timeout of a fuzz test, in ms: vitest's 30 s, times FUZZ_RUNS, so longer runs can finish. */
export const FUZZ_TIMEOUT_MS = 30_000 * SCALE;

/** Pieces of YAML syntax, flow vocabulary and trouble, to build text that gets past the first character. */
const YAML_PIECES = [
  '\n', '\n', '\n  ', '\n    ', ' ', '  ', '\t', '\r\n', '- ', ': ', ':', '? ', ',', '[', ']', '{', '}',
  '#', '# comment', '&a ', '*a', '&b ', '*b', '!!str ', '!!map ', '!!seq ', '!!binary ', '!!set ', '!custom ',
  '|', '|-', '>', '"', "'", '"quoted"', "'single'", '\\', '---', '...', '%YAML 1.1\n---\n', '%TAG ! tag:x,2000:\n',
  '<<: ', '~', 'null', 'true', 'no', '0x1F', '.inf', '.nan', '1e400', '2001-12-14', '12:30:00',
  'flowsmith: "1.0"', 'name: x', 'start: a', 'steps:', 'type: task', 'type: branch', 'type: parallel',
  'type: join', 'type: approval', 'type: map', 'next: a', 'next: b', 'shell: echo', 'cases:', 'when: $input.x',
  'branches: [a, b]', 'join: j', 'approvers: []', 'timeout: 5m', 'timeout: 5x', 'a:', 'b:', 'j:', '__proto__:',
  'constructor:', '{{ $input.x }}', '{{', '}}', '\u0000', '\uFEFF', '\u2028', '\uD800', 'é', '😀',
];

/** Text assembled from YAML_PIECES and stray characters: mostly near-YAML, often broken. */
export function yamlishText(maxPieces = 60): fc.Arbitrary<string> {
  const piece = fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...YAML_PIECES) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
  );
  return fc.array(piece, { maxLength: maxPieces }).map((pieces) => pieces.join(''));
}

/**
 * Fails unless every error finding has a 1-based line and col. (FS002, the size limit, is at 1:1:
 * it is checked before parsing, so there is no node to point at; model/codes.ts says so.)
 */
export function expectLocated(findings: readonly Finding[], text: string): void {
  for (const f of findings) {
    if (f.severity !== 'error') continue;
    const where = `${f.code} ${f.message} in ${JSON.stringify(text.slice(0, 300))}`;
    expect(Number.isInteger(f.line) && f.line! >= 1, `line of ${where}`).toBe(true);
    expect(Number.isInteger(f.col) && f.col! >= 1, `col of ${where}`).toBe(true);
  }
}
