import { describe, expect, it } from 'vitest';
import type { Step } from './flow.js';
import { stepReferences, successors, type StepFields } from './step-references.js';

/** `kind:to@field` for each reference: one string per row keeps the table readable. */
const refs = (step: StepFields) => stepReferences(step).map((r) => `${r.kind}:${r.to}@${r.field.join('.')}`);

describe('stepReferences', () => {
  const table: [string, StepFields, string[]][] = [
    ['a task: next and catch targets', { type: 'task', shell: 'x', next: 'b', catch: [{ errors: ['*'], next: 'rollback' }, { errors: ['Timeout'], next: 'retry' }] }, ['next:b@next', 'catch:rollback@catch.0.next', 'catch:retry@catch.1.next']],
    ['an approval: next, onReject, onTimeout', { type: 'approval', approvers: ['a'], next: 'go', onReject: 'no', onTimeout: 'late' }, ['next:go@next', 'onReject:no@onReject', 'onTimeout:late@onTimeout']],
    ['a branch: cases then default', { type: 'branch', cases: [{ when: 'true', next: 'a' }, { when: 'false', next: 'b' }], default: 'c' }, ['case:a@cases.0.next', 'case:b@cases.1.next', 'default:c@default']],
    ['a parallel: branches then its join', { type: 'parallel', branches: ['l', 'r'], join: 'j' }, ['branch:l@branches.0', 'branch:r@branches.1', 'join:j@join']],
    ['a map: next, and its body start last', { type: 'map', items: '$input', start: 'inner', steps: {}, next: 'after' }, ['next:after@next', 'start:inner@start']],
    ['a task with compensate: a body, no reference', { type: 'task', shell: 'x', compensate: { shell: 'undo' } }, []],
    ['a loop back to itself', { type: 'wait', duration: '1s', next: 'self' }, ['next:self@next']],
    ['mistyped fields are skipped (validation reads before the schema passes)', { type: 'branch', cases: [5, { next: 7 }, { next: 'ok' }], default: ['x'], catch: 'no' }, ['case:ok@cases.2.next']],
    ['a non-map step with start names nothing', { type: 'task', start: 'x' }, []],
  ];
  it.each(table)('%s', (_name, step, expected) => expect(refs(step)).toEqual(expected));
});

describe('successors', () => {
  it('lists each target once, without the join or a map body start', () => {
    const parallel: Step = { type: 'parallel', branches: ['a', 'b', 'a'], join: 'j', catch: [{ errors: ['*'], next: 'b' }] };
    expect(successors(parallel)).toEqual(['a', 'b']);
    const map: Step = { type: 'map', items: '$input', start: 'inner', steps: {}, next: 'after' };
    expect(successors(map)).toEqual(['after']);
  });

  it('keeps the canvas order: cases, default, next, reject, timeout, catch', () => {
    const approval: Step = { type: 'approval', approvers: ['a'], next: 'n', onReject: 'r', onTimeout: 't', catch: [{ errors: ['*'], next: 'c' }] };
    expect(successors(approval)).toEqual(['n', 'r', 't', 'c']);
  });
});
