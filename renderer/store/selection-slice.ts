/**
 * The selection slice: the selected steps (one, or several: the canvas' Shift/Ctrl click and box
 * select, a multi-step paste) or one selected edge. The canvas shows it, the inspector edits the
 * one selected step, copy and duplicate act on every selected step.
 */
import type { StateCreator } from 'zustand';
import type { StepId } from '../../engine/model/flow';
import type { AppState } from './store';

export interface SelectionSlice {
  /** The selected step when exactly one is selected, else null. */
  selectedStep: StepId | null;
  /** Every selected step, in the order they were selected; [] when none. */
  selectedSteps: StepId[];
  /** Edge id as built by doc/edges.ts (`source->target`). */
  selectedEdge: string | null;
  /** Which view selected the step: the code view does not move its own cursor for its own selection. */
  selectionSource: 'code' | 'other';
  selectStep(id: StepId | null, source?: 'code' | 'other'): void;
  /** Selects several steps at once; `selectedStep` becomes the one when there is exactly one. */
  selectSteps(ids: readonly StepId[]): void;
  selectEdge(id: string | null): void;
}

const NONE: StepId[] = [];

export const createSelectionSlice: StateCreator<AppState, [], [], SelectionSlice> = (set) => ({
  selectedStep: null,
  selectedSteps: NONE,
  selectedEdge: null,
  selectionSource: 'other',
  selectStep: (id, source = 'other') => set({ selectedStep: id, selectedSteps: id === null ? NONE : [id], selectedEdge: null, selectionSource: source }),
  selectSteps: (ids) => set({ selectedStep: ids.length === 1 ? (ids[0] as StepId) : null, selectedSteps: ids.length ? [...ids] : NONE, selectedEdge: null, selectionSource: 'other' }),
  selectEdge: (id) => set({ selectedEdge: id, selectedStep: null, selectedSteps: NONE }),
});
