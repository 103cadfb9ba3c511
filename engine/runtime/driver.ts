/**
 * The one place where a run's effects happen (STYLE.md §2): hands each input (a tick, an attempt's
 * result, a person's request) to the pure transition (transition.ts), appends the events it returns
 * to the journal (committed before anything is reported), folds them, then carries out its
 * commands: execute a step's body (step-exec.ts), run a compensation, abort attempts, sleep until a
 * due time. One RunDriver drives one run in this process.
 */
import { StepFailure } from '../model/execution.js';
import type { Flow, Json, StepId, StepMock } from '../model/flow.js';
import { boundInput } from './step-input.js';
import { AbortHandle } from './abort-handle.js';
import type { ChildRuns } from './children.js';
import type { Clock } from './clock.js';
import { stepDef } from './decide.js';
import type { EpochMs, RunEvent, RunId, StepError } from './events.js';
import { foldInto, initialState } from './fold.js';
import type { CallbackAnswer, RunState } from './state.js';
import { OutsideWaits } from './outside-waits.js';
import { setRunEnv } from './bindings.js';
import type { Redactor } from './secrets.js';
import { redactorOf } from './secrets.js';
import { executeStep, finishCallback, runCompensation } from './step-exec.js';
import type { CallbackTokens } from './callbacks.js';
import type { StepHost } from './step-exec.js';
import { Waker } from './waker.js';
import { RunRequestError } from './request-error.js';
import { simulatedTasks } from './simulated-tasks.js';
import type { TaskRunner } from './task-runner.js';
import { noTaskRunner } from './task-runner.js';
import { transition } from './transition.js';
import type { AttemptOutcome, DriverCommand, PersonRequest, Transition, TransitionInput } from './transition.js';

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
  /**
   * How task bodies run: the real executors (the host passes them) or mocks. Default: the
   * simulated executor for a simulation, and for a real run a runner that fails every task.
   */
  tasks?: TaskRunner;
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
  /**
   * Issues the tokens of tasks with `callback` (the service's, backed by the store; callbacks.ts).
   * Without it such a task fails `Unsupported`.
   */
  callbacks?: CallbackTokens;
  /** Called with each chunk a step prints, after it is stored. */
  onLog?(run: RunId, step: StepId, attempt: number, stream: 'stdout' | 'stderr', text: string): void;
}

export interface DriveOptions {
  /** Return when the run only waits for people (the CLI's exit 3); else keep waiting for answers. */
  stopWhenWaiting: boolean;
}

export { RunRequestError } from './request-error.js';

export class RunDriver implements StepHost {
  /** Attempts (and compensations) this process is executing, by step: their abort handles. */
  readonly inFlight = new Map<StepId, AbortHandle>();
  readonly tasks: TaskRunner;
  private readonly waker: Waker;
  private seq: number;
  private driving: Promise<RunState> | null = null;
  /** Why this driver stopped driving (see halt()), or null. */
  private halted: Error | null = null;
  private readonly redactor: Redactor;
  /** The run's state: folded in place by this driver only (callers read it, never change it). */
  readonly state: RunState;
  /** Steps waiting for an outside answer, when the clock can be held (virtual clocks); else null. */
  private readonly outside: OutsideWaits | null;
  /** The tick input, the same every time (inFlight is live): made once, not once per loop. */
  private readonly tickInput: TransitionInput;

  /** Drives a run whose journal (at least RunStarted) is `events`, for `flow`. */
  constructor(
    readonly flow: Flow,
    events: readonly RunEvent[],
    readonly deps: DriverDeps,
  ) {
    const first = events[0];
    if (!first) throw new Error('a run needs its RunStarted event');
    this.state = initialState(first);
    for (let i = 1; i < events.length; i++) foldInto(this.state, events[i]!);
    this.seq = events.length;
    this.redactor = redactorOf(deps.secrets ?? {});
    this.waker = new Waker(deps.clock);
    this.tasks = deps.tasks ?? (this.state.mode === 'simulate' ? simulatedTasks(deps.clock, deps.mockFor) : noTaskRunner);
    this.tickInput = { kind: 'tick', inFlight: this.inFlight, ...(this.tasks.answerAtOnce ? { answerAtOnce: this.tasks.answerAtOnce } : {}) };
    // `$env` of this run's expressions: set before any is evaluated (bindings are built lazily).
    if (deps.secrets && Object.keys(deps.secrets).length > 0) setRunEnv(this.state, deps.secrets);
    this.outside = deps.clock.hold ? new OutsideWaits(this.state) : null;
    if (this.outside) deps.clock.hold!(this.id, this.outside.any());
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
    this.abort('all', { name: 'Cancelled', message: `stopped driving: ${cause.message}` });
    this.notify();
  }

  get id(): RunId {
    return this.state.id;
  }

  /**
   * Drives the run until it ends or pauses, or (with stopWhenWaiting) until nothing but approvals
   * and callback waits is open. Timers and retry delays are waited for on the driver's clock. Resolves with the run's
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
      const t = this.apply(this.tickInput);
      let progressed = t.events.length > 0;
      let wakeAt: EpochMs | undefined;
      for (const c of t.commands) {
        if (c.kind === 'wakeAt') wakeAt = c.dueAt;
        else progressed = true;
      }
      if (progressed) {
        yielded = false;
        continue;
      }
      const onlyPeople = this.inFlight.size === 0 && !this.hasTimers();
      // A simulation waiting for people with no deadline cannot move on by itself either.
      // (Unless its clock waits for people: a designer simulation, virtual-clock.ts `held`/`speed`.)
      const stuck = this.state.mode === 'simulate' && wakeAt === undefined && this.deps.clock.waitsForPeople !== true;
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
   * Hands a person's request (an answer, a deadline extension, a cancel, a debugging request) to
   * the transition, journals what it decides and wakes the loop. Throws RunRequestError when the
   * request does not fit the run (nothing is journaled then), or when it came too late to count
   * (an answer after the deadline: what the deadline decided is journaled first).
   */
  request(input: PersonRequest): void {
    const t = this.apply(input);
    this.notify();
    if (t.refused) throw new RunRequestError(refusal(this.id, input, t.refused));
  }

  /**
   * Checks a request against the run as this driver sees it, journaling nothing: throws the
   * RunRequestError that request() would. Used before handing a request to another process.
   */
  check(input: PersonRequest): void {
    const t = transition(this.flow, this.state, input, this.now(), this.deps.random);
    if (t.refused) throw new RunRequestError(refusal(this.id, input, t.refused));
  }

  /**
   * Records a person's decision on a waiting approval. Throws RunRequestError when the step is not
   * waiting, `by` is not one of its approvers (DESIGN.md "Security": only listed approvers decide),
   * or the deadline has passed (#11 item 8: the approval then ends as the deadline decided).
   */
  answerApproval(step: StepId, by: string, verdict: 'approve' | 'reject', comment?: string): void {
    this.request({ kind: 'answer', step, by, verdict, ...(comment ? { comment } : {}) });
  }

  /**
   * Moves a waiting approval's deadline to `dueAt` (epoch ms, after now and after the current one).
   * Only a listed approver may; journaled with who and why. Throws RunRequestError otherwise.
   */
  extendApproval(step: StepId, by: string, dueAt: EpochMs, comment?: string): void {
    this.request({ kind: 'extend', step, by, dueAt, ...(comment ? { comment } : {}) });
  }

  /**
   * Cancels the run: aborts the steps in flight, runs the compensations of completed steps (when
   * driven on), then records RunCancelled. No-op when the run has ended or is already rolling back.
   */
  cancel(reason = 'cancelled by user'): void {
    this.request({ kind: 'cancel', reason });
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
    this.abort('all', { name: 'Cancelled', message: `run ${this.state.status}` });
    while (this.inFlight.size > 0) await this.idle();
  }

  /** The transition for `input` now: journals its events, then carries out its commands. */
  private apply(input: TransitionInput): Transition {
    if (this.halted) return { events: [], commands: [] };
    const t = transition(this.flow, this.state, input, this.now(), this.deps.random);
    if (t.events.length > 0) this.commit(t.events);
    if (this.halted) return t;
    for (const c of t.commands) this.carryOut(c);
    return t;
  }

  private carryOut(c: DriverCommand): void {
    switch (c.kind) {
      case 'execute':
        return this.launch(c.step, c.attempt);
      case 'finishCallback':
        return this.finish(c.step, c.attempt);
      case 'compensate':
        return this.compensate(c.step);
      case 'abort':
        return this.abort(c.steps, c.error);
      case 'wakeAt':
        return; // the loop sleeps until then (steps())
    }
  }

  private abort(steps: StepId[] | 'all', error: StepError): void {
    const handles = steps === 'all' ? [...this.inFlight.values()] : steps.flatMap((id) => this.inFlight.get(id) ?? []);
    // An Error captures a stack: made only when something is in flight (every run's end asks to abort 'all').
    if (handles.length === 0) return;
    const failure = new StepFailure(error.name, error.message);
    for (const h of handles) h.abort(failure);
  }

  /** Appends and commits events, then folds and reports them. A refused append halts the driver. */
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
      this.halt(journalRefusal(this.id, err));
      return;
    }
    let seq = this.seq - events.length;
    const outside = this.outside;
    for (const e of events) {
      foldInto(this.state, e);
      outside?.saw(e);
      this.deps.onEvent?.(this.id, ++seq, e);
    }
    // A held virtual clock stands still while a person (or outside system) may still answer.
    if (outside) this.deps.clock.hold!(this.id, outside.any());
  }

  /** Executes attempt `attempt` of step `id` (its StepStarted is journaled) and reports the outcome. */
  private launch(id: StepId, attempt: number): void {
    const handle = new AbortHandle();
    this.track(id, handle, () => attemptInput(id, attempt, executeStep(this, id, stepDef(this.flow, id), attempt, handle)));
  }

  /**
   * Starts `work` as step `id`'s piece in flight (cancelled through `handle`) and, once it settles,
   * applies the transition input it gives; a failure to apply (the journal refused) halts the driver.
   */
  private track(id: StepId, handle: AbortHandle, work: () => Promise<TransitionInput>): void {
    this.inFlight.set(id, handle);
    void this.applyWhenDone(id, work);
  }

  /** track()'s second half, one async function rather than a then/catch/finally chain per attempt. */
  private async applyWhenDone(id: StepId, work: () => Promise<TransitionInput>): Promise<void> {
    try {
      this.apply(await work());
    } catch (err) {
      this.halt(err instanceof Error ? err : new Error(String(err)));
    } finally {
      this.inFlight.delete(id);
      this.notify();
    }
  }

  /** Ends the callback wait of attempt `attempt` of `id` (its answer, or Timeout) and reports the outcome. */
  private finish(id: StepId, attempt: number): void {
    this.track(id, new AbortHandle(), () => attemptInput(id, attempt, finishCallback(this, id, stepDef(this.flow, id), attempt)));
  }

  /**
   * Records the answer to attempt `attempt`'s callback of `step` (the token was checked by the
   * caller). Throws RunRequestError when the step no longer waits for it or its wait timed out.
   */
  answerCallback(step: StepId, attempt: number, answer: CallbackAnswer): void {
    this.request({ kind: 'callback', step, attempt, answer });
  }

  /** Runs step `id`'s `compensate` body (rollback) and reports the result. */
  private compensate(id: StepId): void {
    const body = stepDef(this.flow, id).compensate!;
    const handle = new AbortHandle();
    this.track(id, handle, () =>
      runCompensation(this, id, body, handle).then(
        (output): TransitionInput => ({ kind: 'compensation', step: id, outcome: { kind: 'succeeded', output } }),
        (err: unknown): TransitionInput => ({ kind: 'compensation', step: id, outcome: { kind: 'failed', error: toStepError(err) } }),
      ),
    );
  }

  childRunStarted(step: StepId, index: number, child: RunId): void {
    this.apply({ kind: 'childRunStarted', step, index, child });
  }

  recordInput(step: StepId, attempt: number, input: Json, redactor: Redactor = this.redactor): void {
    // Redacted before it is bounded: a cut must never keep the start of a secret (step-input.ts).
    const clean = redactor.isEmpty ? input : redactedInput(redactor, step, attempt, input);
    this.apply({ kind: 'input', step, attempt, input: boundInput(clean) });
  }
}

/** An attempt's outcome as the transition's input; a thrown error is the attempt failing with it. */
async function attemptInput(step: StepId, attempt: number, outcome: Promise<AttemptOutcome>): Promise<TransitionInput> {
  try {
    return { kind: 'attempt', step, attempt, outcome: await outcome };
  } catch (err) {
    return { kind: 'attempt', step, attempt, outcome: { kind: 'failed', error: toStepError(err) } };
  }
}

/** `input` with secret values replaced, through the same redaction as journal events. */
function redactedInput(redactor: Redactor, step: StepId, attempt: number, input: Json): Json {
  const [e] = redactor.events([{ type: 'StepInput', at: 0, step, attempt, input }]);
  return e?.type === 'StepInput' ? e.input : null;
}

/** The error a driver halts with when the journal refuses its append (never a raw SQLite message). */
function journalRefusal(run: RunId, err: unknown): Error {
  const message = err instanceof Error ? err.message : String(err);
  if (/UNIQUE constraint failed|appending after seq/.test(message)) {
    return new Error(`run ${run} was moved on by another process at the same time; this process stopped driving it (see: flowsmith show ${run})`);
  }
  return err instanceof Error ? err : new Error(message);
}

function refusal(run: RunId, input: PersonRequest, why: string): string {
  return `${'step' in input ? `step ${input.step} of ` : ''}run ${run}: ${why}`;
}

/** Converts anything an executor or expression threw into step-failure data. */
export function toStepError(err: unknown): StepError {
  if (err instanceof StepFailure) return { name: err.name, message: err.message, ...(err.details !== undefined ? { details: err.details } : {}) };
  if (err instanceof Error && err.name === 'ExpressionError') return { name: 'ExpressionError', message: err.message };
  return { name: 'Error', message: err instanceof Error ? err.message : String(err) };
}
