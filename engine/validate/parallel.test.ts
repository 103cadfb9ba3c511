import { describe, expect, it } from 'vitest';
import { codesOf, colOf, findingsWith, flowText } from './test-helpers.js';

const parallelFlow = (extra: string[]) =>
  flowText([
    '  a: {type: parallel, branches: [b1, b2], join: j}', // 5
    '  b1: {type: task, shell: x, next: j}', // 6
    ...extra,
    '  j: {type: join, next: done}',
    '  done: {type: succeed}',
  ]);

describe('parallel blocks', () => {
  it('accepts branches that close at the join, nested parallels and fail exits', () => {
    const text = parallelFlow([
      '  b2: {type: parallel, branches: [c1, c2], join: j2, catch: [{errors: ["*"], next: boom}]}',
      '  c1: {type: task, shell: y, next: j2}',
      '  c2: {type: task, shell: z, next: j2}',
      '  j2: {type: join, mode: any, next: j}',
      '  boom: {type: fail, error: Boom}',
    ]);
    expect(codesOf(text)).toEqual([]);
  });

  it('flags a branch that never reaches the join (FS016)', () => {
    const text = parallelFlow(['  b2: {type: task, shell: y, next: done}']);
    expect(findingsWith('FS016', text)).toEqual([
      {
        severity: 'error',
        message: 'branch "b2" of parallel "a" never reaches its join "j"; end the branch with next: j',
        line: 5,
        col: colOf(text, 5, 'b2]'),
        step: 'a',
        path: '/steps/a/branches/1',
      },
    ]);
  });

  it('flags a branch path that ends before the join (FS016)', () => {
    const text = parallelFlow([
      '  b2: {type: branch, cases: [{when: "true", next: j}], default: stop}',
      '  stop: {type: succeed}',
    ]);
    expect(findingsWith('FS016', text)[0]?.message).toBe(
      'branch "b2" of parallel "a" ends at step "stop" without reaching its join "j"; add next: j to "stop"',
    );
  });

  it('flags a step outside the parallel that leads into its join (FS017)', () => {
    const text = flowText([
      '  a: {type: branch, cases: [{when: "true", next: p}], default: sneak}',
      '  p: {type: parallel, branches: [b1], join: j}',
      '  b1: {type: task, shell: x, next: j}',
      '  sneak: {type: task, shell: y, next: j}',
      '  j: {type: join, next: done}',
      '  done: {type: succeed}',
    ]);
    expect(findingsWith('FS017', text)).toEqual([
      {
        severity: 'error',
        message: 'step "sneak" leads to join "j" from outside parallel "p"; only that parallel\'s branches may lead to it',
        line: 8,
        col: colOf(text, 8, 'j}'),
        step: 'sneak',
        path: '/steps/sneak/next',
      },
    ]);
  });

  it('flags a join that belongs to no parallel (FS017)', () => {
    const text = flowText(['  a: {type: task, shell: x, next: j}', '  j: {type: join, next: done}', '  done: {type: succeed}']);
    expect(findingsWith('FS017', text)).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/^join "j" is not the join of any parallel/), line: 6 }),
    ]);
  });

  it('flags a join that is not a join step, or closes two parallels (FS018)', () => {
    const notJoin = flowText(['  a: {type: parallel, branches: [b], join: b}', '  b: {type: task, shell: x}']);
    expect(findingsWith('FS018', notJoin)).toEqual([
      expect.objectContaining({
        message: 'parallel "a" closes at "b", which is a task step; point join at a step with type: join',
        line: 5,
        col: colOf(notJoin, 5, 'b}'),
        path: '/steps/a/join',
      }),
    ]);
    const shared = flowText([
      '  a: {type: parallel, branches: [x], join: j, next: b}',
      '  b: {type: parallel, branches: [y], join: j}',
      '  x: {type: task, shell: x, next: j}',
      '  y: {type: task, shell: y, next: j}',
      '  j: {type: join}',
    ]);
    expect(findingsWith('FS018', shared)[0]).toMatchObject({
      message: 'join "j" already closes parallel "a"; give parallel "b" its own join step',
      line: 6,
    });
  });
});
