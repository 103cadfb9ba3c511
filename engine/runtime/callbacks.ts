/**
 * The rules of callback waits that need no effects (DESIGN.md "Waiting for an outside system";
 * Step Functions' `.waitForTaskToken`): which answers a step may still take, and what an answer
 * or an expired wait ends the attempt with. Tokens themselves are made and checked outside the
 * runtime (engine/service/callback-tokens.ts): the runtime only asks for one through
 * DriverDeps.callbacks and never journals it.
 */
import type { Flow, StepId, TaskStep } from '../model/flow.js';
import type { EpochMs, RunEvent, StepError } from './events.js';
import { RunRequestError } from './request-error.js';
import type { CallbackAnswer, RunState } from './state.js';

/** Name under which a token appears in redacted logs and messages: `***CALLBACK_TOKEN***`. */
export const CALLBACK_TOKEN_NAME = 'CALLBACK_TOKEN';

/**
 * Issues callback tokens for a driver (DriverDeps.callbacks). The host's implementation draws at
 * least 128 random bits (crypto.randomBytes) and stores only the token's SHA-256 with the run,
 * step and attempt it answers; the runtime has no randomness of its own (STYLE.md §2).
 */
export interface CallbackTokens {
  /** A new single-use token for attempt `attempt` of `step` in `run`, recorded before it is returned. */
  issue(at: { run: string; step: StepId; attempt: number; now: EpochMs }): string;
}

/** The task definition of `id` when it has a `callback`, else undefined. */
export function callbackTask(flow: Flow, id: StepId): (TaskStep & { callback: NonNullable<TaskStep['callback']> }) | undefined {
  const step = flow.steps[id];
  return step?.type === 'task' && step.callback ? (step as TaskStep & { callback: NonNullable<TaskStep['callback']> }) : undefined;
}

/**
 * The CallbackAnswered event for an answer to attempt `attempt` of `id`, after checking that the
 * step still takes it: the run is open, the step runs that attempt (its executor may still run) or
 * waits for it, and nothing answered it yet. Throws RunRequestError with a CLI-ready message
 * otherwise. Returns `{refused}` when the wait already passed its deadline (the deadline decides,
 * as for approvals: DESIGN.md "Approvals", #11 item 8).
 */
export function checkCallbackAnswer(
  flow: Flow,
  run: RunState,
  id: StepId,
  attempt: number,
  answer: CallbackAnswer,
  now: EpochMs,
): { event: RunEvent } | { refused: string } {
  if (!callbackTask(flow, id)) throw new RunRequestError(`${id} is not a task with a callback in flow ${flow.name}`);
  if ((run.status !== 'running' && run.status !== 'paused') || run.compensation) {
    throw new RunRequestError(`run ${run.id} has ${run.compensation ? 'failed and is rolling back' : run.status}; the callback of ${id} can no longer be answered`);
  }
  const s = run.steps[id];
  const live = s && s.attempts === attempt && (s.status === 'waiting' || (s.status === 'running' && s.retryDueAt === null));
  if (!live) {
    throw new RunRequestError(
      `step ${id} of run ${run.id} no longer waits for this callback (it was for attempt ${attempt}; the step is ${s?.status ?? 'pending'}, attempt ${s?.attempts ?? 0})`,
    );
  }
  if (s.callback?.answer) throw new RunRequestError(`the callback of step ${id} (attempt ${attempt}) of run ${run.id} was already answered`);
  const due = s.status === 'waiting' ? (s.callback?.dueAt ?? null) : null;
  if (due !== null && due <= now) return { refused: `the callback timed out at ${new Date(due).toISOString()}; the answer was not counted` };
  return {
    event: { type: 'CallbackAnswered', at: now, step: id, attempt, ...('error' in answer ? { error: answer.error } : { output: answer.output }) },
  };
}

/** The error an unanswered callback fails its attempt with. */
export function callbackTimeout(id: StepId, timeout: string): StepError {
  return { name: 'Timeout', message: `${id}: no answer to its callback within ${timeout}` };
}
