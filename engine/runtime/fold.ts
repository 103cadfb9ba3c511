/**
 * Folds journal events into a RunState (DESIGN.md "Runtime semantics": the state of a run is a
 * fold over its events). Pure in what it reads: no clock, no I/O, no randomness, no flow document;
 * every decision (which step comes next, which vars change) is recorded in the event itself.
 * For speed `foldInto` mutates the state it is given (see RunState): only the owner of a state
 * (the driver, a view's tracker) folds into it; `foldEvents` builds a fresh one. The same code
 * replays history, draws the canvas and resumes after a crash.
 */
import type { StepId } from '../model/flow.js';
import type { RunEvent } from './events.js';
import type { RunState, StepState } from './state.js';
import { assignOwn, idMap, isMachineWork } from './state.js';

/** A blank state for a step that has not run. */
export function pendingStep(): StepState {
  return {
    status: 'pending',
    attempts: 0,
    output: null,
    error: null,
    startedAt: null,
    endedAt: null,
    retryDueAt: null,
    timerDueAt: null,
    approval: null,
    callback: null,
  };
}

/** Sets `s` back to pendingStep()'s values in place (no object per activation: bench W1). */
function resetStep(s: StepState): void {
  s.status = 'pending';
  s.attempts = 0;
  s.output = null;
  s.error = null;
  s.startedAt = null;
  s.endedAt = null;
  s.retryDueAt = null;
  s.timerDueAt = null;
  s.approval = null;
  s.callback = null;
}

/** Creates the state from a run's first event. Throws when `first` is not RunStarted. */
export function initialState(first: RunEvent): RunState {
  if (first.type !== 'RunStarted') throw new Error(`a journal must begin with RunStarted, found ${first.type}`);
  const state: RunState = {
    id: first.run,
    flow: first.flow,
    flowPath: first.flowPath,
    mode: first.mode,
    workdir: first.workdir,
    status: 'running',
    startedAt: first.at,
    endedAt: null,
    input: first.input,
    vars: assignOwn({}, first.vars),
    path: [],
    steps: idMap(),
    ready: new Set([first.start]),
    open: new Set(),
    arrivals: new Map([[first.start, 1]]),
    lastError: null,
    error: null,
    completed: new Set(),
    compensation: null,
    compensationsRun: new Set(),
    seq: 1,
    breakpoints: new Set(first.breakpoints ?? []),
    paused: null,
    stepping: false,
    passOnce: null,
    children: idMap(),
    parent: first.parent ?? null,
    ...(first.startedBy ? { startedBy: first.startedBy } : {}),
    ...(first.subflow !== undefined ? { subflowChain: first.subflow } : {}),
    ...(first.item !== undefined ? { item: first.item } : {}),
    ...(first.index !== undefined ? { index: first.index } : {}),
  };
  for (const [id, seeded] of Object.entries(first.seedSteps ?? {})) {
    state.steps[id] = { ...pendingStep(), status: seeded.status, output: seeded.output };
  }
  return state;
}

/** Folds a whole journal. Throws when it is empty or does not begin with RunStarted. */
export function foldEvents(events: readonly RunEvent[]): RunState {
  const [first, ...rest] = events;
  if (!first) throw new Error('an empty journal has no run');
  const state = initialState(first);
  for (const e of rest) foldInto(state, e);
  return state;
}

function stepOf(run: RunState, id: StepId): StepState {
  let s = run.steps[id];
  if (!s) {
    s = pendingStep();
    run.steps[id] = s;
  }
  return s;
}

function activate(run: RunState, ids: readonly StepId[]): void {
  for (const id of ids) {
    run.arrivals.set(id, (run.arrivals.get(id) ?? 0) + 1);
    run.ready.add(id);
  }
}

/**
 * Applies one journaled event to `run` in place (the name says so: issue #10 point 6) and returns
 * it. O(1) per event; whoever calls it owns `run` and copies before sharing (renderer: snapshot()).
 */
export function foldInto(run: RunState, event: RunEvent): RunState {
  run.seq += 1;
  switch (event.type) {
    case 'RunStarted':
      throw new Error('RunStarted may only be the first event of a journal');
    case 'StepStarted': {
      const s = stepOf(run, event.step);
      if (event.attempt === 1) {
        // A new activation (first run, or a loop coming back): forget the previous one.
        resetStep(s);
        run.ready.delete(event.step);
        run.arrivals.set(event.step, 0);
      }
      run.open.add(event.step);
      s.status = 'running';
      s.attempts = event.attempt;
      s.retryDueAt = null;
      s.callback = null; // a new attempt waits for its own token
      s.startedAt ??= event.at;
      run.path.push(event.step);
      if (run.passOnce === event.step) run.passOnce = null;
      return run;
    }
    case 'StepInput':
      stepOf(run, event.step).input = event.input;
      return run;
    case 'StepSucceeded': {
      const s = stepOf(run, event.step);
      s.status = 'succeeded';
      s.output = event.output;
      s.error = null;
      s.endedAt = event.at;
      s.timerDueAt = null;
      s.callback = null;
      if (event.vars) assignOwn(run.vars, event.vars);
      run.open.delete(event.step);
      // Delete then add moves the step to the end: the Set keeps last-completion order.
      run.completed.delete(event.step);
      run.completed.add(event.step);
      activate(run, event.next);
      return run;
    }
    case 'StepFailed': {
      const s = stepOf(run, event.step);
      s.status = 'failed';
      s.error = event.error;
      s.endedAt = event.at;
      s.retryDueAt = null;
      s.timerDueAt = null;
      s.callback = null;
      run.open.delete(event.step);
      run.lastError = event.error;
      activate(run, event.next);
      return run;
    }
    case 'StepRetryScheduled': {
      const s = stepOf(run, event.step);
      // Not running until the next StepStarted (issue #10); a callback attempt that failed (its
      // answer, or Timeout) no longer waits for an answer either.
      s.status = 'backing-off';
      s.error = event.error;
      s.callback = null;
      s.retryDueAt = event.dueAt;
      return run;
    }
    case 'StepSkipped':
      setAside(run, event.step, 'skipped', event.at);
      activate(run, event.next);
      return run;
    case 'TimerStarted': {
      const s = stepOf(run, event.step);
      s.status = 'waiting'; // on its timer, not running (issue #10); `approval` stays null
      s.timerDueAt = event.dueAt;
      return run;
    }
    case 'ApprovalRequested': {
      const s = stepOf(run, event.step);
      s.status = 'waiting';
      s.approval = {
        approvers: event.approvers,
        quorum: event.quorum,
        message: event.message,
        dueAt: event.dueAt,
        decisions: [],
        extensions: [],
      };
      return run;
    }
    case 'CallbackWaiting': {
      const s = stepOf(run, event.step);
      if (s.attempts !== event.attempt) return run;
      s.status = 'waiting';
      // An answer may have come while the executor still ran: it stays.
      const answer = s.callback?.attempt === event.attempt ? s.callback.answer : null;
      s.callback = { attempt: event.attempt, dueAt: event.dueAt, answer };
      return run;
    }
    case 'CallbackAnswered': {
      const s = stepOf(run, event.step);
      if (s.attempts !== event.attempt) return run;
      const answer = event.error ? { error: event.error } : { output: event.output ?? null };
      s.callback = { attempt: event.attempt, dueAt: s.callback?.dueAt ?? null, answer };
      return run;
    }
    case 'ApprovalGiven': {
      const s = stepOf(run, event.step);
      s.approval?.decisions.push({ by: event.by, verdict: event.verdict, comment: event.comment, at: event.at });
      return run;
    }
    case 'CompensationStarted':
      run.compensation = { reason: event.reason, error: event.error, ...(event.step ? { step: event.step } : {}) };
      if (event.error) run.error = event.error;
      cancelUnfinished(run);
      return run;
    case 'StepCompensated': {
      const s = stepOf(run, event.step);
      s.status = 'compensated';
      run.compensationsRun.add(event.step);
      return run;
    }
    case 'StepCompensationFailed':
      run.compensationsRun.add(event.step);
      return run;
    case 'StepCancelled':
      setAside(run, event.step, 'cancelled', event.at);
      return run;
    case 'ApprovalExtended': {
      const a = stepOf(run, event.step).approval;
      if (a) {
        a.dueAt = event.dueAt;
        a.extensions.push({ by: event.by, at: event.at, dueAt: event.dueAt, ...(event.comment ? { comment: event.comment } : {}) });
      }
      return run;
    }
    case 'BreakpointsSet':
      run.breakpoints = new Set(event.steps);
      return run;
    case 'RunPaused':
      run.status = 'paused';
      run.paused = { reason: event.reason, ...(event.step ? { step: event.step } : {}) };
      run.stepping = false;
      return run;
    case 'RunResumed':
      // The step the run paused before may start now, without pausing at its breakpoint again.
      run.passOnce = run.paused?.step ?? null;
      run.status = 'running';
      run.paused = null;
      run.stepping = event.stepping;
      return run;
    case 'VarsEdited':
      assignOwn(run.vars, event.vars);
      return run;
    case 'StepRetryRequested': {
      const s = stepOf(run, event.step);
      if (run.status === 'failed' || run.status === 'cancelled') {
        run.status = 'running';
        run.endedAt = null;
        run.error = null;
      }
      s.error = null;
      run.ready.add(event.step);
      run.arrivals.set(event.step, Math.max(1, run.arrivals.get(event.step) ?? 0));
      run.passOnce = event.step;
      return run;
    }
    case 'ChildRunStarted':
      (run.children[event.step] ??= [])[event.index] = event.child;
      return run;
    case 'RunSucceeded':
      run.status = 'succeeded';
      run.endedAt = event.at;
      return run;
    case 'RunFailed':
      run.status = 'failed';
      run.error = event.error;
      run.compensation = null;
      run.endedAt = event.at;
      cancelUnfinished(run);
      return run;
    case 'RunCancelled':
      run.status = 'cancelled';
      run.endedAt = event.at;
      run.compensation = null;
      cancelUnfinished(run);
      return run;
    default:
      return unreachable(event);
  }
}

/** Ends a step without a result (skipped by a person, cancelled by a join): no longer ready or open. */
function setAside(run: RunState, id: StepId, status: 'skipped' | 'cancelled', at: number): void {
  const s = stepOf(run, id);
  s.status = status;
  s.endedAt = at;
  s.retryDueAt = null;
  s.timerDueAt = null;
  s.callback = null;
  run.ready.delete(id);
  run.open.delete(id);
  run.arrivals.set(id, 0);
}

function cancelUnfinished(run: RunState): void {
  for (const id of run.open) {
    const s = run.steps[id]!;
    s.status = 'cancelled';
    s.retryDueAt = null;
    s.timerDueAt = null;
    s.callback = null;
  }
  run.open.clear();
  run.ready.clear();
}

/** Compile-time exhaustiveness check; throws if reached at run time. */
export function unreachable(x: never): never {
  throw new Error(`unreachable: ${JSON.stringify(x)}`);
}

/**
 * The run's displayed status: `waiting` while it is running but only approvals and callbacks are open,
 * else its stored status. A step backing off or on a timer keeps the run `running`: the engine,
 * not a person, moves it on.
 */
export function runStatusOf(run: RunState): RunState['status'] {
  if (run.status !== 'running') return run.status;
  let anyWaiting = false;
  for (const id of run.open) {
    if (isMachineWork(run.steps[id]!)) return 'running';
    anyWaiting = true;
  }
  return anyWaiting && run.ready.size === 0 ? 'waiting' : 'running';
}

