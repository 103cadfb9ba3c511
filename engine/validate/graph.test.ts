import { describe, expect, it } from 'vitest';
import { codesOf, colOf, findingsWith, flowText } from './test-helpers.js';

describe('unknown step ids (FS011)', () => {
  it('checks start and every reference, suggesting a close id', () => {
    const text = flowText(
      [
        '  build: {type: task, shell: make, next: deplyo, catch: [{errors: [Timeout], next: rollback}]}',
        '  deploy:',
        '    type: branch',
        '    cases: [{when: "true", next: done}]',
        '    default: nowhere',
        '  done: {type: succeed}',
      ],
      'biuld',
    );
    expect(findingsWith('FS011', text)).toEqual([
      {
        severity: 'error',
        message: 'start "biuld" is not a step in steps; did you mean "build"?',
        line: 3,
        col: colOf(text, 3, 'biuld'),
        path: '/start',
      },
      {
        severity: 'error',
        message: 'next names step "deplyo", which is not in steps; did you mean "deploy"?',
        line: 5,
        col: colOf(text, 5, 'deplyo'),
        step: 'build',
        path: '/steps/build/next',
      },
      {
        severity: 'error',
        message: 'catch[0].next names step "rollback", which is not in steps; add a step "rollback" or point catch[0].next at an existing step',
        line: 5,
        col: colOf(text, 5, 'rollback'),
        step: 'build',
        path: '/steps/build/catch/0/next',
      },
      {
        severity: 'error',
        message: 'default names step "nowhere", which is not in steps; add a step "nowhere" or point default at an existing step',
        line: 9,
        col: colOf(text, 9, 'nowhere'),
        step: 'deploy',
        path: '/steps/deploy/default',
      },
    ]);
  });

  it('keeps map bodies to their own steps', () => {
    const text = flowText([
      '  a:',
      '    type: map',
      '    items: "[1, 2]"',
      '    start: inner',
      '    steps:',
      '      inner: {type: task, shell: x, next: b}',
      '    next: b',
      '  b: {type: succeed}',
    ]);
    expect(findingsWith('FS011', text)).toEqual([
      expect.objectContaining({ message: expect.stringContaining('not in steps.a.steps'), line: 10, step: 'inner' }),
    ]);
  });
});

describe('step ids across map bodies (FS013)', () => {
  it('flags an id reused inside a map body', () => {
    const text = flowText([
      '  a: {type: map, items: "[1]", start: b, steps: {b: {type: succeed}}, next: b}',
      '  b: {type: succeed}',
    ]);
    expect(findingsWith('FS013', text)).toEqual([
      expect.objectContaining({ message: expect.stringContaining('"b" is already used at steps.b'), line: 5, step: 'b' }),
    ]);
  });
});

describe('unreachable steps (FS014)', () => {
  it('warns about steps no path from start reaches', () => {
    const text = flowText(['  a: {type: task, shell: x, next: c}', '  b: {type: task, shell: y, next: c}', '  c: {type: succeed}']);
    expect(findingsWith('FS014', text)).toEqual([
      {
        severity: 'warning',
        message: 'step "b" is never reached from start "a"; lead to it with next: b from another step, or delete it',
        line: 6,
        col: 3,
        step: 'b',
        path: '/steps/b',
      },
    ]);
  });

  it('counts every kind of edge as reaching', () => {
    const text = flowText([
      '  a: {type: approval, approvers: [x], onReject: r, onTimeout: t, next: b}',
      '  b: {type: branch, cases: [{when: "true", next: c}], default: d}',
      '  c: {type: task, shell: x, catch: [{errors: ["*"], next: e}]}',
      '  d: {type: succeed}',
      '  e: {type: succeed}',
      '  r: {type: fail}',
      '  t: {type: fail}',
    ]);
    expect(codesOf(text)).toEqual([]);
  });
});

describe('loops with no exit (FS015)', () => {
  it('flags a loop nothing leaves, at its first step', () => {
    const text = flowText([
      '  a: {type: task, shell: x, next: b}',
      '  b: {type: task, shell: y, next: c}',
      '  c: {type: wait, duration: 5s, next: b}',
    ]);
    expect(findingsWith('FS015', text)).toEqual([
      {
        severity: 'error',
        message:
          'steps b, c form a loop with no way out: none of them leads outside it or ends the flow; add a branch case, catch or next that leaves the loop',
        line: 6,
        col: 3,
        step: 'b',
        path: '/steps/b',
      },
    ]);
  });

  it('flags a step that only leads to itself', () => {
    expect(findingsWith('FS015', flowText(['  a: {type: task, shell: x, next: a}']))[0]?.message).toMatch(
      /^step "a" only leads back to itself/,
    );
  });

  it('accepts a polling loop with a way out', () => {
    const text = flowText([
      '  a: {type: task, shell: x, next: b}',
      '  b: {type: branch, cases: [{when: "$steps.a.output.ready", next: done}], default: c}',
      '  c: {type: wait, duration: 5s, next: a}',
      '  done: {type: succeed}',
    ]);
    expect(codesOf(text)).toEqual([]);
  });
});
