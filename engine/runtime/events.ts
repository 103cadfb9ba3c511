/**
 * The run journal's vocabulary (DESIGN.md "Runtime semantics"): events are appended to the
 * SQLite journal, committed, then folded into a RunState by fold.ts. Events are JSON data;
 * times (`at`, `dueAt`) are epoch milliseconds read from the run's Clock.
 */
import type { Json, JsonObject, StepId } from '../model/flow.js';

export type EpochMs = number;
export type RunId = string;

/** A step failure as data (STYLE.md §8 kind 2): `name` is a DESIGN.md error name or a fail step's error. */
export interface StepError {
  name: string;
  message: string;
  details?: Json;
}

/** Version of the runtime's behaviour recorded in RunStarted, so old journals replay as they ran. */
export const SEMANTICS = 1;

export type RunMode = 'run' | 'simulate';

/**
 * Who or what started a run (issue #12 point 4): a person (the OS user, from the designer or the
 * CLI), a cron trigger, a webhook (`flowsmith serve`), or a parent run (a map item, a `call`).
 * Runs journaled before it existed have none; RunStarted.trigger and .parent still tell those.
 */
export type StartedBy =
  | { kind: 'user'; user: string; via: 'designer' | 'cli' | 'service' }
  | { kind: 'cron'; cron: string; timezone?: string }
  | { kind: 'webhook'; flow: string; name: string }
  | { kind: 'parent'; run: RunId; step: StepId };

export type RunEvent =
  | {
      type: 'RunStarted';
      at: EpochMs;
      run: RunId;
      flow: string;
      /** Absolute path of the flow file the run was started from. */
      flowPath: string;
      input: JsonObject;
      vars: JsonObject;
      mode: RunMode;
      semantics: number;
      /** Working folder for shell steps (absolute path); created by the engine. */
      workdir: string;
      start: StepId;
      /** What started the run when it was not a person: e.g. `{cron, timezone}` (DESIGN.md triggers). */
      trigger?: Json;
      /** Set on a child run (a map item or a `call` task): the parent run, its step and item index. */
      parent?: { run: RunId; step: StepId; index: number };
      /** A map item's run: the id of the map step (in the parent's flow) whose `steps` it runs. */
      subflow?: StepId;
      /** A map item's run: `$item` and `$index`. */
      item?: Json;
      index?: number;
      /** A run started from a chosen step (debugging "run from"): earlier steps' outputs, as `$steps` sees them. */
      seedSteps?: Record<StepId, { output: Json; status: 'succeeded' | 'skipped' }>;
      /** Steps to pause before, from the start (debugging). */
      breakpoints?: StepId[];
      /** Who or what started the run (absent in older journals). */
      startedBy?: StartedBy;
    }
  | { type: 'StepStarted'; at: EpochMs; step: StepId; attempt: number }
  /**
   * What one attempt of a task was given after interpolation (issue #12 point 4): the command, the
   * http request, the notify message or the script bindings (runtime/step-input.ts), secrets
   * redacted and size bounded. Informational: nothing folds it into routing.
   */
  | { type: 'StepInput'; at: EpochMs; step: StepId; attempt: number; input: Json }
  | {
      type: 'StepSucceeded';
      at: EpochMs;
      step: StepId;
      output: Json;
      /** Steps activated by this completion (next, the chosen case, parallel branches). */
      next: StepId[];
      /** Variables assigned by the step's `set`. */
      vars?: JsonObject;
    }
  | {
      type: 'StepFailed';
      at: EpochMs;
      step: StepId;
      error: StepError;
      /** True when catch, onReject/onTimeout or continueOnError routes the path onward. */
      handled: boolean;
      next: StepId[];
    }
  | { type: 'StepRetryScheduled'; at: EpochMs; step: StepId; attempt: number; error: StepError; dueAt: EpochMs }
  | { type: 'StepSkipped'; at: EpochMs; step: StepId; next: StepId[] }
  | { type: 'TimerStarted'; at: EpochMs; step: StepId; dueAt: EpochMs }
  | {
      type: 'ApprovalRequested';
      at: EpochMs;
      step: StepId;
      approvers: string[];
      quorum: number;
      message: string;
      dueAt: EpochMs | null;
    }
  | {
      type: 'ApprovalGiven';
      at: EpochMs;
      step: StepId;
      by: string;
      verdict: 'approve' | 'reject';
      comment?: string;
    }
  /**
   * The run failed or was cancelled and completed steps with a `compensate` body are being rolled
   * back, in reverse order of completion (saga; DESIGN.md "Errors").
   */
  | { type: 'CompensationStarted'; at: EpochMs; reason: 'failed' | 'cancelled'; error: StepError | null; step?: StepId }
  | { type: 'StepCompensated'; at: EpochMs; step: StepId; output: Json }
  | { type: 'StepCompensationFailed'; at: EpochMs; step: StepId; error: StepError }
  /** A step left behind when an `any`/`count` join fired: its attempt is aborted, its result dropped. */
  | { type: 'StepCancelled'; at: EpochMs; step: StepId; reason: string }
  /** A listed approver moved a waiting approval's deadline (DESIGN.md: approve/reject/extend, audited). */
  | { type: 'ApprovalExtended'; at: EpochMs; step: StepId; by: string; dueAt: EpochMs; comment?: string }
  /** Debugging (DESIGN.md "Simulation and debugging"): the steps to pause before, replacing the old set. */
  | { type: 'BreakpointsSet'; at: EpochMs; steps: StepId[] }
  /**
   * The run stops starting steps: before `step` at a breakpoint or after a single step, or at a
   * person's request. Steps already executing finish and are journaled.
   */
  | { type: 'RunPaused'; at: EpochMs; reason: 'breakpoint' | 'step' | 'user'; step?: StepId; by?: string }
  /** A paused run goes on; with `stepping` it pauses again before the next step that starts. */
  | { type: 'RunResumed'; at: EpochMs; stepping: boolean; by?: string }
  /** Variables changed by a person at a pause. */
  | { type: 'VarsEdited'; at: EpochMs; vars: JsonObject; by?: string }
  /** A person asked to run a failed step again: the run (paused or failed) goes on from it. */
  | { type: 'StepRetryRequested'; at: EpochMs; step: StepId; by?: string }
  /** A map item or `call` started child run `child`; journaled before the child's own RunStarted. */
  | { type: 'ChildRunStarted'; at: EpochMs; step: StepId; index: number; child: RunId }
  /**
   * A task with `callback` ran its executor and now waits until `dueAt` for the answer to attempt
   * `attempt`'s token (DESIGN.md "Waiting for an outside system"). The token is never journaled:
   * only its SHA-256 is kept, in the store's `callbacks` table.
   */
  | { type: 'CallbackWaiting'; at: EpochMs; step: StepId; attempt: number; dueAt: EpochMs }
  /**
   * The outside system answered attempt `attempt`'s token: `output` (the step's raw output) or
   * `error` (fails the attempt; retry and catch apply). May come while the executor still runs.
   */
  | { type: 'CallbackAnswered'; at: EpochMs; step: StepId; attempt: number; output?: Json; error?: StepError }
  | { type: 'RunSucceeded'; at: EpochMs }
  | { type: 'RunFailed'; at: EpochMs; error: StepError; step?: StepId }
  | { type: 'RunCancelled'; at: EpochMs; reason?: string };

export type RunEventType = RunEvent['type'];

/** An event with its position in the run's journal (1-based, gap-free). */
export interface JournalEntry {
  seq: number;
  event: RunEvent;
}
