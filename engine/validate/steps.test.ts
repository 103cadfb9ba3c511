import { describe, expect, it } from 'vitest';
import { codesOf, colOf, findingsWith, flowText } from './test-helpers.js';

describe('approvals without approvers (FS012)', () => {
  it('flags a missing or empty list, once, at the step or the list', () => {
    const text = flowText([
      '  a: {type: approval, message: ok?, next: b}',
      '  b: {type: approval, approvers: [], next: c}',
      '  c: {type: succeed}',
    ]);
    expect(findingsWith('FS012', text)).toEqual([
      {
        severity: 'error',
        message: 'approval "a" has no approvers, so nobody could answer it; add approvers: [ops-manager]',
        line: 5,
        col: 3,
        step: 'a',
        path: '/steps/a',
      },
      expect.objectContaining({ line: 6, col: colOf(text, 6, 'approvers'), step: 'b', path: '/steps/b/approvers' }),
    ]);
    expect(codesOf(text)).toEqual(['FS012', 'FS012']);
  });
});

describe('branches without cases (FS020)', () => {
  it('flags a branch with an empty or missing case list, once', () => {
    const text = flowText(['  a: {type: branch, cases: [], default: b}', '  b: {type: branch, default: c}', '  c: {type: succeed}']);
    expect(findingsWith('FS020', text)).toEqual([
      {
        severity: 'error',
        message:
          'branch "a" has no cases (it always goes to "b"); add cases: [{when: <condition>, next: <step>}], or use next instead',
        line: 5,
        col: colOf(text, 5, 'cases'),
        step: 'a',
        path: '/steps/a/cases',
      },
      expect.objectContaining({ line: 6, col: 3, path: '/steps/b' }),
    ]);
    expect(codesOf(text)).toEqual(['FS020', 'FS020']);
  });
});

describe('durations (FS021)', () => {
  it('checks every duration field of steps and defaults', () => {
    const text = [
      'flowsmith: "1.0"',
      'name: t',
      'defaults: {timeout: 10 minutes, retry: {maxAttempts: 2, delay: 1x}}',
      'start: a',
      'steps:',
      '  a: {type: wait, duration: soon, timeout: PT5M, next: b}',
      '  b: {type: task, shell: x, retry: {maxAttempts: 2, maxDelay: P1M}, mock: {duration: 5 s}}',
      '',
    ].join('\n');
    expect(findingsWith('FS021', text).map((f) => [f.line, f.col, f.path, f.message])).toEqual([
      [3, colOf(text, 3, '10 minutes'), '/defaults/timeout', expect.stringMatching(/^defaults.timeout: "10 minutes" is not a duration; write it like 500ms/)],
      [3, colOf(text, 3, '1x'), '/defaults/retry/delay', expect.stringContaining('"1x" is not a duration')],
      [6, colOf(text, 6, 'soon'), '/steps/a/duration', expect.stringContaining('steps.a.duration: "soon"')],
      [7, colOf(text, 7, 'P1M'), '/steps/b/retry/maxDelay', expect.stringContaining('years or months')],
      [7, colOf(text, 7, '5 s'), '/steps/b/mock/duration', expect.stringContaining('"5 s"')],
    ]);
  });
});
