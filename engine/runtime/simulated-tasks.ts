/**
 * The simulated executor (DESIGN.md "Simulation"): a task attempt answers from its mock (the
 * scenario's per-attempt mock, else the step's own `mock`): waits `mock.duration` on the run's
 * (virtual) clock, then fails with `mock.error` or returns `mock.output`; a step without a mock
 * succeeds with null after zero virtual time. Compensations are recorded without running. An
 * unmocked `call` is not answered here: the driver simulates the called flow as a child run.
 */
import { parseDurationMs } from '../model/duration.js';
import { StepFailure } from '../model/execution.js';
import type { StepId, StepMock, TaskStep } from '../model/flow.js';
import { taskExecutor } from '../model/flow.js';
import type { Clock } from './clock.js';
import type { TaskRunner } from './task-runner.js';

/** Per-attempt mocks (a scenario's), consulted before the step's own `mock`. */
export type MockLookup = (step: StepId, attempt: number) => StepMock | undefined;

/** A TaskRunner that answers from mocks on `clock`. */
export function simulatedTasks(clock: Clock, mockFor?: MockLookup): TaskRunner {
  const mockOf = (id: StepId, step: TaskStep, attempt: number) => mockFor?.(id, attempt) ?? step.mock;
  return {
    async run(step, _bindings, ctx) {
      const mock = mockOf(ctx.step, step, ctx.attempt);
      if (mock?.duration) {
        await clock.sleepUntil(clock.now() + parseDurationMs(mock.duration), ctx.signal);
        if (ctx.signal.aborted) throw ctx.signal.reason instanceof StepFailure ? ctx.signal.reason : new StepFailure('Cancelled', 'aborted');
      }
      if (mock?.error) throw new StepFailure(mock.error.name, mock.error.message ?? `mocked ${mock.error.name}`);
      return mock?.output ?? null;
    },
    compensate: async () => null,
    answersCall: (id, step, attempt) => mockOf(id, step, attempt) !== undefined,
    answerAtOnce(id, step, attempt) {
      const mock = mockOf(id, step, attempt);
      if (mock === undefined && taskExecutor(step) === 'call') return undefined; // simulates the called flow
      if (mock?.duration || mock?.error) return undefined;
      return { output: mock?.output ?? null };
    },
  };
}
