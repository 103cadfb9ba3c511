/**
 * Runs one scenario: a simulation of the flow (RunService, mode `simulate`) on a virtual clock of
 * its own, with the scenario's mocks per attempt (DriverDeps.mockFor) and its approval answers given
 * on that clock, `after` the moment each approval was requested. Nothing runs for real: the driver
 * never calls an executor in simulate mode (DESIGN.md "Simulation and debugging").
 */
import type { JsonObject, StepId, StepMock } from '../model/flow.js';
import { parseDurationMs } from '../model/duration.js';
import { RunService, type RunServiceOptions } from '../service/run-service.js';
import { RunRequestError, type RunDriver } from '../runtime/driver.js';
import type { EpochMs } from '../runtime/events.js';
import { toRunRecord, type RunRecord } from '../runtime/record.js';
import type { RunState } from '../runtime/state.js';
import { VirtualClock } from '../runtime/virtual-clock.js';
import type { Journal } from '../store/journal.js';
import type { ApprovalAnswer, CallbackMock, ResolvedScenario } from './scenario.js';

/** Where and how a scenario runs. */
export interface RunScenarioOptions {
  /** Store for the run's journal: `openJournal(':memory:')` for tests, the user's store for `simulate --scenario`. */
  journal: Journal;
  /** Virtual start time, epoch ms. Default VirtualClock's 2026-01-01T00:00:00Z, so results repeat. */
  startAt?: EpochMs;
  /** Input fields that override the scenario's (`simulate --scenario … --input`). */
  input?: JsonObject;
  /** Called for every journaled event, after the scenario's own handling (progress output). */
  onEvent?: RunServiceOptions['onEvent'];
}

/** The outcome of a scenario run: the final state, its run record, and notes on answers not given. */
export interface ScenarioRun {
  state: RunState;
  record: RunRecord;
  /** E.g. an answer that came after its approval had timed out; shown with the result. */
  notes: string[];
}

/**
 * A run longer than this many events is cancelled: a flow that loops for ever in simulation (say, a
 * catch that leads back to a step whose mock always fails) would otherwise never end.
 */
export const MAX_SCENARIO_EVENTS = 10_000;

/**
 * Simulates `scenario` against the flow at `flowPath` and resolves when the run has ended, or waits
 * for people with nothing left to answer. Throws what RunService.startRun throws (FlowInvalidError,
 * InputError, Error for an unreadable flow).
 */
export async function runScenario(flowPath: string, scenario: ResolvedScenario, options: RunScenarioOptions): Promise<ScenarioRun> {
  const clock = new VirtualClock(options.startAt);
  const ended = new AbortController();
  const pending = new Set<Promise<void>>();
  const notes: string[] = [];
  let driver: RunDriver | undefined;
  let events = 0;
  // A bug while answering (not a refused answer) must fail the scenario run, not vanish.
  let failure: unknown;

  const answerLater = (step: StepId, requestedAt: EpochMs) => {
    for (const answer of scenario.approvals[step] ?? []) {
      const given = clock
        .sleepUntil(requestedAt + parseDurationMs(answer.after ?? '0s'), ended.signal)
        .then(() => give(driver!, step, answer, ended.signal.aborted, notes))
        .catch((err: unknown) => {
          failure ??= err;
          driver?.cancel('scenario error');
        })
        .finally(() => pending.delete(given));
      pending.add(given);
    }
  };
  const callbackLater = (step: StepId, attempt: number, waitingAt: EpochMs) => {
    const answer = scenario.callbacks?.[step];
    if (!answer) return; // unanswered: the wait times out in virtual time
    const given = clock
      .sleepUntil(waitingAt + parseDurationMs(answer.after ?? '0s'), ended.signal)
      .then(() => giveCallback(driver!, step, attempt, answer, ended.signal.aborted, notes))
      .catch((err: unknown) => {
        failure ??= err;
        driver?.cancel('scenario error');
      })
      .finally(() => pending.delete(given));
    pending.add(given);
  };
  const service = new RunService({
    journal: options.journal,
    onEvent: (run, seq, event) => {
      if (event.type === 'ApprovalRequested') answerLater(event.step, event.at);
      if (event.type === 'CallbackWaiting') callbackLater(event.step, event.attempt, event.at);
      if (++events === MAX_SCENARIO_EVENTS) {
        notes.push(`cancelled after ${MAX_SCENARIO_EVENTS} events: the flow seems to loop for ever with these mocks`);
        // Not from inside the driver's own journaling: cancel once this event has been folded.
        queueMicrotask(() => driver?.cancel('scenario event limit'));
      }
      options.onEvent?.(run, seq, event);
    },
  });
  driver = service.startRun({
    path: flowPath,
    input: { ...scenario.input, ...options.input },
    mode: 'simulate',
    simulation: { clock, mockFor: mockSource(scenario.mocks) },
  });

  let state: RunState;
  for (;;) {
    state = await driver.drive({ stopWhenWaiting: false });
    // A simulation waiting at an approval with no deadline stops driving; an answer due later moves it on.
    if (state.status !== 'running' || pending.size === 0) break;
    await Promise.race(pending);
  }
  ended.abort();
  await Promise.all(pending);
  if (failure !== undefined) throw failure;
  return { state, record: toRunRecord(state), notes };
}

/**
 * The per-attempt mock lookup for DriverDeps.mockFor: a single mock answers every attempt; a list
 * answers attempt n with item n and repeats its last item past its end. Steps without an entry get
 * undefined, so their own `mock` (or an empty success) applies.
 */
export function mockSource(mocks: Record<StepId, StepMock | StepMock[]>): (step: StepId, attempt: number) => StepMock | undefined {
  return (step, attempt) => {
    const mock = mocks[step];
    if (!Array.isArray(mock)) return mock;
    return mock[Math.min(Math.max(attempt, 1), mock.length) - 1];
  };
}

/**
 * Answers attempt `attempt`'s callback of `step` as the scenario says (no token: the simulation
 * answers the step directly), or notes why it could not (the step stopped waiting, the run ended).
 */
function giveCallback(driver: RunDriver, step: StepId, attempt: number, answer: CallbackMock, runEnded: boolean, notes: string[]): void {
  const what = `the callback answer of ${step} (after ${answer.after ?? '0s'})`;
  if (runEnded) {
    notes.push(`${what} was not given: the run ended first`);
    return;
  }
  try {
    driver.answerCallback(step, attempt, answer.error
      ? { error: { name: answer.error.name, message: answer.error.message ?? `mocked ${answer.error.name}` } }
      : { output: answer.output ?? null });
  } catch (err) {
    if (!(err instanceof RunRequestError)) throw err;
    notes.push(`${what} was not given: ${(err as Error).message}`);
  }
}

/** Gives one answer, or notes why it could not be given (the step no longer waits, the run ended). */
function give(driver: RunDriver, step: StepId, answer: ApprovalAnswer, runEnded: boolean, notes: string[]): void {
  const what = `${answer.by}'s ${answer.verdict} of ${step} (after ${answer.after ?? '0s'})`;
  if (runEnded) {
    notes.push(`${what} was not given: the run ended first`);
    return;
  }
  try {
    driver.answerApproval(step, answer.by, answer.verdict, answer.comment);
  } catch (err) {
    if (!(err instanceof RunRequestError)) throw err;
    const s = driver.state.steps[step];
    notes.push(`${what} was not given: ${step} was no longer waiting (${s?.status ?? 'not started'}${s?.error ? `: ${s.error.name}` : ''})`);
  }
}
