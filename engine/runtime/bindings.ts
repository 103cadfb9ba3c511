/**
 * Builds the JSONata bindings of DESIGN.md ("Expressions") from a run's state.
 */
import type { Bindings } from '../expr/index.js';
import type { RunState } from './state.js';

/** `$input`, `$vars`, `$steps.<id>.output|status`, `$run`, `$error` for the run as it stands. */
export function bindingsOf(run: RunState): Bindings {
  const steps: Bindings['steps'] = {};
  for (const [id, s] of Object.entries(run.steps)) steps[id] = { output: s.output, status: s.status };
  return {
    input: run.input,
    vars: run.vars,
    steps,
    run: { id: run.id, flow: run.flow, workdir: run.workdir, startedAt: new Date(run.startedAt).toISOString() },
    error: run.lastError,
  };
}
