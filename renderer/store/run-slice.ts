/**
 * The run slice: the run shown on the canvas, as a snapshot of the engine's folded RunState
 * (run/run-tracker.ts folds; this slice only holds what React draws).
 */
import type { StateCreator } from 'zustand';
import type { StepLogLine } from '../../engine/host/api';
import type { RunId } from '../../engine/runtime/events';
import type { RunState } from '../../engine/runtime/state';
import type { AppState } from './store';

export interface RunSlice {
  /** Id of the run on display (set as soon as startRun answers). */
  runId: RunId | null;
  /** Folded state of that run; null until its first event arrived. */
  run: RunState | null;
  /** Log lines of that run, in arrival order. */
  logs: StepLogLine[];
  /** True between pressing Run and the host answering. */
  isStarting: boolean;
  showRun(runId: RunId | null, run: RunState | null, logs: StepLogLine[]): void;
  setStarting(isStarting: boolean): void;
}

export const createRunSlice: StateCreator<AppState, [], [], RunSlice> = (set) => ({
  runId: null,
  run: null,
  logs: [],
  isStarting: false,
  showRun: (runId, run, logs) => set({ runId, run, logs }),
  setStarting: (isStarting) => set({ isStarting }),
});
