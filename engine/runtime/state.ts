/**
 * The state of a run: what fold.ts builds from the journal (DESIGN.md "Runtime semantics").
 * Status words are DESIGN.md's, kept as const objects plus derived unions (STYLE.md §5).
 */
import type { Json, JsonObject, StepId } from '../model/flow.js';
import type { EpochMs, RunId, RunMode, StartedBy, StepError } from './events.js';

/**
 * A step's lifecycle (issue #10 points 1 and 6): `running` only while an attempt executes;
 * `backing-off` between a failed attempt and its retry (until `retryDueAt`); `waiting` for people
 * (an approval, `approval` set) or on a `wait` step's timer (until `timerDueAt`). So the designer
 * does not animate a 2 h wait or a long backoff as running.
 */
export const StepStatus = {
  pending: 'pending',
  running: 'running',
  backingOff: 'backing-off',
  waiting: 'waiting',
  succeeded: 'succeeded',
  failed: 'failed',
  skipped: 'skipped',
  cancelled: 'cancelled',
  compensated: 'compensated',
} as const;
export type StepStatus = (typeof StepStatus)[keyof typeof StepStatus];

export const RunStatus = {
  running: 'running',
  paused: 'paused',
  waiting: 'waiting',
  succeeded: 'succeeded',
  failed: 'failed',
  cancelled: 'cancelled',
} as const;
export type RunStatus = (typeof RunStatus)[keyof typeof RunStatus];

export interface ApprovalDecision {
  by: string;
  verdict: 'approve' | 'reject';
  comment?: string;
  at: EpochMs;
}

export interface ApprovalState {
  approvers: string[];
  quorum: number;
  message: string;
  dueAt: EpochMs | null;
  decisions: ApprovalDecision[];
  /** Deadline extensions, oldest first: who moved it, when, to when. */
  extensions: { by: string; at: EpochMs; dueAt: EpochMs; comment?: string }[];
}

/** The answer to a callback: the step's raw output, or the error that fails the attempt. */
export type CallbackAnswer = { output: Json } | { error: StepError };

/**
 * A task's wait for an outside answer (`callback`): which attempt's token it waits for, until when
 * (null while the executor still runs) and the answer once it came.
 */
export interface CallbackState {
  attempt: number;
  dueAt: EpochMs | null;
  answer: CallbackAnswer | null;
}

export interface StepState {
  status: StepStatus;
  /** Attempts started for the current activation (1 = first try). */
  attempts: number;
  output: Json;
  error: StepError | null;
  startedAt: EpochMs | null;
  endedAt: EpochMs | null;
  /** While `backing-off`: the due time of the next attempt. */
  retryDueAt: EpochMs | null;
  /** While a wait step's timer runs (status `waiting`, no `approval`): its due time. */
  timerDueAt: EpochMs | null;
  approval: ApprovalState | null;
  /** Set while a task with `callback` waits for (or has received) the answer to its token. */
  callback: CallbackState | null;
  /** The resolved input of the latest attempt that recorded one (StepInput; task steps of real runs). */
  input?: Json;
}

/**
 * A run's state. Owned by whoever folds it: fold.ts mutates it in place, so a step costs O(1)
 * instead of copying the run per event (issue 3's benchmark targets rule out copying);
 * callers that need snapshots (React) copy what they show.
 */
export interface RunState {
  id: RunId;
  flow: string;
  flowPath: string;
  mode: RunMode;
  workdir: string;
  status: RunStatus;
  startedAt: EpochMs;
  endedAt: EpochMs | null;
  input: JsonObject;
  vars: JsonObject;
  /** Step ids in the order they started (a step that runs again appears again). */
  path: StepId[];
  steps: Record<StepId, StepState>;
  /** Activated steps that have not started yet, in activation order. */
  ready: Set<StepId>;
  /**
   * Steps that are running (including a scheduled retry or a wait timer) or waiting for people:
   * an index kept by the fold so decide() looks at open work only, never at every step.
   */
  open: Set<StepId>;
  /** Arrivals at each step since it last started; joins fire when enough have arrived. */
  arrivals: Map<StepId, number>;
  /** The last error a step failed with, for `$error` in catch targets. */
  lastError: StepError | null;
  error: StepError | null;
  /** Steps in the order they last succeeded (each id once; Set order): the saga's order, reversed. */
  completed: Set<StepId>;
  /** Set while compensations run after a failure or cancel. */
  compensation: { reason: 'failed' | 'cancelled'; error: StepError | null; step?: StepId } | null;
  /**
   * Steps whose compensation ran, whether it succeeded or failed (a step whose rollback succeeded
   * also has status `compensated`). Named for what it holds: issue #10 point 6.
   */
  compensationsRun: Set<StepId>;
  /** Number of events folded so far. */
  seq: number;
  /** Debugging: steps to pause before. */
  breakpoints: Set<StepId>;
  /** Why and where the run is paused, while it is. */
  paused: { reason: 'breakpoint' | 'step' | 'user'; step?: StepId } | null;
  /** Resumed with "step": pause before the next step that starts. */
  stepping: boolean;
  /** The step a resume lets start without pausing at its breakpoint again. */
  passOnce: StepId | null;
  /** Child runs per step (map items in item order, or the one `call`). */
  children: Record<StepId, RunId[]>;
  /** Who or what started the run (RunStarted.startedBy), when recorded. */
  startedBy?: StartedBy;
  /** Set on child runs: the parent run, step and item index. */
  parent: { run: RunId; step: StepId; index: number } | null;
  /** Map item runs: the chain of map step ids whose steps this run runs (RunStarted.subflow). */
  subflowChain?: string;
  /** Map item runs: `$item` and `$index`. */
  item?: Json;
  index?: number;
}

/**
 * An empty object without Object.prototype in its chain, for maps keyed by step ids or variable
 * names: an id such as `constructor` or `__proto__` is then an ordinary key (#11 item 11).
 * Made with `new` from a constructor whose prototype is an empty frozen prototype-less object, not
 * with Object.create(null): V8 makes the latter a dictionary-mode object (about 190 bytes empty,
 * slower to read), and every run holds several of these (issue #10: bench W5/W7).
 */
export function idMap<T>(): Record<string, T> {
  return new (IdMap as unknown as new () => Record<string, T>)();
}

/** The constructor behind idMap(): no fields; its prototype has no properties and no prototype. */
function IdMap(): void {}
IdMap.prototype = Object.freeze(Object.create(null) as object);

/**
 * Copies `source`'s own keys onto `target` as own data properties, so a variable named
 * `__proto__` is stored as a variable instead of changing `target`'s prototype (#11 item 11).
 * Returns `target`.
 */
export function assignOwn<T extends object>(target: T, source: object): T {
  for (const key of Object.keys(source)) {
    const value = (source as Record<string, unknown>)[key];
    // Only `__proto__` is an accessor that assignment would call (Object.prototype's data
    // properties, such as constructor, are shadowed by assignment): define it, assign the rest
    // (defineProperty per key cost bench W3 a tenth of its time).
    if (key === '__proto__') Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
    else (target as Record<string, unknown>)[key] = value;
  }
  return target;
}

/**
 * True for an open step the engine moves on by itself: an attempt executing (`running`), a retry
 * backing off, or a wait step's timer (`waiting` with `timerDueAt`). False for a step that waits
 * for people.
 */
export function isMachineWork(s: StepState): boolean {
  return s.status === 'running' || s.status === 'backing-off' || (s.status === 'waiting' && s.timerDueAt !== null && s.approval === null);
}

/**
 * When a step that is not running will move on by itself: the retry's due time while it backs off,
 * the timer's while a wait step waits, an approval's deadline; null otherwise (ms since epoch).
 */
export function stepUntil(s: StepState): EpochMs | null {
  if (s.status === 'backing-off') return s.retryDueAt;
  if (s.status === 'waiting') return s.timerDueAt ?? s.approval?.dueAt ?? null;
  return null;
}
