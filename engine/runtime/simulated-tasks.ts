/**
 * The simulated executor (DESIGN.md "Simulation"): a task attempt answers from its mock (the
 * scenario's per-attempt mock, else the step's own `mock`): waits `mock.duration` on the run's
 * (virtual) clock, then fails with `mock.error` or returns `mock.output`; a step without a mock
 * succeeds with null after zero virtual time. Compensations are recorded without running. An
 * unmocked `call` is not answered here: the driver simulates the called flow as a child run.
 */
import { parseDurationMs } from '../model/duration.js';
import { StepFailure } from '../model/execution.js';
import type { ExecContext } from '../model/execution.js';
import type { Json, StepId, StepMock, TaskStep } from '../model/flow.js';
import { taskExecutor } from '../model/flow.js';
import type { Clock } from './clock.js';
import type { AnswerAtOnce } from './instant.js';
import type { TaskRunner } from './task-runner.js';

/** Per-attempt mocks (a scenario's), consulted before the step's own `mock`. */
export type MockLookup = (step: StepId, attempt: number) => StepMock | undefined;

/**
 * A TaskRunner that answers from mocks on `clock`. Without per-attempt mocks one runner per clock
 * is shared by every run on it: a simulation of many runs (bench W5/W7) keeps no runner per run.
 */
export function simulatedTasks(clock: Clock, mockFor?: MockLookup): TaskRunner {
  if (mockFor) return new SimulatedTasks(clock, mockFor);
  let shared = sharedByClock.get(clock);
  if (!shared) {
    shared = new SimulatedTasks(clock);
    sharedByClock.set(clock, shared);
  }
  return shared;
}

const sharedByClock = new WeakMap<Clock, SimulatedTasks>();
const NULL_OUTPUT: { output: Json } = Object.freeze({ output: null });

class SimulatedTasks implements TaskRunner {
  constructor(
    private readonly clock: Clock,
    private readonly mockFor?: MockLookup,
  ) {}

  async run(step: TaskStep, _bindings: unknown, ctx: ExecContext): Promise<Json> {
    const mock = this.mockOf(ctx.step, step, ctx.attempt);
    if (mock?.duration) {
      await this.clock.sleepUntil(this.clock.now() + parseDurationMs(mock.duration), ctx.signal);
      if (ctx.signal.aborted) throw ctx.signal.reason instanceof StepFailure ? ctx.signal.reason : new StepFailure('Cancelled', 'aborted');
    }
    if (mock?.error) throw new StepFailure(mock.error.name, mock.error.message ?? `mocked ${mock.error.name}`);
    return mock?.output ?? null;
  }

  compensate(): Promise<Json> {
    return Promise.resolve(null);
  }

  answersCall(id: StepId, step: TaskStep, attempt: number): boolean {
    return this.mockOf(id, step, attempt) !== undefined;
  }

  /** Bound (the transition calls it as a plain function): a property, made once per runner. */
  readonly answerAtOnce: AnswerAtOnce = (id, step, attempt) => {
    const mock = this.mockOf(id, step, attempt);
    if (mock === undefined && step.call !== undefined && taskExecutor(step) === 'call') return undefined; // simulates the called flow
    if (mock?.duration || mock?.error) return undefined;
    const output = mock?.output;
    return output === undefined || output === null ? NULL_OUTPUT : { output }; // most steps: no object per step
  };

  private mockOf(id: StepId, step: TaskStep, attempt: number): StepMock | undefined {
    return this.mockFor?.(id, attempt) ?? step.mock;
  }
}
