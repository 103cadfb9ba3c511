/**
 * Child runs: each item of a map step and each `call` task runs as a run of its own, linked to its
 * parent (DESIGN.md step types "map", task "call"). The parent journals ChildRunStarted; the child
 * journals its own events, so a child is resumed, shown and time-travelled like any run.
 *
 * Child ids are derived, not drawn: `<parent>:<step>:<activation>.<attempt>:<index>`, where
 * activation is the position in the parent's path of the step's StepStarted. After a crash the
 * re-executed step (same activation and attempt) finds its children again instead of starting new
 * ones; a retry (next attempt) or a loop coming back (next activation) starts fresh children.
 */
import type { Flow, Json, JsonObject, StepId, StepMock } from '../model/flow.js';
import type { Clock } from './clock.js';
import type { EpochMs, RunId, StepError } from './events.js';
import type { RunState } from './state.js';

/** What a parent asks for when it needs a child run. */
export interface ChildRunSpec {
  id: RunId;
  /** When the parent asked for it (epoch ms on the parent's clock). */
  at: EpochMs;
  step: StepId;
  index: number;
  flow: Flow;
  /** The flow file the child's flow comes from (the parent's, for a map item). */
  flowPath: string;
  /** The text to publish for a `call`ed flow; map items reuse the parent's published version. */
  flowText?: string;
  /** Map items: the chain of map step ids, outermost first, joined with `/`. */
  subflow?: string;
  input: JsonObject;
  vars: JsonObject;
  item?: Json;
}

/** How child runs are created and driven; the host implements it over its journal. */
export interface ChildRuns {
  /**
   * Journals child `spec.id`'s RunStarted (mode and workdir of `parent`) unless it exists already.
   * Throws StepFailure('CallError') when a called flow's input does not match its `inputs` schema.
   */
  ensure(parent: RunState, spec: ChildRunSpec): void;
  /**
   * Drives child run `id` on `clock` until it ends, and resolves with its final state. Aborting
   * `signal` cancels the child (its compensations run). `mockFor` passes a scenario's mocks down.
   */
  drive(id: RunId, p: { clock: Clock; signal: AbortSignal; mockFor?: (step: StepId, attempt: number) => StepMock | undefined }): Promise<RunState>;
  /**
   * The flow a `call` names: a file path (relative to the caller's flow file) or a flow name (a
   * `<name>.yaml` beside the caller). Throws StepFailure('CallError') when it cannot be found or is invalid.
   */
  resolveCall(ref: string, caller: RunState): { flow: Flow; flowPath: string; flowText: string };
}

/** The derived id of a child run (see the module comment). */
export function childRunId(parent: RunState, step: StepId, attempt: number, index: number): RunId {
  const activation = parent.path.lastIndexOf(step);
  return `${parent.id}:${step}:${activation}.${attempt}:${index}`;
}

/** A finished run's result: the output of the step that completed last (null when none did). */
export function runOutput(run: RunState): Json {
  let last: StepId | undefined;
  for (const id of run.completed) last = id;
  return last === undefined ? null : (run.steps[last]?.output ?? null);
}

/** The error a parent step fails with when its child run did not succeed. */
export function childError(run: RunState, what: string): StepError {
  const cause = run.error;
  if (run.status === 'cancelled') return { name: 'Cancelled', message: `${what} was cancelled` };
  return { name: cause?.name ?? 'ChildFailed', message: `${what} ${run.status}${cause ? `: ${cause.message}` : ''}` };
}
