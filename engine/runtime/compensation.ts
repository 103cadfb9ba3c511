/**
 * Rollback (saga; DESIGN.md "Errors"): runs one completed step's `compensate` body and journals
 * the result, succeeded or failed. decide.ts picks the order (reverse order of completion).
 */
import type { RunDriver } from './driver.js';
import { toStepError } from './driver.js';
import { Attempt } from './attempt.js';
import { bindingsOf } from './bindings.js';
import { stepDef } from './decide.js';
import { execContext } from './step-exec.js';
import { runTaskBody } from './task.js';
import type { StepId } from '../model/flow.js';

/** Starts step `id`'s compensation; simulations journal it without running the body. */
export function launchCompensation(driver: RunDriver, id: StepId): void {
  const body = stepDef(driver.flow, id).compensate!;
  const handle = new Attempt();
  driver.inFlight.set(id, handle);
  const work =
    driver.state.mode === 'simulate'
      ? Promise.resolve(null)
      : runTaskBody(body, bindingsOf(driver.state), execContext(driver, id, 0, handle));
  void work
    .then((output) => driver.record([{ type: 'StepCompensated', at: driver.now(), step: id, output }]))
    .catch((err: unknown) => driver.record([{ type: 'StepCompensationFailed', at: driver.now(), step: id, error: toStepError(err) }]))
    .finally(() => {
      driver.inFlight.delete(id);
      driver.notify();
    });
}
