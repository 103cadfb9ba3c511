/**
 * Large and odd input that used to crash or mislead validate (issue #11 item 13): each ends in
 * located findings, bounded in number.
 */
import { describe, expect, it } from 'vitest';
import { MAX_FINDINGS_PER_CODE } from '../model/limits.js';
import { findingsWith, flowText } from './test-helpers.js';
import { validateText } from './index.js';

describe('large and odd input', () => {
  it('caps 200,000 unknown keys at a hundred findings plus one that counts the rest', () => {
    const keys = Array.from({ length: 200_000 }, (_, i) => `    k${i}: 1`);
    const text = flowText(['  a:', '    type: succeed', ...keys]);
    const findings = validateText(text, 'flow.yaml').findings;
    expect(findings).toHaveLength(MAX_FINDINGS_PER_CODE + 1);
    expect(findings[MAX_FINDINGS_PER_CODE]).toMatchObject({ code: 'FS010', line: 5 + 2 + MAX_FINDINGS_PER_CODE, message: expect.stringMatching(/^199,900 more FS010 findings from here on, like: steps\.a has unknown field "k100"/) as unknown });
    const all: unknown[] = [];
    all.push(...findings); // what the CLI does with them: no stack overflow
    expect(all).toHaveLength(MAX_FINDINGS_PER_CODE + 1);
  });

  it('reports an alias with no anchor as such, at the alias', () => {
    expect(findingsWith('FS001', flowText(['  a: *nope']))).toEqual([
      { severity: 'error', line: 5, col: 6, message: 'the alias *nope names no anchor: define &nope on a value above it, or write the value out' },
    ]);
    expect(findingsWith('FS003', flowText(['  a: *nope']))).toEqual([]);
  });

  it('refuses durations past a year, which parse but no timer honours', () => {
    const text = flowText(['  a: {type: wait, duration: 99999999999999999999999d, next: b}', '  b: {type: task, shell: x, timeout: 366d, retry: {maxAttempts: 2, delay: 365d}}']);
    expect(findingsWith('FS021', text).map((f) => [f.line, f.path, f.message])).toEqual([
      [5, '/steps/a/duration', 'steps.a.duration: "99999999999999999999999d" is longer than 365 days, the longest duration a flow may wait or allow; use a schedule (trigger) for anything longer'],
      [6, '/steps/b/timeout', expect.stringMatching(/^steps\.b\.timeout: "366d" is longer than 365 days/)],
    ]);
  });

  it('says a Latin-1 or UTF-16 file is not UTF-8, where it shows', () => {
    const latin1 = Buffer.from('flowsmith: "1.0"\nname: caf\xe9\nstart: a\nsteps: {a: {type: succeed}}\n', 'latin1').toString('utf8');
    // A warning at the byte; the name check still says what it found.
    expect(validateText(latin1, 'f.yaml').findings).toEqual([
      expect.objectContaining({ code: 'FS010', line: 2, col: 7 }),
      expect.objectContaining({ code: 'FS029', severity: 'warning', line: 2, col: 10, message: expect.stringMatching(/not valid UTF-8 here/) as unknown }),
    ]);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('flowsmith: "1.0"\nname: t\n', 'utf16le')]).toString('utf8');
    expect(validateText(utf16, 'f.yaml').findings).toEqual([expect.objectContaining({ code: 'FS029', severity: 'error', line: 1, message: expect.stringMatching(/is UTF-16LE .*save it as UTF-8/) as unknown })]);
  });
});
