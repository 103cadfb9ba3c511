import { describe, expect, it } from 'vitest';
import type { Flow } from '../model/flow.js';
import { decide } from './decide.js';
import type { RunEvent } from './events.js';
import { foldEvents } from './fold.js';

const flow: Flow = {
  flowsmith: '1.0',
  name: 'f',
  start: 'fork',
  steps: {
    fork: { type: 'parallel', branches: ['a', 'b'], join: 'j' },
    a: { type: 'task', shell: 'true', next: 'j' },
    b: { type: 'task', shell: 'true', next: 'j' },
    j: { type: 'join', next: 'gate' },
    gate: { type: 'approval', approvers: ['x', 'y'], quorum: 2 },
  },
};

const started: RunEvent = {
  type: 'RunStarted', at: 0, run: 'r', flow: 'f', flowPath: '/f.yaml', input: {}, vars: {}, mode: 'run', semantics: 1, workdir: '/tmp', start: 'fork',
};
const ran = (step: string, next: string[], at = 1): RunEvent[] => [
  { type: 'StepStarted', at, step, attempt: 1 },
  { type: 'StepSucceeded', at, step, output: null, next },
];

describe('decide', () => {
  it('starts the start step first', () => {
    expect(decide(flow, foldEvents([started]), 0, new Set())).toEqual([{ kind: 'executeStep', step: 'fork', attempt: 1 }]);
  });

  it('holds a join until every branch of its parallel arrived', () => {
    const one = foldEvents([started, ...ran('fork', ['a', 'b']), ...ran('a', ['j']), { type: 'StepStarted', at: 1, step: 'b', attempt: 1 }]);
    expect(decide(flow, one, 2, new Set(['b']))).toEqual([]);
    const both = foldEvents([started, ...ran('fork', ['a', 'b']), ...ran('a', ['j']), ...ran('b', ['j'])]);
    expect(decide(flow, both, 2, new Set())).toEqual([{ kind: 'executeStep', step: 'j', attempt: 1 }]);
  });

  it('waits for a retry until it is due, then starts the next attempt', () => {
    const state = foldEvents([
      started,
      ...ran('fork', ['a']),
      { type: 'StepStarted', at: 1, step: 'a', attempt: 1 },
      { type: 'StepRetryScheduled', at: 2, step: 'a', attempt: 1, error: { name: 'ShellExit', message: '' }, dueAt: 1000 },
    ]);
    expect(decide(flow, state, 500, new Set())).toEqual([{ kind: 'wakeAt', dueAt: 1000 }]);
    expect(decide(flow, state, 1000, new Set())).toEqual([{ kind: 'executeStep', step: 'a', attempt: 2 }]);
  });

  it('restarts a step that was running when the process died (at-least-once)', () => {
    const state = foldEvents([started, ...ran('fork', ['a']), { type: 'StepStarted', at: 1, step: 'a', attempt: 1 }]);
    expect(decide(flow, state, 5, new Set())).toEqual([{ kind: 'executeStep', step: 'a', attempt: 1 }]);
    expect(decide(flow, state, 5, new Set(['a']))).toEqual([]);
  });

  it('approves only with a quorum of distinct listed approvers, and times out at the deadline', () => {
    const base: RunEvent[] = [
      { ...started, start: 'gate' } as RunEvent,
      { type: 'StepStarted', at: 1, step: 'gate', attempt: 1 },
      { type: 'ApprovalRequested', at: 1, step: 'gate', approvers: ['x', 'y'], quorum: 2, message: '', dueAt: 100 },
      { type: 'ApprovalGiven', at: 2, step: 'gate', by: 'x', verdict: 'approve' },
      { type: 'ApprovalGiven', at: 3, step: 'gate', by: 'x', verdict: 'approve' },
      { type: 'ApprovalGiven', at: 4, step: 'gate', by: 'z', verdict: 'approve' },
    ];
    expect(decide(flow, foldEvents(base), 50, new Set())).toEqual([{ kind: 'wakeAt', dueAt: 100 }]);
    expect(decide(flow, foldEvents(base), 100, new Set())).toEqual([{ kind: 'completeApproval', step: 'gate', outcome: 'timedOut' }]);
    const quorum = [...base, { type: 'ApprovalGiven', at: 5, step: 'gate', by: 'y', verdict: 'approve' } as RunEvent];
    expect(decide(flow, foldEvents(quorum), 50, new Set())).toEqual([{ kind: 'completeApproval', step: 'gate', outcome: 'approved' }]);
  });

  it('completes the run when nothing is left', () => {
    const state = foldEvents([started, ...ran('fork', [])]);
    expect(decide(flow, state, 5, new Set())).toEqual([{ kind: 'completeRun' }]);
  });
});
