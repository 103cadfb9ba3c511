/**
 * Builds the JSONata bindings of DESIGN.md ("Expressions") from a run's state.
 */
import type { Bindings } from '../expr/index.js';
import type { RunState } from './state.js';

/**
 * `$input`, `$vars`, `$steps.<id>.output|status`, `$run`, `$error`, `$env` for the run as it stands.
 * `env` is taken from the first call for a state (the driver makes it, with the run's secrets).
 * `$steps` is a read-only view over the live state rather than a copy, so building bindings costs
 * O(1) however many steps the run has (a copy per step made long chains quadratic).
 */
export function bindingsOf(run: RunState, env?: Record<string, string>): Bindings {
  let b = cache.get(run);
  if (!b) {
    const runInfo = { id: run.id, flow: run.flow, workdir: run.workdir, startedAt: new Date(run.startedAt).toISOString() };
    // Every member reads the live state (the fold mutates vars and steps in place), so one
    // object per run serves every evaluation.
    b = {
      input: run.input,
      vars: run.vars,
      steps: stepsView(run),
      run: runInfo,
      get error() {
        return run.lastError;
      },
      env: env ?? {},
      ...(run.item !== undefined ? { item: run.item } : {}),
      ...(run.index !== undefined ? { index: run.index } : {}),
    };
    cache.set(run, b);
  }
  return b;
}

const cache = new WeakMap<RunState, Bindings>();

type StepsBinding = Bindings['steps'];

/** A Proxy that answers `$steps.<id>` with `{output, status}` of the step's current state. */
function stepsView(run: RunState): StepsBinding {
  const view = (id: string | symbol) => {
    const s = typeof id === 'string' ? run.steps[id] : undefined;
    return s ? { output: s.output, status: s.status } : undefined;
  };
  return new Proxy({} as StepsBinding, {
    get: (_t, id) => view(id),
    has: (_t, id) => typeof id === 'string' && id in run.steps,
    ownKeys: () => Object.keys(run.steps),
    getOwnPropertyDescriptor: (_t, id) => {
      const value = view(id);
      return value === undefined ? undefined : { value, enumerable: true, configurable: true, writable: false };
    },
  });
}
