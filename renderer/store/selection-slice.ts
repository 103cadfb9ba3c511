/** The selection slice: one selected step or one selected edge (the canvas shows it, the inspector edits it). */
import type { StateCreator } from 'zustand';
import type { StepId } from '../../engine/model/flow';
import type { AppState } from './store';

export interface SelectionSlice {
  selectedStep: StepId | null;
  /** Edge id as built by doc/edges.ts (`source->target`). */
  selectedEdge: string | null;
  selectStep(id: StepId | null): void;
  selectEdge(id: string | null): void;
}

export const createSelectionSlice: StateCreator<AppState, [['temporal', unknown]], [], SelectionSlice> = (set) => ({
  selectedStep: null,
  selectedEdge: null,
  selectStep: (id) => set({ selectedStep: id, selectedEdge: null }),
  selectEdge: (id) => set({ selectedEdge: id, selectedStep: null }),
});
