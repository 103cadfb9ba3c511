/**
 * What executing one attempt of a step means, per step type (DESIGN.md step types): evaluates what
 * needs expressions or I/O and reports an AttemptOutcome. It journals nothing: the driver hands the
 * outcome to transition.ts, which decides the events (retry, routing, rollback).
 */
import { AttemptContext } from './attempt-context.js';
import { evaluateExpression, interpolateString } from '../expr/index.js';
import { StepFailure } from '../model/execution.js';
import type { ExecContext } from '../model/execution.js';
import type { Flow, Json, Step, StepId, TaskBody } from '../model/flow.js';
import { taskExecutor } from '../model/flow.js';
import { parseDurationMs } from '../model/duration.js';
import type { AbortHandle } from './abort-handle.js';
import { bindingsOf } from './bindings.js';
import type { Bindings } from '../expr/index.js';
import { CALLBACK_TOKEN_NAME, callbackTimeout } from './callbacks.js';
import { redactorOf, type Redactor } from './secrets.js';
import type { DriverDeps } from './driver.js';
import type { ChildContext } from './map-call.js';
import { runCall, runMap } from './map-call.js';
import type { EpochMs, RunId } from './events.js';
import type { RunState } from './state.js';
import { shapeOutput } from './shape-output.js';
import type { TaskRunner } from './task-runner.js';
import type { AttemptOutcome } from './transition.js';

/** The driver as step execution sees it. */
export interface StepHost {
  readonly flow: Flow;
  readonly state: RunState;
  readonly deps: DriverDeps;
  readonly id: RunId;
  /** How task bodies run (real executors or mocks). */
  readonly tasks: TaskRunner;
  now(): EpochMs;
  /** `text` with secret values replaced. */
  redactText(text: string): string;
  /** Journals that a map item or `call` started child run `child`. */
  childRunStarted(step: StepId, index: number, child: RunId): void;
  /** Journals attempt `attempt`'s resolved input (StepInput), redacted (by `redactor`, else the run's) and bounded. */
  recordInput(step: StepId, attempt: number, input: Json, redactor?: Redactor): void;
}

/** Executes attempt `attempt` of step `id` and reports its outcome. Throws StepFailure (or any error). */
export async function executeStep(host: StepHost, id: StepId, step: Step, attempt: number, handle: AbortHandle): Promise<AttemptOutcome> {
  const b = () => bindingsOf(host.state);
  switch (step.type) {
    case 'task':
    case 'map':
      return executeWork(host, id, step, attempt, handle);
    case 'branch': {
      for (const c of step.cases) {
        if ((await evaluateExpression(c.when, b())) === true) return { kind: 'succeeded', output: null, next: [c.next] };
      }
      if (step.default === undefined) throw new StepFailure('NoChoice', 'no case matched and the branch has no default');
      return { kind: 'succeeded', output: null, next: [step.default] };
    }
    case 'parallel':
      return { kind: 'succeeded', output: null, next: step.branches };
    case 'join':
    case 'succeed':
      return { kind: 'succeeded', output: null };
    case 'fail':
      return {
        kind: 'failed',
        error: {
          name: step.error ?? 'Failed',
          message: step.message ? String(await interpolateString(step.message, b())) : `${id} failed the run`,
        },
      };
    case 'approval':
      return { kind: 'approvalRequested', message: step.message ? String(await interpolateString(step.message, b())) : '' };
    case 'wait': {
      const dueAt = step.duration
        ? host.state.steps[id]!.startedAt! + parseDurationMs(step.duration)
        : Date.parse(String(await evaluateExpression(step.until ?? 'null', b())));
      if (Number.isNaN(dueAt)) throw new StepFailure('ExpressionError', `${id}: until did not give an ISO 8601 time`);
      return { kind: 'timerStarted', dueAt };
    }
  }
}

/**
 * A task or map attempt, under the step's timeout; applies `output` and `set`. A task with
 * `callback` gets a fresh token first (`$callback.token`, redacted from its logs and errors) and,
 * once its executor succeeded, reports `callbackWaiting`: its output comes from the answer.
 */
async function executeWork(host: StepHost, id: StepId, step: Step & { type: 'task' | 'map' }, attempt: number, handle: AbortHandle): Promise<AttemptOutcome> {
  if (step.type === 'task' && step.callback) {
    if (!host.deps.callbacks) throw new StepFailure('Unsupported', 'this host issues no callback tokens (DriverDeps.callbacks)');
    const token = host.deps.callbacks.issue({ run: host.id, step: id, attempt, now: host.now() });
    try {
      await runWork(host, id, step, attempt, handle, token);
    } catch (err) {
      throw withoutToken(err, redactorOf({ [CALLBACK_TOKEN_NAME]: token }));
    }
    return { kind: 'callbackWaiting' };
  }
  const raw = await runWork(host, id, step, attempt, handle);
  // Most steps shape nothing: skip the async expression path (issue #3 W1 budget is 5 µs a step).
  if (step.output === undefined && step.set === undefined) return { kind: 'succeeded', output: raw };
  const { output, vars } = await shapeOutput(step, raw, bindingsOf(host.state));
  return { kind: 'succeeded', output, ...(vars ? { vars } : {}) };
}

/**
 * Ends the callback wait of attempt `attempt` of task `id`: the answer's error fails the attempt,
 * its output is shaped by `output`/`set` as an executor's would be; no answer means the wait timed
 * out (`Timeout`). Throws StepFailure or ExpressionError (the driver turns them into a failure).
 */
export async function finishCallback(host: StepHost, id: StepId, step: Step, attempt: number): Promise<AttemptOutcome> {
  const cb = host.state.steps[id]?.callback;
  if (step.type !== 'task' || !step.callback) throw new StepFailure('Unsupported', `${id} has no callback`);
  if (!cb || cb.attempt !== attempt || cb.answer === null) return { kind: 'failed', error: callbackTimeout(id, step.callback.timeout) };
  if ('error' in cb.answer) return { kind: 'failed', error: cb.answer.error };
  const raw = cb.answer.output;
  if (step.output === undefined && step.set === undefined) return { kind: 'succeeded', output: raw };
  const { output, vars } = await shapeOutput(step, raw, bindingsOf(host.state));
  return { kind: 'succeeded', output, ...(vars ? { vars } : {}) };
}

/**
 * `err` with the token replaced in its message (and a StepFailure's details) by `token`, a redactor
 * of the token alone (the run's secrets are redacted when the failure is journaled): errors are journaled.
 */
function withoutToken(err: unknown, token: Redactor): unknown {
  if (err instanceof StepFailure) {
    const details = err.details === undefined ? undefined : (JSON.parse(token.text(JSON.stringify(err.details))) as Json);
    return new StepFailure(err.name, token.text(err.message), details);
  }
  if (err instanceof Error) {
    err.message = token.text(err.message);
    return err;
  }
  return new Error(token.text(String(err)));
}

/** Runs the work of one attempt (executor, map or call) under the step's timeout; resolves with the raw output. */
function runWork(host: StepHost, id: StepId, step: Step & { type: 'task' | 'map' }, attempt: number, handle: AbortHandle, token?: string): Promise<Json> {
  const timeout = step.timeout ?? (step.type === 'task' ? host.flow.defaults?.timeout : undefined);
  const work = startWork(host, id, step, attempt, handle, token);
  // No timeout (most steps): the work's own promise, without an async frame around it.
  return timeout === undefined ? work : withTimeout(host, id, attempt, handle, work, timeout);
}

/** `work`, or the step failing with Timeout when `timeout` passes first on the run's clock (the attempt is aborted). */
async function withTimeout(host: StepHost, id: StepId, attempt: number, handle: AbortHandle, work: Promise<Json>, timeout: string): Promise<Json> {
  const stopTimer = new AbortController();
  const timer = host.deps.clock.sleepUntil(host.now() + parseDurationMs(timeout), stopTimer.signal).then(() => {
    if (stopTimer.signal.aborted) return;
    const failure = new StepFailure('Timeout', `${id} timed out after ${timeout} (attempt ${attempt})`);
    handle.abort(failure);
    throw failure;
  });
  try {
    return await Promise.race([work, timer as Promise<never>]);
  } finally {
    stopTimer.abort();
    work.catch(() => undefined); // the executor rejects after the abort; its reason is already used
  }
}

/** What map and call need of the driver for one attempt. */
function childContext(host: StepHost, handle: AbortHandle): ChildContext {
  return {
    flow: host.flow, state: host.state, children: host.deps.children, clock: host.deps.clock,
    get signal() {
      return handle.signal;
    },
    childRunStarted: (s, index, run) => host.childRunStarted(s, index, run),
    ...(host.deps.mockFor ? { mockFor: (s: StepId, a: number) => host.deps.mockFor!(s, a) } : {}),
  };
}

/**
 * Runs step `id`'s `compensate` body (rollback) and resolves with its output. A `call` body runs
 * the called flow as a child run (attempt 0 in its id, so it never meets the step's own children),
 * in a simulation too (#11 item 15); other bodies go to the TaskRunner. Throws StepFailure.
 */
export function runCompensation(host: StepHost, id: StepId, body: TaskBody, handle: AbortHandle): Promise<Json> {
  if (taskExecutor(body) === 'call') return runCall(childContext(host, handle), id, body, 0);
  return host.tasks.compensate(body, bindingsOf(host.state), execContext(host, id, 0, handle));
}

function startWork(host: StepHost, id: StepId, step: Step & { type: 'task' | 'map' }, attempt: number, handle: AbortHandle, token?: string): Promise<Json> {
  const child = (): ChildContext => childContext(host, handle);
  if (step.type === 'map') return runMap(child(), id, step, attempt);
  // A `call` runs the called flow as a child run, unless the executor answers it (a mocked call).
  if (taskExecutor(step) === 'call' && !host.tasks.answersCall?.(id, step, attempt)) return runCall(child(), id, step, attempt);
  const bindings = bindingsOf(host.state);
  // `$callback.token` exists for this attempt only: a layer over the run's (cached) bindings.
  const withToken = token === undefined ? bindings : Object.assign(Object.create(bindings) as Bindings, { callback: { token } });
  return host.tasks.run(step, withToken, execContext(host, id, attempt, handle, token));
}

/**
 * The executor context of one attempt; step logs are stored, then reported. With `callbackToken`
 * the token is a secret of the attempt (`***CALLBACK_TOKEN***`): redacted from its logs and its
 * recorded input like the run's secrets, and handed to the executor (ExecContext).
 */
export function execContext(host: StepHost, id: StepId, attempt: number, handle: AbortHandle, callbackToken?: string): ExecContext {
  return new AttemptContext(host, id, attempt, handle, callbackToken);
}
