/**
 * Builds the JSONata bindings of DESIGN.md ("Expressions") from a run's state.
 */
import type { Bindings } from '../expr/index.js';
import type { RunState } from './state.js';

/**
 * Sets the `$env` values (name → value) of `run`'s bindings; the driver calls it once, before any
 * expression is evaluated, and only when the run has secrets (most have none: nothing is kept).
 */
export function setRunEnv(run: RunState, env: Record<string, string>): void {
  envs.set(run, env);
}

/**
 * `$input`, `$vars`, `$steps.<id>.output|status`, `$run`, `$error`, `$env` for the run as it stands.
 * Built on the first call for a state (runs without expressions never build it) and cached.
 * `$steps` is a read-only view over the live state rather than a copy, so building bindings costs
 * O(1) however many steps the run has (a copy per step made long chains quadratic).
 */
export function bindingsOf(run: RunState): Bindings {
  let b = cache.get(run);
  if (!b) {
    const runInfo = { id: run.id, flow: run.flow, workdir: run.workdir, startedAt: new Date(run.startedAt).toISOString() };
    // Every member reads the live state (the fold mutates vars and steps in place), so one
    // object per run serves every evaluation.
    b = {
      input: run.input,
      vars: run.vars,
      steps: new Proxy({ run } as unknown as StepsBinding, stepsHandler),
      run: runInfo,
      get error() {
        return run.lastError;
      },
      env: envs.get(run) ?? {},
      ...(run.item !== undefined ? { item: run.item } : {}),
      ...(run.index !== undefined ? { index: run.index } : {}),
    };
    cache.set(run, b);
  }
  return b;
}

const cache = new WeakMap<RunState, Bindings>();
const envs = new WeakMap<RunState, Record<string, string>>();

type StepsBinding = Bindings['steps'];
/** The proxy's target: it only carries the run (the handler is shared by every run). */
type StepsTarget = StepsBinding & { run: RunState };

/** `$steps.<id>` as `{output, status}` of the live step state, or undefined for an unknown id. */
function view(run: RunState, id: string | symbol): { output: unknown; status: string } | undefined {
  const s = typeof id === 'string' ? run.steps[id] : undefined;
  return s ? { output: s.output, status: s.status } : undefined;
}

/**
 * The read-only `$steps` view: property reads map to the step's state, keys are the step ids.
 * The target holds no step ids (only the run), so the proxy invariants never constrain it.
 */
const stepsHandler: ProxyHandler<StepsTarget> = {
  get: (t, id) => view(t.run, id),
  has: (t, id) => typeof id === 'string' && id in t.run.steps,
  ownKeys: (t) => Object.keys(t.run.steps),
  getOwnPropertyDescriptor: (t, id) => {
    const value = view(t.run, id);
    return value === undefined ? undefined : { value, enumerable: true, configurable: true, writable: false };
  },
};
