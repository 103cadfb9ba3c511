/**
 * The pure transition (issue #10 point 1), tested as XState tests `transition()`: a folded state
 * and one input in, events and commands out. No journal, no clock, no shell; every case also
 * checks that the state it was given is left as it was.
 */
import { describe, expect, it } from 'vitest';
import type { Flow, Step } from '../model/flow.js';
import type { RunEvent } from './events.js';
import { foldEvents } from './fold.js';
import type { RunState } from './state.js';
import { transition } from './transition.js';
import type { Transition, TransitionInput } from './transition.js';
import { RunRequestError } from './request-error.js';

const T0 = Date.UTC(2026, 0, 1);
const MIN = 60_000;

function flowOf(steps: Record<string, Step>, extra: Partial<Flow> = {}): Flow {
  return { flowsmith: '1.0', name: 'table', start: Object.keys(steps)[0]!, steps, ...extra };
}

function started(flow: Flow, mode: 'run' | 'simulate' = 'run'): RunEvent {
  return {
    type: 'RunStarted', at: T0, run: 'r1', flow: flow.name, flowPath: '/flows/table.yaml', input: {}, vars: {},
    mode, semantics: 1, workdir: '/tmp/r1', start: flow.start,
  };
}

const startedStep = (step: string, at = T0, attempt = 1): RunEvent => ({ type: 'StepStarted', at, step, attempt });
const succeeded = (step: string, next: string[], at = T0): RunEvent => ({ type: 'StepSucceeded', at, step, output: null, next });
const tick: TransitionInput = { kind: 'tick', inFlight: new Set() };

/** The transition of `input` at `now` on the state folded from `events`; fails if it changed that state. */
function step(flow: Flow, events: RunEvent[], input: TransitionInput, now = T0, random = () => 0.5): Transition {
  const state: RunState = foldEvents(events);
  const before = structuredClone(state);
  const out = transition(flow, state, input, now, random);
  expect(state).toEqual(before);
  return out;
}

const deploy = flowOf({
  build: { type: 'task', shell: 'make', next: 'ship', compensate: { shell: 'make clean' } },
  ship: { type: 'task', shell: 'ship', retry: { maxAttempts: 3, delay: '1m', backoff: 'exponential', jitter: true } },
});

describe('transition: ticks', () => {
  it.each<[string, Flow, RunEvent[], Partial<Transition>]>([
    ['a task starts: StepStarted, then execute', deploy, [], {
      events: [startedStep('build')],
      commands: [{ kind: 'execute', step: 'build', attempt: 1 }],
    }],
    ['a parallel and an `all` join need no I/O: started and ended in one batch', flowOf({
      fan: { type: 'parallel', branches: ['a', 'b'], join: 'j' }, a: { type: 'succeed' }, b: { type: 'succeed' }, j: { type: 'join' },
    }), [], { events: [startedStep('fan'), succeeded('fan', ['a', 'b'])], commands: [] }],
    ['nothing open and nothing ready: the run succeeded', deploy, [startedStep('build'), succeeded('build', ['ship']), startedStep('ship'), succeeded('ship', [])], {
      events: [{ type: 'RunSucceeded', at: T0 }], commands: [],
    }],
    ['a retry not yet due: sleep until it', deploy, [startedStep('build'), succeeded('build', ['ship']), startedStep('ship'),
      { type: 'StepRetryScheduled', at: T0, step: 'ship', attempt: 1, error: { name: 'ShellExit', message: 'exit 1' }, dueAt: T0 + MIN }], {
      events: [], commands: [{ kind: 'wakeAt', dueAt: T0 + MIN }],
    }],
    ['a breakpoint pauses before the step', deploy, [{ type: 'BreakpointsSet', at: T0, steps: ['build'] }], {
      events: [{ type: 'RunPaused', at: T0, reason: 'breakpoint', step: 'build' }], commands: [],
    }],
  ])('%s', (_name, flow, tail, expected) => {
    expect(step(flow, [started(flow), ...tail], tick)).toEqual(expected);
  });

  it('a step started but not in flight (the process died) runs again with the same attempt', () => {
    const out = step(deploy, [started(deploy), startedStep('build')], tick);
    expect(out).toEqual({ events: [startedStep('build')], commands: [{ kind: 'execute', step: 'build', attempt: 1 }] });
    expect(step(deploy, [started(deploy), startedStep('build')], { kind: 'tick', inFlight: new Set(['build']) })).toEqual({ events: [], commands: [] });
  });

  it('a simulated task answered at once by its executor journals its result in the same batch', () => {
    const flow = flowOf({ a: { type: 'task', shell: 'x', next: 'b' }, b: { type: 'succeed' } });
    const out = step(flow, [started(flow, 'simulate')], { kind: 'tick', inFlight: new Set(), answerAtOnce: () => ({ output: 7 }) });
    expect(out.events).toEqual([startedStep('a'), { type: 'StepSucceeded', at: T0, step: 'a', output: 7, next: ['b'] }]);
  });

  it('an `any` join cancels the branches still open and aborts their attempts', () => {
    const flow = flowOf({
      fan: { type: 'parallel', branches: ['fast', 'slow'], join: 'first' },
      fast: { type: 'task', shell: 'true', next: 'first' },
      slow: { type: 'task', shell: 'sleep 9', next: 'first' },
      first: { type: 'join', mode: 'any', next: 'done' },
      done: { type: 'succeed' },
    });
    const events = [started(flow), startedStep('fan'), succeeded('fan', ['fast', 'slow']), startedStep('fast'), startedStep('slow'), succeeded('fast', ['first'])];
    const out = step(flow, events, { kind: 'tick', inFlight: new Set(['slow']) });
    expect(out.events).toEqual([
      startedStep('first'),
      { type: 'StepCancelled', at: T0, step: 'slow', reason: 'first joined without it' },
      succeeded('first', ['done']),
    ]);
    expect(out.commands).toEqual([{ kind: 'abort', steps: ['slow'], error: { name: 'Cancelled', message: 'first joined without it' } }]);
  });
});

describe('transition: attempt results', () => {
  const atShip = [started(deploy), startedStep('build'), succeeded('build', ['ship']), startedStep('ship')];
  const exit1 = { name: 'ShellExit', message: 'exit 1' };

  it('a failure with attempts left schedules a retry; the jitter comes from `random`', () => {
    const out = step(deploy, atShip, { kind: 'attempt', step: 'ship', attempt: 1, outcome: { kind: 'failed', error: exit1 } }, T0, () => 0.5);
    expect(out).toEqual({ events: [{ type: 'StepRetryScheduled', at: T0, step: 'ship', attempt: 1, error: exit1, dueAt: T0 + 30_000 }], commands: [] });
  });

  it('the last failure with a completed compensable step starts the rollback and aborts what runs', () => {
    const out = step(deploy, [...atShip, startedStep('ship', T0, 3)], { kind: 'attempt', step: 'ship', attempt: 3, outcome: { kind: 'failed', error: exit1 } });
    expect(out.events).toEqual([
      { type: 'StepFailed', at: T0, step: 'ship', error: exit1, handled: false, next: [] },
      { type: 'CompensationStarted', at: T0, reason: 'failed', error: exit1, step: 'ship' },
    ]);
    expect(out.commands).toEqual([{ kind: 'abort', steps: 'all', error: { name: 'Cancelled', message: 'run failed at ship' } }]);
  });

  it('a Cancelled failure is never retried', () => {
    const out = step(deploy, atShip, { kind: 'attempt', step: 'ship', attempt: 1, outcome: { kind: 'failed', error: { name: 'Cancelled', message: 'x' } } });
    expect(out.events[0]).toMatchObject({ type: 'StepFailed', step: 'ship' });
  });

  it('a catch routes the failure onward', () => {
    const flow = flowOf({ a: { type: 'task', shell: 'x', catch: [{ errors: ['ShellExit'], next: 'b' }] }, b: { type: 'succeed' } });
    const out = step(flow, [started(flow), startedStep('a')], { kind: 'attempt', step: 'a', attempt: 1, outcome: { kind: 'failed', error: exit1 } });
    expect(out.events).toEqual([{ type: 'StepFailed', at: T0, step: 'a', error: exit1, handled: true, next: ['b'] }]);
  });

  it('a result that comes after the step was skipped, or after the rollback began, is dropped', () => {
    const skipped = [...atShip, { type: 'StepSkipped', at: T0, step: 'ship', next: [] } as RunEvent];
    expect(step(deploy, skipped, { kind: 'attempt', step: 'ship', attempt: 1, outcome: { kind: 'succeeded', output: 1 } })).toEqual({ events: [], commands: [] });
    const rolling = [...atShip, { type: 'CompensationStarted', at: T0, reason: 'cancelled', error: null } as RunEvent];
    expect(step(deploy, rolling, { kind: 'attempt', step: 'ship', attempt: 1, outcome: { kind: 'succeeded', output: 1 } })).toEqual({ events: [], commands: [] });
  });

  it('a branch names the case it took; vars from `set` travel in the event', () => {
    const out = step(deploy, atShip, { kind: 'attempt', step: 'ship', attempt: 1, outcome: { kind: 'succeeded', output: 2, next: ['x'], vars: { n: 2 } } });
    expect(out.events).toEqual([{ type: 'StepSucceeded', at: T0, step: 'ship', output: 2, next: ['x'], vars: { n: 2 } }]);
  });
});

describe('transition: approvals are decided by their deadline (#11 item 8)', () => {
  const flow = flowOf({
    gate: { type: 'approval', approvers: ['ops', 'lead'], timeout: '2h', next: 'go', onReject: 'rejected', onTimeout: 'late' },
    go: { type: 'succeed' }, rejected: { type: 'succeed' }, late: { type: 'succeed' },
  });
  const dueAt = T0 + 120 * MIN;
  const waiting = [started(flow), startedStep('gate'), { type: 'ApprovalRequested', at: T0, step: 'gate', approvers: ['ops', 'lead'], quorum: 1, message: '', dueAt } as RunEvent];
  const answer = (verdict: 'approve' | 'reject', by = 'ops'): TransitionInput => ({ kind: 'answer', step: 'gate', by, verdict });
  const timedOut: RunEvent = { type: 'StepFailed', at: dueAt + MIN, step: 'gate', error: { name: 'Timeout', message: 'gate: nobody answered before the deadline' }, handled: true, next: ['late'] };

  it('an answer before the deadline is journaled', () => {
    expect(step(flow, waiting, answer('approve'), dueAt - 1)).toEqual({ events: [{ type: 'ApprovalGiven', at: dueAt - 1, step: 'gate', by: 'ops', verdict: 'approve' }], commands: [] });
  });

  it.each(['approve', 'reject'] as const)('an %s after the deadline is refused and the approval times out (onTimeout, not onReject)', (verdict) => {
    const out = step(flow, waiting, answer(verdict), dueAt + MIN);
    expect(out.events).toEqual([timedOut]);
    expect(out.refused).toMatch(/deadline passed at .*; the answer of ops was not counted/);
  });

  it('a quorum reached before the deadline approves even when the run is driven only after it', () => {
    const given: RunEvent = { type: 'ApprovalGiven', at: dueAt - MIN, step: 'gate', by: 'lead', verdict: 'approve' };
    const out = step(flow, [...waiting, given], tick, dueAt + 60 * MIN);
    expect(out.events[0]).toMatchObject({ type: 'StepSucceeded', step: 'gate', next: ['go'] });
  });

  it('a late decision already in a journal does not count either', () => {
    const late: RunEvent = { type: 'ApprovalGiven', at: dueAt + 1, step: 'gate', by: 'ops', verdict: 'reject' };
    const out = step(flow, [...waiting, late], tick, dueAt + MIN);
    expect(out.events).toEqual([timedOut]);
  });

  it('extending after the deadline is refused the same way', () => {
    const out = step(flow, waiting, { kind: 'extend', step: 'gate', by: 'ops', dueAt: dueAt + 60 * MIN }, dueAt + MIN);
    expect(out.events).toEqual([timedOut]);
    expect(out.refused).toMatch(/can no longer be extended/);
  });

  it('only listed approvers may answer', () => {
    expect(() => step(flow, waiting, answer('approve', 'mallory'), T0)).toThrow(RunRequestError);
  });
});

describe('transition: cancel and debugging requests', () => {
  const atShip = [started(deploy), startedStep('build'), succeeded('build', ['ship']), startedStep('ship')];

  it('cancel rolls back completed steps and aborts what runs; a paused run is resumed first', () => {
    const out = step(deploy, [...atShip, { type: 'RunPaused', at: T0, reason: 'user' }], { kind: 'cancel', reason: 'no' });
    expect(out.events).toEqual([
      { type: 'RunResumed', at: T0, stepping: false },
      { type: 'CompensationStarted', at: T0, reason: 'cancelled', error: null },
    ]);
    expect(out.commands).toEqual([{ kind: 'abort', steps: 'all', error: { name: 'Cancelled', message: 'run cancelled' } }]);
    expect(step(deploy, [...atShip, { type: 'RunSucceeded', at: T0 }], { kind: 'cancel', reason: 'no' })).toEqual({ events: [], commands: [] });
  });

  it('skip ends an executing step as skipped, goes on to its next and aborts its attempt', () => {
    const out = step(deploy, [started(deploy), startedStep('build')], { kind: 'debug', request: { kind: 'skip', step: 'build' } });
    expect(out).toEqual({
      events: [{ type: 'StepSkipped', at: T0, step: 'build', next: ['ship'] }],
      commands: [{ kind: 'abort', steps: ['build'], error: { name: 'Cancelled', message: 'build was skipped' } }],
    });
  });

  it.each<[string, TransitionInput, RegExp]>([
    ['a breakpoint on an unknown step', { kind: 'debug', request: { kind: 'setBreakpoints', steps: ['nope'] } }, /nope is not a step of table/],
    ['continue when not paused', { kind: 'debug', request: { kind: 'continue', stepping: false } }, /is not paused/],
    ['retry of a step that has not failed', { kind: 'debug', request: { kind: 'retry', step: 'build' } }, /has not failed/],
    ['a step id that is an Object.prototype member', { kind: 'debug', request: { kind: 'skip', step: 'constructor' } }, /constructor is not a step/],
  ])('refuses %s with a RunRequestError', (_name, input, message) => {
    expect(() => step(deploy, atShip, input)).toThrow(message);
  });
});
