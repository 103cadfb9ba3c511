/**
 * The debugging protocol as calls on a driver (DESIGN.md "Simulation and debugging"; issue #3
 * item 7). What each request means is decided by transition-debug.ts (pure); these functions hand
 * it to the driver, which journals it and wakes. Run-from is a new run (host). Each throws
 * RunRequestError with a CLI-ready message when the run is not in a state that allows the request.
 */
import type { JsonObject, StepId } from '../model/flow.js';
import type { RunDriver } from './driver.js';

/** Replaces the run's breakpoints (steps to pause before). */
export function setBreakpoints(driver: RunDriver, steps: readonly StepId[]): void {
  driver.request({ kind: 'debug', request: { kind: 'setBreakpoints', steps: [...steps] } });
}

/** Pauses a running run: no step starts until continueRun; steps already executing finish. */
export function pauseRun(driver: RunDriver, by?: string): void {
  driver.request({ kind: 'debug', request: { kind: 'pause', ...(by ? { by } : {}) } });
}

/** Continues a paused run; with `stepping`, it pauses again before the next step that starts. */
export function continueRun(driver: RunDriver, stepping: boolean, by?: string): void {
  driver.request({ kind: 'debug', request: { kind: 'continue', stepping, ...(by ? { by } : {}) } });
}

/** Changes variables of a paused run (`$vars` for the steps that follow). */
export function editVars(driver: RunDriver, vars: JsonObject, by?: string): void {
  driver.request({ kind: 'debug', request: { kind: 'editVars', vars, ...(by ? { by } : {}) } });
}

/** Skips a step that is about to start or is executing or waiting; the path goes on to its `next`. */
export function skipStep(driver: RunDriver, step: StepId): void {
  driver.request({ kind: 'debug', request: { kind: 'skip', step } });
}

/** Runs a failed step again; a failed or cancelled run goes on from it (its rollback is not undone). */
export function retryStep(driver: RunDriver, step: StepId, by?: string): void {
  driver.request({ kind: 'debug', request: { kind: 'retry', step, ...(by ? { by } : {}) } });
}
