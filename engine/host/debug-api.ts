/**
 * The debugging half of HostApi (issue #3 item 7), over a RunService: each request is journaled by
 * engine/runtime/debug.ts, then the run is driven on in the background (a paused run's loop ends;
 * continuing starts it again). Errors are RunRequestError with a message for the user.
 */
import type { DebugRequest } from '../runtime/transition.js';
import type { HostApi } from './api.js';
import type { RunService } from '../service/run-service.js';

/** The names of HostApi's debugging methods. */
export type DebugMethod = 'setBreakpoints' | 'pauseRun' | 'continueRun' | 'editVars' | 'skipStep' | 'retryStep' | 'runFrom';

/** Implements the debugging methods of HostApi over `service`. */
export function createDebugApi(service: RunService): Pick<HostApi, DebugMethod> {
  // service.request hands the request to the process that drives the run when that is not this one.
  const onward = (run: string, request: DebugRequest) => {
    service.driveInBackground(service.request(run, { kind: 'debug', request }));
  };
  const by = (as: string | undefined) => (as ? { by: as } : {});
  return {
    async setBreakpoints({ run, steps }) {
      onward(run, { kind: 'setBreakpoints', steps });
    },
    async pauseRun({ run, as }) {
      onward(run, { kind: 'pause', ...by(as) });
    },
    async continueRun({ run, step, as }) {
      onward(run, { kind: 'continue', stepping: step === true, ...by(as) });
    },
    async editVars({ run, vars, as }) {
      onward(run, { kind: 'editVars', vars, ...by(as) });
    },
    async skipStep({ run, step }) {
      onward(run, { kind: 'skip', step });
    },
    async retryStep({ run, step, as }) {
      onward(run, { kind: 'retry', step, ...by(as) });
    },
    async runFrom({ run, step, mode, breakpoints }) {
      const driver = service.startRun({ from: { run, step }, ...(mode ? { mode } : {}), ...(breakpoints ? { breakpoints } : {}) });
      service.driveInBackground(driver);
      return { run: driver.id };
    },
  };
}
