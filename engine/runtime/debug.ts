/**
 * The debugging protocol (DESIGN.md "Simulation and debugging"; issue #3 item 7): breakpoints,
 * pause, step, continue, edit vars, skip a step, retry a failed step. Each request is journaled as
 * an event, so a pause survives a restart and shows in history; run-from is a new run (host).
 * Works the same for real runs and simulations. Every function throws RunRequestError with a
 * CLI-ready message when the run is not in a state that allows the request.
 */
import type { JsonObject, StepId } from '../model/flow.js';
import { StepFailure } from '../model/execution.js';
import { stepDef } from './decide.js';
import type { RunDriver } from './driver.js';
import { RunRequestError } from './driver.js';

function ensureKnown(driver: RunDriver, steps: readonly StepId[]): void {
  for (const id of steps) {
    if (!driver.flow.steps[id]) {
      throw new RunRequestError(`${id} is not a step of ${driver.flow.name}; steps: ${Object.keys(driver.flow.steps).join(', ')}`);
    }
  }
}

function ensureOpen(driver: RunDriver, what: string): void {
  const status = driver.state.status;
  if (status !== 'running' && status !== 'paused') throw new RunRequestError(`cannot ${what}: run ${driver.id} has ${status}`);
}

/** Replaces the run's breakpoints (steps to pause before). */
export function setBreakpoints(driver: RunDriver, steps: readonly StepId[]): void {
  ensureKnown(driver, steps);
  ensureOpen(driver, 'set breakpoints');
  driver.record([{ type: 'BreakpointsSet', at: driver.now(), steps: [...steps] }]);
  driver.notify();
}

/** Pauses a running run: no step starts until continueRun; steps already executing finish. */
export function pauseRun(driver: RunDriver, by?: string): void {
  if (driver.state.status === 'paused') return;
  ensureOpen(driver, 'pause');
  driver.record([{ type: 'RunPaused', at: driver.now(), reason: 'user', ...(by ? { by } : {}) }]);
  driver.notify();
}

/** Continues a paused run; with `stepping`, it pauses again before the next step that starts. */
export function continueRun(driver: RunDriver, stepping: boolean, by?: string): void {
  if (driver.state.status !== 'paused') throw new RunRequestError(`run ${driver.id} is not paused (status: ${driver.state.status})`);
  driver.record([{ type: 'RunResumed', at: driver.now(), stepping, ...(by ? { by } : {}) }]);
  driver.notify();
}

/** Changes variables of a paused run (`$vars` for the steps that follow). */
export function editVars(driver: RunDriver, vars: JsonObject, by?: string): void {
  if (driver.state.status !== 'paused') {
    throw new RunRequestError(`vars can be edited only while run ${driver.id} is paused (status: ${driver.state.status}); pause it first`);
  }
  driver.record([{ type: 'VarsEdited', at: driver.now(), vars, ...(by ? { by } : {}) }]);
}

/**
 * Skips a step that is about to start (ready, e.g. paused before it) or is executing or waiting:
 * it ends as `skipped` and the path goes on to its `next`. An executing attempt is aborted.
 */
export function skipStep(driver: RunDriver, step: StepId): void {
  ensureKnown(driver, [step]);
  ensureOpen(driver, 'skip a step');
  const s = driver.state;
  if (!s.ready.has(step) && !s.open.has(step)) {
    throw new RunRequestError(`step ${step} of run ${driver.id} is neither about to start nor running (status: ${s.steps[step]?.status ?? 'pending'})`);
  }
  const def = stepDef(driver.flow, step);
  const next = def.type === 'parallel' ? def.branches : def.next ? [def.next] : def.type === 'branch' && def.default ? [def.default] : [];
  driver.inFlight.get(step)?.abort(new StepFailure('Cancelled', `${step} was skipped`));
  driver.record([{ type: 'StepSkipped', at: driver.now(), step, next }]);
  driver.notify();
}

/** Runs a failed step again; a failed or cancelled run goes on from it (its rollback is not undone). */
export function retryStep(driver: RunDriver, step: StepId, by?: string): void {
  ensureKnown(driver, [step]);
  const s = driver.state.steps[step];
  if (s?.status !== 'failed') throw new RunRequestError(`step ${step} of run ${driver.id} has not failed (status: ${s?.status ?? 'pending'})`);
  if (driver.state.status === 'succeeded') throw new RunRequestError(`run ${driver.id} has succeeded; start a new run instead`);
  driver.reopen([{ type: 'StepRetryRequested', at: driver.now(), step, ...(by ? { by } : {}) }]);
  driver.notify();
}
