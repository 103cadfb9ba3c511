/**
 * The debugging half of the transition (DESIGN.md "Simulation and debugging"; issue #3 item 7):
 * breakpoints, pause, step, continue, edit vars, skip a step, retry a failed step. Each request
 * becomes journaled events, so a pause survives a restart and shows in history. Pure; throws
 * RunRequestError with a CLI-ready message when the run is not in a state that allows the request.
 */
import type { Flow, JsonObject, StepId } from '../model/flow.js';
import { stepDef } from './decide.js';
import type { EpochMs } from './events.js';
import { RunRequestError } from './request-error.js';
import type { RunState } from './state.js';
import type { Transition } from './transition.js';

/** A debugging request from a person (HostApi / CLI), as transition input. */
export type DebugRequest =
  | { kind: 'setBreakpoints'; steps: StepId[] }
  | { kind: 'pause'; by?: string }
  | { kind: 'continue'; stepping: boolean; by?: string }
  | { kind: 'editVars'; vars: JsonObject; by?: string }
  | { kind: 'skip'; step: StepId }
  | { kind: 'retry'; step: StepId; by?: string };

const NONE: Transition = { events: [], commands: [] };

function ensureKnown(flow: Flow, steps: readonly StepId[]): void {
  for (const id of steps) {
    if (!Object.hasOwn(flow.steps, id)) {
      throw new RunRequestError(`${id} is not a step of ${flow.name}; steps: ${Object.keys(flow.steps).join(', ')}`);
    }
  }
}

function ensureOpen(run: RunState, what: string): void {
  if (run.status !== 'running' && run.status !== 'paused') throw new RunRequestError(`cannot ${what}: run ${run.id} has ${run.status}`);
}

const by = (who: string | undefined) => (who ? { by: who } : {});

/** The events (and aborts) of debugging request `r` on `run` at `now`. Throws RunRequestError. */
export function debugTransition(flow: Flow, run: RunState, r: DebugRequest, now: EpochMs): Transition {
  switch (r.kind) {
    case 'setBreakpoints':
      ensureKnown(flow, r.steps);
      ensureOpen(run, 'set breakpoints');
      return { events: [{ type: 'BreakpointsSet', at: now, steps: [...r.steps] }], commands: [] };
    case 'pause':
      if (run.status === 'paused') return NONE;
      ensureOpen(run, 'pause');
      return { events: [{ type: 'RunPaused', at: now, reason: 'user', ...by(r.by) }], commands: [] };
    case 'continue':
      if (run.status !== 'paused') throw new RunRequestError(`run ${run.id} is not paused (status: ${run.status})`);
      return { events: [{ type: 'RunResumed', at: now, stepping: r.stepping, ...by(r.by) }], commands: [] };
    case 'editVars':
      if (run.status !== 'paused') {
        throw new RunRequestError(`vars can be edited only while run ${run.id} is paused (status: ${run.status}); pause it first`);
      }
      return { events: [{ type: 'VarsEdited', at: now, vars: r.vars, ...by(r.by) }], commands: [] };
    case 'skip': {
      // A step about to start (ready, e.g. paused before it) or executing or waiting ends as
      // `skipped` and the path goes on to its `next`; an executing attempt is aborted.
      ensureKnown(flow, [r.step]);
      ensureOpen(run, 'skip a step');
      if (!run.ready.has(r.step) && !run.open.has(r.step)) {
        const status = run.steps[r.step]?.status ?? 'pending';
        throw new RunRequestError(`step ${r.step} of run ${run.id} is neither about to start nor running (status: ${status})`);
      }
      const def = stepDef(flow, r.step);
      const next = def.type === 'parallel' ? def.branches : def.next ? [def.next] : def.type === 'branch' && def.default ? [def.default] : [];
      return {
        events: [{ type: 'StepSkipped', at: now, step: r.step, next }],
        commands: [{ kind: 'abort', steps: [r.step], error: { name: 'Cancelled', message: `${r.step} was skipped` } }],
      };
    }
    case 'retry': {
      // A failed or cancelled run goes on from the step (its rollback is not undone).
      ensureKnown(flow, [r.step]);
      const s = Object.hasOwn(run.steps, r.step) ? run.steps[r.step] : undefined;
      if (s?.status !== 'failed') throw new RunRequestError(`step ${r.step} of run ${run.id} has not failed (status: ${s?.status ?? 'pending'})`);
      if (run.status === 'succeeded') throw new RunRequestError(`run ${run.id} has succeeded; start a new run instead`);
      return { events: [{ type: 'StepRetryRequested', at: now, step: r.step, ...by(r.by) }], commands: [] };
    }
  }
}
