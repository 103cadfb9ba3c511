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
      trigger?: Json;
    }
  | { type: 'StepStarted'; at: EpochMs; step: StepId; attempt: number }
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
  | { type: 'RunSucceeded'; at: EpochMs }
  | { type: 'RunFailed'; at: EpochMs; error: StepError; step?: StepId }
  | { type: 'RunCancelled'; at: EpochMs; reason?: string };

export type RunEventType = RunEvent['type'];

/** An event with its position in the run's journal (1-based, gap-free). */
export interface JournalEntry {
  seq: number;
  event: RunEvent;
}
