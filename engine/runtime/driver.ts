/**
 * The one place where a run's effects happen (STYLE.md §2): asks decide.ts what to do, carries it
 * out, appends the resulting events to the journal (committed before anything is reported), then
 * folds them. One RunDriver drives one run in this process.
 */
import { evaluateExpression, interpolateString } from '../expr/index.js';
import { StepFailure } from '../executors/index.js';
import type { ExecContext } from '../executors/index.js';
import type { Flow, Json, Step, StepId, StepMock } from '../model/flow.js';
import type { Journal } from '../store/journal.js';
import { bindingsOf } from './bindings.js';
import type { Clock } from './clock.js';
import { decide, nextCompensation, stepDef } from './decide.js';
import type { EpochMs, RunEvent, RunId, StepError } from './events.js';
import { foldRun, initialState } from './fold.js';
import { routeFailure } from './routing.js';
import { canRetry, retryDelayMs } from './retry-delay.js';
import { parseDurationMs } from '../model/duration.js';
import type { RunState } from './state.js';
import { runTaskBody, shapeOutput } from './task.js';

export interface DriverDeps {
  journal: Journal;
  clock: Clock;
  /** Uniform [0, 1) source for retry jitter (seeded when simulating). */
  random: () => number;
  /** Called after each commit, once per event, in journal order. */
  onEvent?(run: RunId, seq: number, event: RunEvent): void;
  /**
   * Simulation only: the mock for one attempt of a step (a scenario's per-attempt mocks); when it
   * returns undefined the step's own `mock` applies. Not consulted for real runs.
   */
  mockFor?(step: StepId, attempt: number): StepMock | undefined;
  /** Called with each chunk a step prints, after it is stored. */
  onLog?(run: RunId, step: StepId, attempt: number, stream: 'stdout' | 'stderr', text: string): void;
}

export interface DriveOptions {
  /** Return when the run only waits for people (the CLI's exit 3); else keep waiting for answers. */
  stopWhenWaiting: boolean;
}

/** Thrown for requests a user got wrong (unknown approver, step not waiting): carries a CLI-ready message. */
export class RunRequestError extends Error {
  override name = 'RunRequestError';
}

export class RunDriver {
  private readonly inFlight = new Map<StepId, AbortController>();
  private wake = new AbortController();
  private seq: number;

  /** Drives a run whose journal (at least RunStarted) is `events`, for `flow`. */
  constructor(
    readonly flow: Flow,
    events: readonly RunEvent[],
    private readonly deps: DriverDeps,
  ) {
    const [first, ...rest] = events;
    if (!first) throw new Error('a run needs its RunStarted event');
    this.state = initialState(first);
    for (const e of rest) foldRun(this.state, e);
    this.seq = events.length;
  }

  readonly state: RunState;

  get id(): RunId {
    return this.state.id;
  }

  /**
   * Drives the run until it ends, or (with stopWhenWaiting) until nothing but approvals is open.
   * Timers and retry delays are waited for on the driver's clock. Resolves with the run's state.
   */
  async drive(options: DriveOptions): Promise<RunState> {
    for (;;) {
      if (this.state.status !== 'running') break;
      const signal = this.wake.signal;
      const commands = decide(this.flow, this.state, this.deps.clock.now(), new Set(this.inFlight.keys()));
      let progressed = false;
      let wakeAt: EpochMs | undefined;
      for (const c of commands) {
        if (this.state.status !== 'running') break;
        if (c.kind === 'executeStep') this.launch(c.step, c.attempt);
        else if (c.kind === 'completeApproval') this.completeApproval(c.step, c.outcome);
        else if (c.kind === 'completeTimer') this.succeed(c.step, null);
        else if (c.kind === 'completeRun') this.record([{ type: 'RunSucceeded', at: this.now() }]);
        else if (c.kind === 'compensateStep') this.launchCompensation(c.step);
        else if (c.kind === 'endCompensation') this.endCompensation();
        else wakeAt = c.dueAt;
        if (c.kind !== 'wakeAt') progressed = true;
      }
      if (progressed) continue;
      const onlyPeople = this.inFlight.size === 0 && !this.hasTimers();
      // A simulation waiting for people with no deadline cannot move on by itself either.
      const stuck = this.state.mode === 'simulate' && wakeAt === undefined;
      if (onlyPeople && (options.stopWhenWaiting || stuck)) break;
      await this.deps.clock.sleepUntil(wakeAt ?? Infinity, signal);
    }
    if (this.state.status !== 'running') await this.settle();
    return this.state;
  }

  /**
   * Records a person's decision on a waiting approval. Throws RunRequestError when the step is not
   * waiting or `by` is not one of its approvers (DESIGN.md "Security": only listed approvers decide).
   */
  answerApproval(step: StepId, by: string, verdict: 'approve' | 'reject', comment?: string): void {
    const s = this.state.steps[step];
    if (!s || s.status !== 'waiting' || !s.approval) {
      throw new RunRequestError(`step ${step} of run ${this.id} is not waiting for approval (status: ${s?.status ?? 'not started'})`);
    }
    if (!s.approval.approvers.includes(by)) {
      throw new RunRequestError(
        `${by} is not an approver of ${step}; approvers: ${s.approval.approvers.join(', ')} (pass --as NAME)`,
      );
    }
    this.record([{ type: 'ApprovalGiven', at: this.now(), step, by, verdict, ...(comment ? { comment } : {}) }]);
    this.notify();
  }

  /**
   * Cancels the run: aborts the steps in flight, runs the compensations of completed steps (when
   * driven on), then records RunCancelled. No-op when the run has ended or is already rolling back.
   */
  cancel(reason = 'cancelled by user'): void {
    if (this.state.status !== 'running' || this.state.compensation) return;
    if (nextCompensation(this.flow, this.state) === undefined) this.record([{ type: 'RunCancelled', at: this.now(), reason }]);
    else this.record([{ type: 'CompensationStarted', at: this.now(), reason: 'cancelled', error: null }]);
    this.abortInFlight('run cancelled');
    this.notify();
  }

  private abortInFlight(why: string): void {
    for (const ac of this.inFlight.values()) ac.abort(new StepFailure('Cancelled', why));
  }

  /** Runs one step's `compensate` body; its result is journaled whether it succeeds or fails. */
  private launchCompensation(id: StepId): void {
    const body = stepDef(this.flow, id).compensate!;
    const ac = new AbortController();
    this.inFlight.set(id, ac);
    const ctx: ExecContext = {
      runId: this.id,
      step: id,
      attempt: 0,
      signal: ac.signal,
      workdir: this.state.workdir,
      log: (stream, text) => {
        this.deps.journal.appendLog(this.id, id, 0, stream, this.now(), text);
        this.deps.onLog?.(this.id, id, 0, stream, text);
      },
    };
    const work = this.state.mode === 'simulate' ? Promise.resolve(null) : runTaskBody(body, bindingsOf(this.state), ctx);
    void work
      .then((output) => this.record([{ type: 'StepCompensated', at: this.now(), step: id, output }]))
      .catch((err: unknown) => this.record([{ type: 'StepCompensationFailed', at: this.now(), step: id, error: toStepError(err) }]))
      .finally(() => {
        this.inFlight.delete(id);
        this.notify();
      });
  }

  private endCompensation(): void {
    const c = this.state.compensation!;
    if (c.reason === 'cancelled') this.record([{ type: 'RunCancelled', at: this.now(), reason: 'cancelled by user' }]);
    else this.record([{ type: 'RunFailed', at: this.now(), error: c.error!, ...(c.step ? { step: c.step } : {}) }]);
  }

  private now(): EpochMs {
    return this.deps.clock.now();
  }

  private notify(): void {
    const old = this.wake;
    this.wake = new AbortController();
    old.abort();
  }

  private hasTimers(): boolean {
    return Object.values(this.state.steps).some((s) => s.retryDueAt !== null || s.timerDueAt !== null);
  }

  /** Aborts what is still in flight after the run ended and waits for it to stop. */
  private async settle(): Promise<void> {
    for (const ac of this.inFlight.values()) ac.abort(new StepFailure('Cancelled', `run ${this.state.status}`));
    while (this.inFlight.size > 0) {
      const signal = this.wake.signal;
      await this.deps.clock.sleepUntil(Infinity, signal);
    }
  }

  /** Appends and commits events, then folds and reports them. Drops step results once the run ended. */
  private record(events: RunEvent[]): void {
    if (this.state.status !== 'running') return;
    // Once a rollback began, results of the steps it aborted are not journaled.
    if (this.state.compensation && events.some((e) => STEP_PROGRESS.has(e.type))) return;
    this.seq = this.deps.journal.append(this.id, this.seq, events);
    let seq = this.seq - events.length;
    for (const e of events) {
      foldRun(this.state, e);
      this.deps.onEvent?.(this.id, ++seq, e);
    }
  }

  private launch(id: StepId, attempt: number): void {
    const ac = new AbortController();
    this.inFlight.set(id, ac);
    // StepStarted is recorded synchronously so the next decide() sees the step running.
    this.record([{ type: 'StepStarted', at: this.now(), step: id, attempt }]);
    void this.execute(id, attempt, ac)
      .catch((err: unknown) => this.attemptFailed(id, attempt, toStepError(err)))
      .finally(() => {
        this.inFlight.delete(id);
        this.notify();
      });
  }

  private async execute(id: StepId, attempt: number, ac: AbortController): Promise<void> {
    const step = stepDef(this.flow, id);
    switch (step.type) {
      case 'task':
        return this.executeTask(id, step, attempt, ac);
      case 'branch':
        return this.succeed(id, null, [await this.chooseCase(step)]);
      case 'parallel':
        return this.succeed(id, null, step.branches);
      case 'join':
      case 'succeed':
        return this.succeed(id, null);
      case 'fail':
        return this.finalFailure(step, id, {
          name: step.error ?? 'Failed',
          message: step.message ? String(await interpolateString(step.message, bindingsOf(this.state))) : `${id} failed the run`,
        });
      case 'approval': {
        const message = step.message ? String(await interpolateString(step.message, bindingsOf(this.state))) : '';
        const due = step.timeout ?? this.flow.defaults?.timeout;
        this.record([
          {
            type: 'ApprovalRequested',
            at: this.now(),
            step: id,
            approvers: step.approvers,
            quorum: step.quorum ?? 1,
            message,
            dueAt: due === undefined ? null : this.state.steps[id]!.startedAt! + parseDurationMs(due),
          },
        ]);
        return;
      }
      case 'wait': {
        const dueAt = step.duration
          ? this.state.steps[id]!.startedAt! + parseDurationMs(step.duration)
          : Date.parse(String(await evaluateExpression(step.until ?? 'null', bindingsOf(this.state))));
        if (Number.isNaN(dueAt)) throw new StepFailure('ExpressionError', `${id}: until did not give an ISO 8601 time`);
        this.record([{ type: 'TimerStarted', at: this.now(), step: id, dueAt }]);
        return;
      }
      case 'map':
        throw new StepFailure('Unsupported', 'map steps arrive with issue #3');
    }
  }

  private async executeTask(id: StepId, step: Step & { type: 'task' }, attempt: number, ac: AbortController): Promise<void> {
    const timeout = step.timeout ?? this.flow.defaults?.timeout;
    const timeoutMs = timeout === undefined ? undefined : parseDurationMs(timeout);
    const ctx: ExecContext = {
      runId: this.id,
      step: id,
      attempt,
      signal: ac.signal,
      workdir: this.state.workdir,
      log: (stream, text) => {
        this.deps.journal.appendLog(this.id, id, attempt, stream, this.now(), text);
        this.deps.onLog?.(this.id, id, attempt, stream, text);
      },
    };
    const bindings = bindingsOf(this.state);
    // Simulation never runs a shell or HTTP step (DESIGN.md "Simulation"): the step's mock answers.
    const work =
      this.state.mode === 'simulate'
        ? this.mockTask(this.deps.mockFor?.(id, attempt) ?? step.mock, ac.signal)
        : runTaskBody(step, bindings, ctx);
    let raw: Json;
    if (timeoutMs === undefined) raw = await work;
    else {
      const stopTimer = new AbortController();
      const timer = this.deps.clock.sleepUntil(this.now() + timeoutMs, stopTimer.signal).then(() => {
        if (stopTimer.signal.aborted) return;
        const failure = new StepFailure('Timeout', `${id} timed out after ${timeout} (attempt ${attempt})`);
        ac.abort(failure);
        throw failure;
      });
      try {
        raw = await Promise.race([work, timer as Promise<never>]);
      } finally {
        stopTimer.abort();
        work.catch(() => undefined); // the executor rejects after the abort; its reason is already used
      }
    }
    const { output, vars } = await shapeOutput(step, raw, bindingsOf(this.state));
    this.succeed(id, output, step.next ? [step.next] : [], vars);
  }

  /**
   * A simulated task attempt (`mock` from the scenario or the step): waits `mock.duration` on the (virtual) clock, then throws `mock.error`
   * or returns `mock.output`; a step without a mock succeeds with null after zero virtual time.
   */
  private async mockTask(mock: StepMock | undefined, signal: AbortSignal): Promise<Json> {
    if (mock?.duration) {
      await this.deps.clock.sleepUntil(this.now() + parseDurationMs(mock.duration), signal);
      if (signal.aborted) throw signal.reason instanceof StepFailure ? signal.reason : new StepFailure('Cancelled', 'aborted');
    }
    if (mock?.error) throw new StepFailure(mock.error.name, mock.error.message ?? `mocked ${mock.error.name}`);
    return mock?.output ?? null;
  }

  private async chooseCase(step: Step & { type: 'branch' }): Promise<StepId> {
    const bindings = bindingsOf(this.state);
    for (const c of step.cases) {
      if ((await evaluateExpression(c.when, bindings)) === true) return c.next;
    }
    if (step.default === undefined) throw new StepFailure('NoChoice', 'no case matched and the branch has no default');
    return step.default;
  }

  private succeed(id: StepId, output: Json, next?: StepId[], vars?: Record<string, Json>): void {
    const step = stepDef(this.flow, id);
    const to = next ?? (step.next ? [step.next] : []);
    this.record([{ type: 'StepSucceeded', at: this.now(), step: id, output, next: to, ...(vars ? { vars } : {}) }]);
  }

  private completeApproval(id: StepId, outcome: 'approved' | 'rejected' | 'timedOut'): void {
    const step = stepDef(this.flow, id);
    const approval = this.state.steps[id]?.approval;
    if (outcome === 'approved') {
      const decisions = approval?.decisions ?? [];
      this.succeed(id, { approvedBy: decisions.filter((d) => d.verdict === 'approve').map((d) => d.by), decisions } as unknown as Json);
      return;
    }
    const rejectedBy = approval?.decisions.find((d) => d.verdict === 'reject');
    const error: StepError =
      outcome === 'rejected'
        ? { name: 'Rejected', message: `rejected by ${rejectedBy?.by}${rejectedBy?.comment ? `: ${rejectedBy.comment}` : ''}` }
        : { name: 'Timeout', message: `${id}: nobody answered before the deadline` };
    this.finalFailure(step, id, error);
  }

  private attemptFailed(id: StepId, attempt: number, error: StepError): void {
    if (this.state.status !== 'running' || this.state.compensation) return;
    const step = stepDef(this.flow, id);
    const policy = step.type === 'task' ? (step.retry ?? this.flow.defaults?.retry) : undefined;
    if (error.name !== 'Cancelled' && canRetry(policy, attempt)) {
      const dueAt = this.now() + retryDelayMs(policy!, attempt, this.deps.random);
      this.record([{ type: 'StepRetryScheduled', at: this.now(), step: id, attempt, error, dueAt }]);
      return;
    }
    this.finalFailure(step, id, error);
  }

  private finalFailure(step: Step, id: StepId, error: StepError): void {
    const route = routeFailure(step, error);
    const failed: RunEvent = { type: 'StepFailed', at: this.now(), step: id, error, handled: route !== null, next: route ?? [] };
    if (route !== null) return this.record([failed]);
    if (nextCompensation(this.flow, this.state) === undefined) {
      this.record([failed, { type: 'RunFailed', at: this.now(), error, step: id }]);
    } else {
      this.record([failed, { type: 'CompensationStarted', at: this.now(), reason: 'failed', error, step: id }]);
      this.abortInFlight(`run failed at ${id}`);
    }
    this.notify();
  }
}

/** Step events that an aborted step may still try to journal after a rollback began. */
const STEP_PROGRESS = new Set<RunEvent['type']>([
  'StepStarted', 'StepSucceeded', 'StepFailed', 'StepRetryScheduled', 'StepSkipped', 'TimerStarted', 'ApprovalRequested', 'ApprovalGiven',
]);

/** Converts anything an executor or expression threw into step-failure data. */
export function toStepError(err: unknown): StepError {
  if (err instanceof StepFailure) return { name: err.name, message: err.message, ...(err.details !== undefined ? { details: err.details } : {}) };
  if (err instanceof Error && err.name === 'ExpressionError') return { name: 'ExpressionError', message: err.message };
  return { name: 'Error', message: err instanceof Error ? err.message : String(err) };
}
