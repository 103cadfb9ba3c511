/**
 * The one place where a run's effects happen (STYLE.md §2): asks decide.ts what to do, carries it
 * out, appends the resulting events to the journal (committed before anything is reported), then
 * folds them. One RunDriver drives one run in this process. Step bodies: step-exec.ts; rollback:
 * compensation.ts; debugging requests: debug.ts.
 */
import { StepFailure } from '../model/execution.js';
import type { Flow, Json, JsonObject, Step, StepId, StepMock } from '../model/flow.js';
import { Attempt } from './attempt.js';
import type { ChildRuns } from './children.js';
import type { Clock } from './clock.js';
import { launchCompensation } from './compensation.js';
import { decide, joinRegion, nextCompensation, stepDef } from './decide.js';
import type { EpochMs, RunEvent, RunId, StepError } from './events.js';
import { foldRun, initialState } from './fold.js';
import { canRetry, retryDelayMs } from './retry-delay.js';
import { routeFailure } from './routing.js';
import type { RunState } from './state.js';
import { bindingsOf } from './bindings.js';
import type { Redactor } from './secrets.js';
import { redactorOf } from './secrets.js';
import { executeStep } from './step-exec.js';
import { instantOutcome } from './instant.js';
import { Waker } from './waker.js';
import { approvalResult, checkExtension, waitingApproval } from './approvals.js';
import type { StepHost } from './step-exec.js';

/** Where a driver journals: the store's Journal, or an in-memory log. */
export interface RunLog {
  /** Appends `events` after `expectedSeq` in one commit; returns the new last seq. Throws when another writer got there first. */
  append(run: RunId, expectedSeq: number, events: readonly RunEvent[]): number;
  /** Stores a chunk of a step's output (bytes as UTF-8 text). */
  appendLog(run: RunId, step: string, attempt: number, stream: 'stdout' | 'stderr', at: number, text: string): void;
}

export interface DriverDeps {
  journal: RunLog;
  clock: Clock;
  /** Uniform [0, 1) source for retry jitter (seeded when simulating). */
  random: () => number;
  /** `$env` values (name → value) the flow references; redacted from everything journaled. */
  secrets?: Record<string, string>;
  /** Creates and drives child runs (map items, `call` tasks); without it those steps fail Unsupported. */
  children?: ChildRuns;
  /** Called after each commit, once per event, in journal order. */
  onEvent?(run: RunId, seq: number, event: RunEvent): void;
  /**
   * Simulation only: the mock for one attempt of a step (a scenario's per-attempt mocks); when it
   * returns undefined the step's own `mock` applies. Not consulted for real runs.
   */
  mockFor?(step: StepId, attempt: number): StepMock | undefined;
  /** Shows a desktop notification (notify steps with `desktop`); absent in the CLI, which logs instead. */
  notifyDesktop?(title: string, message: string, origin?: { run: RunId; step: StepId }): Promise<void>;
  /** Called with each chunk a step prints, after it is stored. */
  onLog?(run: RunId, step: StepId, attempt: number, stream: 'stdout' | 'stderr', text: string): void;
}

export interface DriveOptions {
  /** Return when the run only waits for people (the CLI's exit 3); else keep waiting for answers. */
  stopWhenWaiting: boolean;
}

export { RunRequestError } from './request-error.js';

export class RunDriver implements StepHost {
  /** Attempts (and compensations) this process is executing, by step. */
  readonly inFlight = new Map<StepId, Attempt>();
  private readonly waker: Waker;
  private seq: number;
  private driving: Promise<RunState> | null = null;
  /** Why this driver stopped driving (see halt()), or null. */
  private halted: Error | null = null;
  private readonly redactor: Redactor;
  readonly state: RunState;

  /** Drives a run whose journal (at least RunStarted) is `events`, for `flow`. */
  constructor(
    readonly flow: Flow,
    events: readonly RunEvent[],
    readonly deps: DriverDeps,
  ) {
    const [first, ...rest] = events;
    if (!first) throw new Error('a run needs its RunStarted event');
    this.state = initialState(first);
    for (const e of rest) foldRun(this.state, e);
    this.seq = events.length;
    this.redactor = redactorOf(deps.secrets ?? {});
    this.waker = new Waker(deps.clock);
    // The first bindingsOf call for a state fixes its `$env` (bindings are cached per state).
    bindingsOf(this.state, deps.secrets ?? {});
  }

  /** `text` with secret values replaced (step logs go through here before they are stored). */
  redactText(text: string): string {
    return this.redactor.isEmpty ? text : this.redactor.text(text);
  }

  /** Seq of the last journaled event this driver has folded. */
  get lastSeq(): number {
    return this.seq;
  }

  /**
   * Stops driving: aborts what is executing and makes drive() reject with `cause`. Used when the
   * journal refuses an append, or when another process has taken the run over.
   */
  halt(cause: Error): void {
    if (this.halted) return;
    this.halted = cause;
    this.abortInFlight(`stopped driving: ${cause.message}`);
    this.notify();
  }

  get id(): RunId {
    return this.state.id;
  }

  /**
   * Drives the run until it ends or pauses, or (with stopWhenWaiting) until nothing but approvals
   * is open. Timers and retry delays are waited for on the driver's clock. Resolves with the run's
   * state. A second call while the first is driving shares the first's loop.
   */
  drive(options: DriveOptions): Promise<RunState> {
    this.driving ??= this.loop(options).finally(() => {
      this.driving = null;
    });
    return this.driving;
  }

  private async loop(options: DriveOptions): Promise<RunState> {
    for (;;) {
      await this.steps(options);
      if (this.state.status !== 'paused') break;
      // A paused run lets its executing steps finish (and journals them); a continue that came
      // meanwhile sends the loop on.
      while (this.inFlight.size > 0) await this.idle();
      // Re-read: a continue may have changed the status while this loop waited (TS narrowed it).
      if ((this.state.status as RunState['status']) !== 'running') break;
    }
    if (this.state.status !== 'running' && this.state.status !== 'paused') await this.settle();
    return this.state;
  }

  private async steps(options: DriveOptions): Promise<void> {
    let yielded = false;
    for (;;) {
      if (this.halted) {
        while (this.inFlight.size > 0) await this.idle();
        throw this.halted;
      }
      if (this.state.status !== 'running') break;
      this.waker.reset();
      const commands = decide(this.flow, this.state, this.now(), this.inFlight);
      let progressed = false;
      let wakeAt: EpochMs | undefined;
      for (const c of commands) {
        if (this.state.status !== 'running') break;
        if (c.kind === 'executeStep') this.launch(c.step, c.attempt);
        else if (c.kind === 'completeApproval') this.completeApproval(c.step, c.outcome);
        else if (c.kind === 'completeTimer') this.succeed(c.step, null);
        else if (c.kind === 'completeRun') this.record([{ type: 'RunSucceeded', at: this.now() }]);
        else if (c.kind === 'compensateStep') launchCompensation(this, c.step);
        else if (c.kind === 'endCompensation') this.endCompensation();
        else if (c.kind === 'pauseBefore') this.record([{ type: 'RunPaused', at: this.now(), reason: c.reason, step: c.step }]);
        else wakeAt = c.dueAt;
        if (c.kind !== 'wakeAt') progressed = true;
      }
      if (progressed) {
        yielded = false;
        continue;
      }
      const onlyPeople = this.inFlight.size === 0 && !this.hasTimers();
      // A simulation waiting for people with no deadline cannot move on by itself either.
      const stuck = this.state.mode === 'simulate' && wakeAt === undefined;
      if (onlyPeople && (options.stopWhenWaiting || stuck)) {
        // Instant steps can leave an answer queued as a microtask (e.g. from onEvent): let the
        // queue run once before concluding that nobody will answer.
        if (yielded) break;
        yielded = true;
        await null;
        continue;
      }
      yielded = false;
      await this.idle(wakeAt);
    }
  }

  /**
   * Records a person's decision on a waiting approval. Throws RunRequestError when the step is not
   * waiting or `by` is not one of its approvers (DESIGN.md "Security": only listed approvers decide).
   */
  answerApproval(step: StepId, by: string, verdict: 'approve' | 'reject', comment?: string): void {
    waitingApproval(this.state, step, by);
    this.record([{ type: 'ApprovalGiven', at: this.now(), step, by, verdict, ...(comment ? { comment } : {}) }]);
    this.notify();
  }

  /**
   * Moves a waiting approval's deadline to `dueAt` (epoch ms, after now and after the current one).
   * Only a listed approver may; journaled with who and why. Throws RunRequestError otherwise.
   */
  extendApproval(step: StepId, by: string, dueAt: EpochMs, comment?: string): void {
    checkExtension(waitingApproval(this.state, step, by), step, dueAt, this.now());
    this.record([{ type: 'ApprovalExtended', at: this.now(), step, by, dueAt, ...(comment ? { comment } : {}) }]);
    this.notify();
  }

  /**
   * Cancels the run: aborts the steps in flight, runs the compensations of completed steps (when
   * driven on), then records RunCancelled. No-op when the run has ended or is already rolling back.
   */
  cancel(reason = 'cancelled by user'): void {
    if ((this.state.status !== 'running' && this.state.status !== 'paused') || this.state.compensation) return;
    if (this.state.status === 'paused') this.record([{ type: 'RunResumed', at: this.now(), stepping: false }]);
    if (nextCompensation(this.flow, this.state) === undefined) this.record([{ type: 'RunCancelled', at: this.now(), reason }]);
    else this.record([{ type: 'CompensationStarted', at: this.now(), reason: 'cancelled', error: null }]);
    this.abortInFlight('run cancelled');
    this.notify();
  }

  abortInFlight(why: string): void {
    for (const a of this.inFlight.values()) a.abort(new StepFailure('Cancelled', why));
  }

  private endCompensation(): void {
    const c = this.state.compensation!;
    if (c.reason === 'cancelled') this.record([{ type: 'RunCancelled', at: this.now(), reason: 'cancelled by user' }]);
    else this.record([{ type: 'RunFailed', at: this.now(), error: c.error!, ...(c.step ? { step: c.step } : {}) }]);
  }

  now(): EpochMs {
    return this.deps.clock.now();
  }

  /** Wakes the driver loop (a step finished, a person answered, the run was cancelled). */
  notify(): void {
    this.waker.wake();
  }

  /** Waits for notify() or, when given, for `wakeAt` on the run's clock. */
  private idle(wakeAt?: EpochMs): Promise<void> {
    return this.waker.wait(wakeAt);
  }

  private hasTimers(): boolean {
    for (const id of this.state.open) {
      const s = this.state.steps[id]!;
      if (s.retryDueAt !== null || s.timerDueAt !== null) return true;
    }
    return false;
  }

  /** Aborts what is still in flight after the run ended and waits for it to stop. */
  private async settle(): Promise<void> {
    this.abortInFlight(`run ${this.state.status}`);
    while (this.inFlight.size > 0) await this.idle();
  }

  /**
   * Appends and commits events, then folds and reports them. Drops step results once the run
   * ended; a paused run still journals what its executing steps report.
   */
  record(events: RunEvent[]): void {
    if (this.state.status !== 'running' && this.state.status !== 'paused') return;
    // Once a rollback began, results of the steps it aborted are not journaled.
    if (this.state.compensation && events.some((e) => STEP_PROGRESS.has(e.type))) return;
    this.commit(events);
  }

  /** Journals events that bring an ended run back (a retry of a failed step), then folds them. */
  reopen(events: RunEvent[]): void {
    this.commit(events);
  }

  private commit(raw: RunEvent[]): void {
    if (this.halted) return;
    // Secrets never reach the journal in clear; the state folds what the journal holds.
    const events = this.redactor.isEmpty ? raw : this.redactor.events(raw);
    try {
      this.seq = this.deps.journal.append(this.id, this.seq, events);
    } catch (err) {
      // The journal refused (another process appended first, or the disk failed): this driver's
      // view is no longer the run's. Stop here; the journal keeps what was committed, and drive()
      // rejects with the cause. Never turn it into a step failure.
      this.halt(err instanceof Error ? err : new Error(String(err)));
      return;
    }
    let seq = this.seq - events.length;
    for (const e of events) {
      foldRun(this.state, e);
      this.deps.onEvent?.(this.id, ++seq, e);
    }
  }

  private launch(id: StepId, attempt: number): void {
    const step = stepDef(this.flow, id);
    const at = this.now();
    const outcome = instantOutcome(this.flow, this.state, id, step, attempt, at, this.deps.mockFor);
    if (outcome) {
      this.record([{ type: 'StepStarted', at, step: id, attempt }, outcome]);
      return;
    }
    const handle = new Attempt();
    this.inFlight.set(id, handle);
    // StepStarted is recorded synchronously so the next decide() sees the step running.
    this.record([{ type: 'StepStarted', at, step: id, attempt }]);
    if (this.halted) {
      this.inFlight.delete(id);
      return;
    }
    void executeStep(this, id, step, attempt, handle)
      .catch((err: unknown) => this.attemptFailed(id, attempt, toStepError(err)))
      .finally(() => {
        this.inFlight.delete(id);
        this.notify();
      });
  }

  succeed(id: StepId, output: Json, next?: StepId[], vars?: JsonObject): void {
    if (this.isSkipped(id)) return;
    const step = stepDef(this.flow, id);
    const to = next ?? (step.next ? [step.next] : []);
    this.record([{ type: 'StepSucceeded', at: this.now(), step: id, output, next: to, ...(vars ? { vars } : {}) }]);
  }

  private completeApproval(id: StepId, outcome: 'approved' | 'rejected' | 'timedOut'): void {
    const result = approvalResult(id, this.state.steps[id]?.approval, outcome);
    if ('output' in result) this.succeed(id, result.output);
    else this.fail(stepDef(this.flow, id), id, result.error);
  }

  /** A step skipped by a person, or cancelled by a join, while it executed: its late result is not journaled. */
  private isSkipped(id: StepId): boolean {
    const status = this.state.steps[id]?.status;
    return status === 'skipped' || status === 'cancelled';
  }

  cancelBranches(joinId: StepId): void {
    const region = joinRegion(this.flow, joinId);
    const left = [...this.state.open, ...this.state.ready].filter((id) => region.has(id));
    if (left.length === 0) return;
    const reason = `${joinId} joined without it`;
    for (const id of left) this.inFlight.get(id)?.abort(new StepFailure('Cancelled', reason));
    this.record(left.map((step) => ({ type: 'StepCancelled', at: this.now(), step, reason })));
  }

  private attemptFailed(id: StepId, attempt: number, error: StepError): void {
    if (this.isSkipped(id)) return;
    if ((this.state.status !== 'running' && this.state.status !== 'paused') || this.state.compensation) return;
    const step = stepDef(this.flow, id);
    const policy = step.type === 'task' || step.type === 'map' ? (step.retry ?? this.flow.defaults?.retry) : undefined;
    if (error.name !== 'Cancelled' && canRetry(policy, attempt)) {
      const at = this.now();
      this.record([{ type: 'StepRetryScheduled', at, step: id, attempt, error, dueAt: at + retryDelayMs(policy!, attempt, this.deps.random) }]);
      return;
    }
    this.fail(step, id, error);
  }

  /** A step's final failure: routed onward (catch, onReject…), or the run fails and rolls back. */
  fail(step: Step, id: StepId, error: StepError): void {
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
  'ApprovalExtended', 'StepCancelled',
]);

/** Converts anything an executor or expression threw into step-failure data. */
export function toStepError(err: unknown): StepError {
  if (err instanceof StepFailure) return { name: err.name, message: err.message, ...(err.details !== undefined ? { details: err.details } : {}) };
  if (err instanceof Error && err.name === 'ExpressionError') return { name: 'ExpressionError', message: err.message };
  return { name: 'Error', message: err instanceof Error ? err.message : String(err) };
}
