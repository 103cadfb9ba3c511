/** The selection slice: one selected step or one selected edge (the canvas shows it, the inspector edits it). */
import type { StateCreator } from 'zustand';
import type { StepId } from '../../engine/model/flow';
import type { AppState } from './store';

export interface SelectionSlice {
  selectedStep: StepId | null;
  /** Edge id as built by doc/edges.ts (`source->target`). */
  selectedEdge: string | null;
  /** Which view selected the step: the code view does not move its own cursor for its own selection. */
  selectionSource: 'code' | 'other';
  selectStep(id: StepId | null, source?: 'code' | 'other'): void;
  selectEdge(id: string | null): void;
}

export const createSelectionSlice: StateCreator<AppState, [], [], SelectionSlice> = (set) => ({
  selectedStep: null,
  selectedEdge: null,
  selectionSource: 'other',
  selectStep: (id, source = 'other') => set({ selectedStep: id, selectedEdge: null, selectionSource: source }),
  selectEdge: (id) => set({ selectedEdge: id, selectedStep: null }),
});
