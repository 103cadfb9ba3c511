/**
 * The debugging half of HostApi (issue #3 item 7), over a RunService: each request is journaled by
 * engine/runtime/debug.ts, then the run is driven on in the background (a paused run's loop ends;
 * continuing starts it again). Errors are RunRequestError with a message for the user.
 */
import { continueRun, editVars, pauseRun, retryStep, setBreakpoints, skipStep } from '../runtime/debug.js';
import type { HostApi } from './api.js';
import type { RunService } from './run-service.js';

/** The names of HostApi's debugging methods. */
export type DebugMethod = 'setBreakpoints' | 'pauseRun' | 'continueRun' | 'editVars' | 'skipStep' | 'retryStep' | 'runFrom';

/** Implements the debugging methods of HostApi over `service`. */
export function createDebugApi(service: RunService): Pick<HostApi, DebugMethod> {
  const onward = (run: string, request: (driver: ReturnType<RunService['open']>) => void) => {
    const driver = service.open(run);
    request(driver);
    service.driveInBackground(driver);
  };
  return {
    async setBreakpoints({ run, steps }) {
      onward(run, (d) => setBreakpoints(d, steps));
    },
    async pauseRun({ run, as }) {
      onward(run, (d) => pauseRun(d, as));
    },
    async continueRun({ run, step, as }) {
      onward(run, (d) => continueRun(d, step === true, as));
    },
    async editVars({ run, vars, as }) {
      onward(run, (d) => editVars(d, vars, as));
    },
    async skipStep({ run, step }) {
      onward(run, (d) => skipStep(d, step));
    },
    async retryStep({ run, step, as }) {
      onward(run, (d) => retryStep(d, step, as));
    },
    async runFrom({ run, step, mode, breakpoints }) {
      const driver = service.startRun({ from: { run, step }, ...(mode ? { mode } : {}), ...(breakpoints ? { breakpoints } : {}) });
      service.driveInBackground(driver);
      return { run: driver.id };
    },
  };
}
