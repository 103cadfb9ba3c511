/**
 * How a driver executes task bodies (issue #10 point 1: executors come in through the driver's
 * dependencies). The host passes the real executors (shell, http, script, notify); a simulation
 * uses simulated-tasks.ts, which answers from mocks. The runtime never imports an executor.
 */
import type { Bindings } from '../expr/index.js';
import type { ExecContext } from '../model/execution.js';
import { StepFailure } from '../model/execution.js';
import type { Json, StepId, TaskBody, TaskStep } from '../model/flow.js';
import type { AnswerAtOnce } from './instant.js';

export interface TaskRunner {
  /**
   * Executes one attempt of task `step` (its shell, http, script or notify body; `call` only when
   * answersCall said so) and resolves with the raw output. Rejects with a StepFailure.
   */
  run(step: TaskStep, bindings: Bindings, ctx: ExecContext): Promise<Json>;
  /** Executes a completed step's `compensate` body (ctx.attempt is 0). Rejects with a StepFailure. */
  compensate(body: TaskBody, bindings: Bindings, ctx: ExecContext): Promise<Json>;
  /** Whether this runner answers `call` task `id` itself (a mocked call) instead of running the called flow. */
  answersCall?(id: StepId, step: TaskStep, attempt: number): boolean;
  /** Answers a task attempt synchronously when it can (see instant.ts). */
  answerAtOnce?: AnswerAtOnce;
}

/** A runner for drivers given no executors: every task fails `Unsupported` (tests of pure flows). */
export const noTaskRunner: TaskRunner = {
  run: () => Promise.reject(new StepFailure('Unsupported', 'this host runs no executors (DriverDeps.tasks)')),
  compensate: () => Promise.reject(new StepFailure('Unsupported', 'this host runs no executors (DriverDeps.tasks)')),
};
