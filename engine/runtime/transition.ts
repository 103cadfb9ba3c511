/**
 * The run's one transition (issue #10 point 1; STYLE.md §2; XState's `transition()`):
 * `(flow, state, input, now, random) → { events, commands }`. Pure: it reads the folded state and
 * never changes it, reads no clock and draws no randomness of its own. The driver journals the
 * events (commit, then fold) and carries out the commands (execute a step's body, run a
 * compensation, abort attempts in flight, sleep until a due time); nothing else decides anything.
 *
 * Inputs: a tick (a timer fired or the driver woke: what is due now), an attempt's result, a
 * compensation's result, a child run started, a person's answer or deadline extension, the answer
 * to a callback token, a cancel,
 * a debugging request. Requests that do not fit the run throw RunRequestError (nothing journaled).
 */
import { parseDurationMs } from '../model/duration.js';
import type { Flow, Json, JsonObject, Step, StepId } from '../model/flow.js';
import { approvalOutcome, decide, joinRegion, nextCompensation, stepDef } from './decide.js';
import type { InFlight } from './decide.js';
import type { EpochMs, RunEvent, RunId, StepError } from './events.js';
import { approvalResult, checkExtension, waitingApproval } from './approvals.js';
import { callbackTask, checkCallbackAnswer } from './callbacks.js';
import { instantOutcome } from './instant.js';
import type { AnswerAtOnce } from './instant.js';
import { canRetry, retryDelayMs } from './retry-delay.js';
import { routeFailure } from './routing.js';
import type { CallbackAnswer, RunState } from './state.js';
import { debugTransition } from './transition-debug.js';
import type { DebugRequest } from './transition-debug.js';

export type { DebugRequest } from './transition-debug.js';

/** What one attempt of a step ended with, as step-exec.ts reports it. */
export type AttemptOutcome =
  /** `next` defaults to the step's own `next`; a branch names the case it took. */
  | { kind: 'succeeded'; output: Json; next?: StepId[]; vars?: JsonObject }
  | { kind: 'failed'; error: StepError }
  /** An approval whose message needed `{{ }}`: it now waits for people. */
  | { kind: 'approvalRequested'; message: string }
  /** A wait step: its timer is due at `dueAt` (epoch ms). */
  | { kind: 'timerStarted'; dueAt: EpochMs }
  /** A task with `callback`: its executor succeeded; the step now waits for its token's answer. */
  | { kind: 'callbackWaiting' };

export type TransitionInput =
  /** The driver woke (a timer fired, an attempt ended, a request came): start what is due now. */
  | { kind: 'tick'; inFlight: InFlight; answerAtOnce?: AnswerAtOnce }
  | { kind: 'attempt'; step: StepId; attempt: number; outcome: AttemptOutcome }
  | { kind: 'compensation'; step: StepId; outcome: { kind: 'succeeded'; output: Json } | { kind: 'failed'; error: StepError } }
  /** A map item or `call` started child run `child` (journaled before the child's own RunStarted). */
  | { kind: 'childRunStarted'; step: StepId; index: number; child: RunId }
  /** An attempt's resolved input (journaled as StepInput while that attempt runs). */
  | { kind: 'input'; step: StepId; attempt: number; input: Json }
  | { kind: 'answer'; step: StepId; by: string; verdict: 'approve' | 'reject'; comment?: string }
  | { kind: 'extend'; step: StepId; by: string; dueAt: EpochMs; comment?: string }
  /**
   * The answer to attempt `attempt`'s callback token. The token was checked (and used up) by the
   * caller (RunService.answerCallback); only step and attempt travel, never the token.
   */
  | { kind: 'callback'; step: StepId; attempt: number; answer: CallbackAnswer }
  | { kind: 'cancel'; reason: string }
  | { kind: 'debug'; request: DebugRequest };

/** The inputs a person sends (through HostApi or the CLI): answers, extensions, cancel, debugging. */
export type PersonRequest = Extract<TransitionInput, { kind: 'answer' | 'extend' | 'callback' | 'cancel' | 'debug' }>;

/** What the driver carries out after journaling the events. */
export type DriverCommand =
  /** Execute the body of `step` (step-exec.ts); its StepStarted is among the events. */
  | { kind: 'execute'; step: StepId; attempt: number }
  /** End the callback wait of attempt `attempt` of `step` (its answer, or Timeout): step-exec.ts finishCallback. */
  | { kind: 'finishCallback'; step: StepId; attempt: number }
  /** Run the `compensate` body of `step` (rollback). */
  | { kind: 'compensate'; step: StepId }
  /** Abort the attempts in flight (all, or these steps) with `error`; their late results are dropped. */
  | { kind: 'abort'; steps: StepId[] | 'all'; error: StepError }
  /** Nothing is due before `dueAt` (epoch ms): sleep until then unless woken. */
  | { kind: 'wakeAt'; dueAt: EpochMs };

export interface Transition {
  events: RunEvent[];
  commands: DriverCommand[];
  /**
   * Set when a request was too late to count (an answer after the approval's deadline): the
   * events carry what the deadline decided, and the caller tells the person this message.
   */
  refused?: string;
}

const NONE: Transition = Object.freeze({ events: [], commands: [] }) as Transition;

/** The run's next events and commands for `input` at `now` (see the module comment). */
export function transition(flow: Flow, run: RunState, input: TransitionInput, now: EpochMs, random: () => number): Transition {
  switch (input.kind) {
    case 'tick':
      return tick(flow, run, input.inFlight, input.answerAtOnce, now);
    case 'attempt':
      return attemptEnded(flow, run, input.step, input.attempt, input.outcome, now, random);
    case 'compensation':
      if (!isOpen(run)) return NONE;
      return {
        events: [
          input.outcome.kind === 'succeeded'
            ? { type: 'StepCompensated', at: now, step: input.step, output: input.outcome.output }
            : { type: 'StepCompensationFailed', at: now, step: input.step, error: input.outcome.error },
        ],
        commands: [],
      };
    case 'childRunStarted':
      if (!isOpen(run)) return NONE;
      return { events: [{ type: 'ChildRunStarted', at: now, step: input.step, index: input.index, child: input.child }], commands: [] };
    case 'input': {
      const s = run.steps[input.step];
      if (!isOpen(run) || s?.status !== 'running' || s.attempts !== input.attempt) return NONE;
      return { events: [{ type: 'StepInput', at: now, step: input.step, attempt: input.attempt, input: input.input }], commands: [] };
    }
    case 'answer':
      return answer(flow, run, input, now);
    case 'callback': {
      const checked = checkCallbackAnswer(flow, run, input.step, input.attempt, input.answer, now);
      if ('refused' in checked) return { events: [], commands: [], refused: checked.refused };
      return { events: [checked.event], commands: [] };
    }
    case 'extend': {
      const s = waitingApproval(run, input.step, input.by);
      const pastDue = lateBy(s.approval.dueAt, now);
      if (pastDue) return { ...decideApproval(flow, run, input.step, now), refused: `${pastDue}; it can no longer be extended` };
      checkExtension(s, input.step, input.dueAt, now);
      const { step, by, dueAt, comment } = input;
      return { events: [{ type: 'ApprovalExtended', at: now, step, by, dueAt, ...(comment ? { comment } : {}) }], commands: [] };
    }
    case 'cancel':
      return cancel(flow, run, input.reason, now);
    case 'debug':
      return debugTransition(flow, run, input.request, now);
  }
}

/** True while the run may still journal step progress (running or paused). */
function isOpen(run: RunState): boolean {
  return run.status === 'running' || run.status === 'paused';
}

/** What is due at `now`: decide()'s commands turned into events and driver commands. */
function tick(flow: Flow, run: RunState, inFlight: InFlight, answerAtOnce: AnswerAtOnce | undefined, now: EpochMs): Transition {
  const out = new Batch(flow, run, now);
  for (const c of decide(flow, run, now, inFlight)) {
    if (out.stopped) break;
    switch (c.kind) {
      case 'executeStep':
        out.enter(c.step, c.attempt, answerAtOnce);
        break;
      case 'completeApproval':
        out.completeApproval(c.step, c.outcome);
        break;
      case 'completeTimer':
        out.succeed(c.step, null);
        break;
      case 'finishCallback':
        out.commands.push({ kind: 'finishCallback', step: c.step, attempt: c.attempt });
        break;
      case 'completeRun':
        out.end({ type: 'RunSucceeded', at: now });
        break;
      case 'compensateStep':
        out.commands.push({ kind: 'compensate', step: c.step });
        break;
      case 'endCompensation': {
        const comp = run.compensation!;
        out.end(comp.reason === 'cancelled'
          ? { type: 'RunCancelled', at: now, reason: 'cancelled by user' }
          : { type: 'RunFailed', at: now, error: comp.error!, ...(comp.step ? { step: comp.step } : {}) });
        break;
      }
      case 'pauseBefore':
        out.end({ type: 'RunPaused', at: now, reason: c.reason, step: c.step });
        break;
      case 'wakeAt':
        out.commands.push({ kind: 'wakeAt', dueAt: c.dueAt });
        break;
    }
  }
  return out.result();
}

/** An attempt's result: success, retry, routed failure, or a failure that fails the run. */
function attemptEnded(flow: Flow, run: RunState, id: StepId, attempt: number, outcome: AttemptOutcome, now: EpochMs, random: () => number): Transition {
  // Results of a step skipped or cancelled meanwhile, or of steps a rollback aborted, are dropped.
  if (!isOpen(run) || run.compensation) return NONE;
  const status = run.steps[id]?.status;
  if (status === 'skipped' || status === 'cancelled') return NONE;
  const step = stepDef(flow, id);
  const out = new Batch(flow, run, now);
  switch (outcome.kind) {
    case 'succeeded':
      out.succeed(id, outcome.output, outcome.next, outcome.vars);
      break;
    case 'failed': {
      const policy = step.type === 'task' || step.type === 'map' ? (step.retry ?? flow.defaults?.retry) : undefined;
      if (outcome.error.name !== 'Cancelled' && canRetry(policy, attempt)) {
        const dueAt = now + retryDelayMs(policy!, attempt, random);
        return { events: [{ type: 'StepRetryScheduled', at: now, step: id, attempt, error: outcome.error, dueAt }], commands: [] };
      }
      out.fail(step, id, outcome.error);
      break;
    }
    case 'approvalRequested': {
      if (step.type !== 'approval') throw new Error(`${id} is not an approval`);
      const due = step.timeout ?? flow.defaults?.timeout;
      const startedAt = run.steps[id]?.startedAt ?? now;
      return {
        events: [{
          type: 'ApprovalRequested', at: now, step: id, approvers: step.approvers, quorum: step.quorum ?? 1, message: outcome.message,
          dueAt: due === undefined ? null : startedAt + parseDurationMs(due),
        }],
        commands: [],
      };
    }
    case 'timerStarted':
      return { events: [{ type: 'TimerStarted', at: now, step: id, dueAt: outcome.dueAt }], commands: [] };
    case 'callbackWaiting': {
      const task = callbackTask(flow, id);
      if (!task) throw new Error(`${id} has no callback`);
      // The timeout counts from the moment the wait begins (the executor has sent the token).
      return { events: [{ type: 'CallbackWaiting', at: now, step: id, attempt, dueAt: now + parseDurationMs(task.callback.timeout) }], commands: [] };
    }
  }
  return out.result();
}

/**
 * A person's answer. Only listed approvers of a waiting approval may answer (RunRequestError
 * otherwise). An answer at or after the deadline does not count (#11 item 8: the deadline decides,
 * not who got there first): the approval ends as it stood at its deadline, and `refused` says so.
 */
function answer(flow: Flow, run: RunState, input: Extract<TransitionInput, { kind: 'answer' }>, now: EpochMs): Transition {
  const s = waitingApproval(run, input.step, input.by);
  const pastDue = lateBy(s.approval.dueAt, now);
  if (pastDue) return { ...decideApproval(flow, run, input.step, now), refused: `${pastDue}; the answer of ${input.by} was not counted` };
  const { step, by, verdict, comment } = input;
  return { events: [{ type: 'ApprovalGiven', at: now, step, by, verdict, ...(comment ? { comment } : {}) }], commands: [] };
}

/** "the deadline of … passed at …" when `dueAt` is at or before `now`, else undefined. */
function lateBy(dueAt: EpochMs | null, now: EpochMs): string | undefined {
  if (dueAt === null || dueAt > now) return undefined;
  return `the deadline passed at ${new Date(dueAt).toISOString()}`;
}

/** The events that end approval `id` as its deadline decided (quorum or rejection before it, else timeout). */
function decideApproval(flow: Flow, run: RunState, id: StepId, now: EpochMs): Transition {
  const out = new Batch(flow, run, now);
  out.completeApproval(id, approvalOutcome(run.steps[id]!, now) ?? 'timedOut');
  return out.result();
}

/**
 * Cancels the run: the steps in flight are aborted, completed steps with a `compensate` body are
 * rolled back (when driven on), then RunCancelled. No-op once the run ended or is rolling back.
 */
function cancel(flow: Flow, run: RunState, reason: string, now: EpochMs): Transition {
  if (!isOpen(run) || run.compensation) return NONE;
  const events: RunEvent[] = [];
  if (run.status === 'paused') events.push({ type: 'RunResumed', at: now, stepping: false });
  if (nextCompensation(flow, run) === undefined) events.push({ type: 'RunCancelled', at: now, reason });
  else events.push({ type: 'CompensationStarted', at: now, reason: 'cancelled', error: null });
  return { events, commands: [{ kind: 'abort', steps: 'all', error: { name: 'Cancelled', message: 'run cancelled' } }] };
}

/**
 * Events and commands built up within one transition. The state is not folded in between, so the
 * batch remembers what its own events changed that later steps of the batch read: steps it ended or
 * set aside, steps it completed (the saga's order), and whether the run stopped.
 */
class Batch {
  /** Replaced, not pushed to, while empty: see enter(). */
  events: RunEvent[] = [];
  readonly commands: DriverCommand[] = [];
  /** The run ended, paused or began rolling back: nothing further in this batch. */
  stopped = false;
  /**
   * Steps with a `compensate` body completed in this batch (a failure later in the batch must roll
   * them back). Only those: made on first use, so most batches allocate nothing here (bench W1/W5).
   */
  private completedNow: StepId[] | null = null;
  private setAside: Set<StepId> | null = null;

  constructor(
    private readonly flow: Flow,
    private readonly run: RunState,
    private readonly now: EpochMs,
  ) {}

  result(): Transition {
    return { events: this.events, commands: this.commands };
  }

  /** Journals an event that ends or pauses the run (nothing more in this batch). */
  end(event: RunEvent): void {
    this.events.push(event);
    this.stopped = true;
  }

  /** Starts attempt `attempt` of `id`: at once when its outcome needs no I/O, else an `execute` command. */
  enter(id: StepId, attempt: number, answerAtOnce: AnswerAtOnce | undefined): void {
    if (this.setAside?.has(id)) return;
    const step = stepDef(this.flow, id);
    const at = this.now;
    const started: RunEvent = { type: 'StepStarted', at, step: id, attempt };
    if (step.type === 'join' && step.mode !== undefined && step.mode !== 'all') {
      // An `any`/`count` join fires before every branch arrived: the rest are cancelled.
      this.events.push(started);
      this.cancelBranches(id);
      this.succeed(id, null);
      return;
    }
    const outcome = instantOutcome(this.flow, id, step, attempt, at, answerAtOnce);
    if (!outcome) {
      this.events.push(started);
      this.commands.push({ kind: 'execute', step: id, attempt });
      return;
    }
    // The usual batch is exactly these two events: an array literal of two, not a push that
    // grows an empty array to 17 slots (bench W1: allocations per step).
    if (this.events.length === 0) this.events = [started, outcome];
    else this.events.push(started, outcome);
    if (outcome.type === 'StepSucceeded') this.completed(id, step);
  }

  succeed(id: StepId, output: Json, next?: StepId[], vars?: JsonObject): void {
    const step = stepDef(this.flow, id);
    const to = next ?? (step.next ? [step.next] : []);
    this.events.push(vars
      ? { type: 'StepSucceeded', at: this.now, step: id, output, next: to, vars }
      : { type: 'StepSucceeded', at: this.now, step: id, output, next: to });
    this.completed(id, step);
  }

  completeApproval(id: StepId, outcome: 'approved' | 'rejected' | 'timedOut'): void {
    const result = approvalResult(id, this.run.steps[id]?.approval, outcome);
    if ('output' in result) this.succeed(id, result.output);
    else this.fail(stepDef(this.flow, id), id, result.error);
  }

  /** A step's final failure: routed onward (catch, onReject…), or the run fails and rolls back. */
  fail(step: Step, id: StepId, error: StepError): void {
    const route = routeFailure(step, error);
    this.events.push({ type: 'StepFailed', at: this.now, step: id, error, handled: route !== null, next: route ?? [] });
    if (route !== null) return;
    if (!this.hasCompensation()) {
      this.end({ type: 'RunFailed', at: this.now, error, step: id });
      return;
    }
    this.end({ type: 'CompensationStarted', at: this.now, reason: 'failed', error, step: id });
    this.commands.push({ kind: 'abort', steps: 'all', error: { name: 'Cancelled', message: `run failed at ${id}` } });
  }

  private completed(id: StepId, step: Step): void {
    if (step.compensate !== undefined) (this.completedNow ??= []).push(id);
  }

  /** Cancels the steps still open or ready inside join `joinId`'s parallel block. */
  private cancelBranches(joinId: StepId): void {
    const region = joinRegion(this.flow, joinId);
    const setAside = (this.setAside ??= new Set());
    const left = [...this.run.open, ...this.run.ready].filter((id) => region.has(id) && !setAside.has(id));
    if (left.length === 0) return;
    const reason = `${joinId} joined without it`;
    for (const step of left) {
      setAside.add(step);
      this.events.push({ type: 'StepCancelled', at: this.now, step, reason });
    }
    this.commands.push({ kind: 'abort', steps: left, error: { name: 'Cancelled', message: reason } });
  }

  /** Whether a completed step (before or within this batch) has a compensation left to run. */
  private hasCompensation(): boolean {
    if (nextCompensation(this.flow, this.run) !== undefined) return true;
    return (this.completedNow ?? []).some((id) => !this.run.compensationsRun.has(id));
  }
}
