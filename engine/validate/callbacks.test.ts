import { describe, expect, it } from 'vitest';
import { codesOf, colOf, findingsWith, flowText } from './test-helpers.js';

describe('callback on tasks that cannot send a token (FS040)', () => {
  it('flags callback on a call task at its callback field, with the step id', () => {
    const text = flowText(['  a: {type: task, call: other.yaml, callback: {timeout: 1h}}']);
    expect(findingsWith('FS040', text)).toEqual([
      expect.objectContaining({ severity: 'error', line: 5, col: colOf(text, 5, 'callback'), step: 'a', path: '/steps/a/callback' }),
    ]);
  });

  it('takes callback on shell, http, script and notify tasks', () => {
    const text = flowText([
      '  a: {type: task, shell: "curl -d {{ $callback.token }} ci.invalid", callback: {timeout: 1h}, next: b}',
      '  b: {type: task, http: {url: "http://ci.invalid/build", headers: {X-Token: "{{ $callback.token }}"}, body: {token: "{{ $callback.token }}"}}, callback: {timeout: 2h}, next: c}',
      '  c: {type: task, script: "return $callback.token.length", callback: {timeout: 5m}, next: d}',
      '  d: {type: task, notify: {message: "answer {{ $callback.token }}"}, callback: {timeout: PT1H}}',
    ]);
    expect(codesOf(text)).toEqual([]);
  });

  it('reports callback on an approval as an unknown field (schema) and a bad callback timeout (FS021)', () => {
    const text = flowText(['  a: {type: approval, approvers: [x], callback: {timeout: 1h}, next: b}', '  b: {type: task, shell: "true", callback: {timeout: soon}}']);
    expect(codesOf(text)).toEqual(['FS010', 'FS021']);
    expect(findingsWith('FS021', text)).toEqual([expect.objectContaining({ line: 6, step: 'b', path: '/steps/b/callback/timeout' })]);
  });
});

describe('$callback outside a callback executor (FS041)', () => {
  it('flags $callback.token in a task without callback, and in the output, set or compensate of one with it', () => {
    const text = flowText([
      '  a: {type: task, shell: "echo {{ $callback.token }}", next: b}',
      '  b: {type: task, shell: "true", callback: {timeout: 1h}, output: "$callback.token", next: c}',
      '  c: {type: task, shell: "true", callback: {timeout: 1h}, compensate: {shell: "echo {{ $callback.token }}"}}',
    ]);
    expect(findingsWith('FS041', text)).toEqual([
      expect.objectContaining({ line: 5, col: colOf(text, 5, '"echo'), step: 'a', path: '/steps/a/shell', message: expect.stringMatching(/a has none \(add callback: \{timeout: 1h\}/) }),
      expect.objectContaining({ line: 6, step: 'b', path: '/steps/b/output', message: expect.stringMatching(/use it in its shell body, not in output/) }),
      expect.objectContaining({ line: 7, step: 'c', path: '/steps/c/compensate/shell' }),
    ]);
  });

  it('checks map bodies once, as steps of their own scope', () => {
    const text = flowText([
      '  a:',
      '    type: map',
      '    items: "[1, 2]"',
      '    start: x',
      '    steps:',
      '      x: {type: task, shell: "echo {{ $callback.token }}"}',
    ]);
    expect(findingsWith('FS041', text)).toEqual([expect.objectContaining({ line: 10, step: 'x', path: '/steps/a/steps/x/shell' })]);
  });
});
