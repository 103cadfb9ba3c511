/**
 * What executing one attempt of a step means, per step type (DESIGN.md step types): the effects
 * that driver.ts journals. Split from the driver so each stays one screenful per idea.
 */
import { evaluateExpression, interpolateString } from '../expr/index.js';
import { StepFailure } from '../model/execution.js';
import type { ExecContext } from '../model/execution.js';
import type { Flow, Json, JsonObject, Step, StepId, StepMock } from '../model/flow.js';
import { taskExecutor } from '../model/flow.js';
import { parseDurationMs } from '../model/duration.js';
import type { Attempt } from './attempt.js';
import { bindingsOf } from './bindings.js';
import type { ChildContext } from './map-call.js';
import { runCall, runMap } from './map-call.js';
import type { DriverDeps } from './driver.js';
import type { EpochMs, RunEvent, RunId, StepError } from './events.js';
import type { RunState } from './state.js';
import { runTaskBody, shapeOutput } from './task.js';

/** The driver as step execution sees it. */
export interface StepHost {
  readonly flow: Flow;
  readonly state: RunState;
  readonly deps: DriverDeps;
  readonly id: RunId;
  now(): EpochMs;
  /** `text` with secret values replaced. */
  redactText(text: string): string;
  record(events: RunEvent[]): void;
  succeed(id: StepId, output: Json, next?: StepId[], vars?: JsonObject): void;
  fail(step: Step, id: StepId, error: StepError): void;
  /** Cancels the steps still open or ready inside join `joinId`'s parallel block. */
  cancelBranches(joinId: StepId): void;
}

/** Executes attempt `attempt` of step `id`; journals its outcome through `host`, or throws StepFailure. */
export async function executeStep(host: StepHost, id: StepId, step: Step, attempt: number, handle: Attempt): Promise<void> {
  const b = () => bindingsOf(host.state);
  switch (step.type) {
    case 'task':
    case 'map':
      return executeWork(host, id, step, attempt, handle);
    case 'branch': {
      for (const c of step.cases) {
        if ((await evaluateExpression(c.when, b())) === true) return host.succeed(id, null, [c.next]);
      }
      if (step.default === undefined) throw new StepFailure('NoChoice', 'no case matched and the branch has no default');
      return host.succeed(id, null, [step.default]);
    }
    case 'parallel':
      return host.succeed(id, null, step.branches);
    case 'join':
      // An `any` or `count` join fires before every branch arrived: the rest are cancelled.
      if (step.mode !== undefined && step.mode !== 'all') host.cancelBranches(id);
      return host.succeed(id, null);
    case 'succeed':
      return host.succeed(id, null);
    case 'fail':
      return host.fail(step, id, {
        name: step.error ?? 'Failed',
        message: step.message ? String(await interpolateString(step.message, b())) : `${id} failed the run`,
      });
    case 'approval': {
      const message = step.message ? String(await interpolateString(step.message, b())) : '';
      const due = step.timeout ?? host.flow.defaults?.timeout;
      const startedAt = host.state.steps[id]!.startedAt!;
      host.record([{
        type: 'ApprovalRequested', at: host.now(), step: id, approvers: step.approvers, quorum: step.quorum ?? 1, message,
        dueAt: due === undefined ? null : startedAt + parseDurationMs(due),
      }]);
      return;
    }
    case 'wait': {
      const dueAt = step.duration
        ? host.state.steps[id]!.startedAt! + parseDurationMs(step.duration)
        : Date.parse(String(await evaluateExpression(step.until ?? 'null', b())));
      if (Number.isNaN(dueAt)) throw new StepFailure('ExpressionError', `${id}: until did not give an ISO 8601 time`);
      host.record([{ type: 'TimerStarted', at: host.now(), step: id, dueAt }]);
      return;
    }
  }
}

/** A task or map attempt, under the step's timeout; applies `output` and `set`, then succeeds. */
async function executeWork(host: StepHost, id: StepId, step: Step & { type: 'task' | 'map' }, attempt: number, handle: Attempt): Promise<void> {
  const timeout = step.timeout ?? (step.type === 'task' ? host.flow.defaults?.timeout : undefined);
  const work = startWork(host, id, step, attempt, handle);
  let raw: Json;
  if (timeout === undefined) raw = await work;
  else {
    const stopTimer = new AbortController();
    const timer = host.deps.clock.sleepUntil(host.now() + parseDurationMs(timeout), stopTimer.signal).then(() => {
      if (stopTimer.signal.aborted) return;
      const failure = new StepFailure('Timeout', `${id} timed out after ${timeout} (attempt ${attempt})`);
      handle.abort(failure);
      throw failure;
    });
    try {
      raw = await Promise.race([work, timer as Promise<never>]);
    } finally {
      stopTimer.abort();
      work.catch(() => undefined); // the executor rejects after the abort; its reason is already used
    }
  }
  // Most steps shape nothing: skip the async expression path (issue #3 W1 budget is 5 µs a step).
  if (step.output === undefined && step.set === undefined) return host.succeed(id, raw, step.next ? [step.next] : []);
  const { output, vars } = await shapeOutput(step, raw, bindingsOf(host.state));
  host.succeed(id, output, step.next ? [step.next] : [], vars);
}

function startWork(host: StepHost, id: StepId, step: Step & { type: 'task' | 'map' }, attempt: number, handle: Attempt): Promise<Json> {
  const child = (): ChildContext => ({
    flow: host.flow, state: host.state, children: host.deps.children, clock: host.deps.clock,
    get signal() {
      return handle.signal;
    },
    record: (events) => host.record(events),
    ...(host.deps.mockFor ? { mockFor: (s: StepId, a: number) => host.deps.mockFor!(s, a) } : {}),
  });
  if (step.type === 'map') return runMap(child(), id, step, attempt);
  if (host.state.mode === 'simulate') {
    // Simulation never runs a shell or HTTP step (DESIGN.md "Simulation"): a mock answers; an
    // unmocked `call` simulates the called flow as a child run.
    const mock = host.deps.mockFor?.(id, attempt) ?? step.mock;
    if (mock === undefined && taskExecutor(step) === 'call') return runCall(child(), id, step, attempt);
    return mockAttempt(host, mock, handle);
  }
  if (taskExecutor(step) === 'call') return runCall(child(), id, step, attempt);
  return runTaskBody(step, bindingsOf(host.state), execContext(host, id, attempt, handle));
}

/** The executor context of one attempt; step logs are stored, then reported. */
export function execContext(host: StepHost, id: StepId, attempt: number, handle: Attempt): ExecContext {
  return {
    runId: host.id,
    step: id,
    attempt,
    get signal() {
      return handle.signal;
    },
    workdir: host.state.workdir,
    log: (stream, raw) => {
      const text = host.redactText(raw);
      host.deps.journal.appendLog(host.id, id, attempt, stream, host.now(), text);
      host.deps.onLog?.(host.id, id, attempt, stream, text);
    },
    ...(host.deps.notifyDesktop
      ? { notifyDesktop: (title: string, message: string) => host.deps.notifyDesktop!(title, message, { run: host.id, step: id }) }
      : {}),
  };
}

/**
 * A simulated task attempt: waits `mock.duration` on the (virtual) clock, then throws `mock.error`
 * or returns `mock.output`; a step without a mock succeeds with null after zero virtual time.
 */
async function mockAttempt(host: StepHost, mock: StepMock | undefined, handle: Attempt): Promise<Json> {
  if (mock?.duration) {
    await host.deps.clock.sleepUntil(host.now() + parseDurationMs(mock.duration), handle.signal);
    if (handle.aborted) throw handle.signal.reason instanceof StepFailure ? handle.signal.reason : new StepFailure('Cancelled', 'aborted');
  }
  if (mock?.error) throw new StepFailure(mock.error.name, mock.error.message ?? `mocked ${mock.error.name}`);
  return mock?.output ?? null;
}
