import { describe, expect, it } from 'vitest';
import { findingsWith, flowText } from './test-helpers.js';

describe('schema findings (FS010)', () => {
  it('turns Ajv errors into sentences with the dotted path, position and step', () => {
    const text = flowText(['  a:', '    type: task', '    shell: make', '    retry:', '      maxAttempts: 0']);
    expect(findingsWith('FS010', text)).toEqual([
      {
        severity: 'error',
        message: 'steps.a.retry.maxAttempts must be >= 1 (found 0)',
        line: 9,
        col: 20,
        step: 'a',
        path: '/steps/a/retry/maxAttempts',
      },
    ]);
  });

  it('names unknown fields at the key and suggests the closest one', () => {
    const text = flowText(['  a: {type: task, shell: make, retyr: {maxAttempts: 2}, x-team: ops}']);
    expect(findingsWith('FS010', text)).toEqual([
      expect.objectContaining({
        message: 'steps.a has unknown field "retyr"; did you mean "retry"?',
        line: 5,
        col: 32,
        path: '/steps/a/retyr',
      }),
    ]);
    const unknown = findingsWith('FS010', flowText(['  a: {type: succeed, colour: red}']));
    expect(unknown[0]?.message).toBe('steps.a has unknown field "colour"; remove it, or name it x-… to keep it as an extension field');
  });

  it('explains the top-level fields', () => {
    const text = ['flowsmith: 1.0', 'name: Web App', 'start: a', 'steps:', '  a: {type: succeed}', 'setps: {}', ''].join('\n');
    expect(findingsWith('FS010', text).map((f) => [f.line, f.message])).toEqual([
      [1, 'flowsmith must be "1.0" (found 1); write it quoted: flowsmith: "1.0"'],
      [2, 'name must use lowercase letters, digits and dashes, like web-app-deploy (found "Web App")'],
      [6, 'the flow has unknown field "setps"; did you mean "steps"?'],
    ]);
    expect(findingsWith('FS010', 'flowsmith: "1.0"\nname: t\n').map((f) => f.message)).toEqual([
      'the flow needs field "start"',
      'the flow needs field "steps"',
    ]);
  });

  it('asks for exactly one executor on a task', () => {
    expect(findingsWith('FS010', flowText(['  a: {type: task, next: a}']))[0]).toMatchObject({
      message: 'steps.a needs one of shell, http, script, notify, call',
      line: 5,
      col: 3,
    });
    expect(findingsWith('FS010', flowText(['  a: {type: task, shell: x, http: {url: y}}']))[0]?.message).toBe(
      'steps.a must have only one of shell, http; keep one',
    );
  });

  it('reports only the alternative the value was meant for', () => {
    const wrongType = findingsWith('FS010', flowText(['  a: {type: task, shell: 5}']));
    expect(wrongType.map((f) => f.message)).toEqual(['steps.a.shell must be a string or a mapping (found 5)']);
    const typo = findingsWith('FS010', flowText(['  a: {type: task, shell: {comand: make}}']));
    expect(typo.map((f) => f.message)).toEqual([
      'steps.a.shell needs field "command"',
      'steps.a.shell has unknown field "comand"; did you mean "command"?',
    ]);
    const mode = findingsWith('FS010', flowText(['  a: {type: join, mode: {count: 0}}']));
    expect(mode.map((f) => f.message)).toEqual(['steps.a.mode.count must be >= 1 (found 0)']);
  });

  it('suggests a step type and flags a step that is not a mapping once', () => {
    const text = flowText(['  a: {type: tsk}', '  b: make']);
    expect(findingsWith('FS010', text).map((f) => [f.line, f.message])).toEqual([
      [5, 'steps.a.type must be one of task, approval, branch, parallel, join, map, wait, succeed, fail (found "tsk"); did you mean "task"?'],
      [6, 'steps.b must be a mapping (found "make")'],
    ]);
    expect(findingsWith('FS010', flowText(['  a: {next: b}']))[0]?.message).toMatch(/needs field "type"; add type: task/);
  });

  it('checks step ids, wait fields and catch clauses', () => {
    const text = flowText(['  a: {type: wait, next: b c}', '  b c: {type: succeed}', '  d: {type: task, shell: x, catch: [{errors: [], next: a}]}']);
    expect(findingsWith('FS010', text).map((f) => [f.line, f.col, f.message])).toEqual([
      [5, 3, 'steps.a needs one of duration, until'],
      [6, 3, 'step id "b c" may only use letters, digits, _ and - (and not start with -); rename it'],
      [7, 38, 'steps.d.catch[0].errors must have at least 1 item (found 0)'],
    ]);
  });
});
