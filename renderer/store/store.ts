/**
 * The renderer's one zustand store (STYLE.md §4): doc, selection, run and ui slices. Undo is the
 * doc slice's own history of text patches (doc/history.ts), shared by canvas, inspector and code
 * view. Components select narrowly: `useAppStore((s) => s.run?.steps[id]?.status)`.
 */
import { create } from 'zustand';
import { createDocSlice, type DocSlice } from './doc-slice';
import { createRunSlice, type RunSlice } from './run-slice';
import { createSelectionSlice, type SelectionSlice } from './selection-slice';
import { createUiSlice, type UiSlice } from './ui-slice';
import { createVersionsSlice, type VersionsSlice } from '../versions/versions-slice';

export type AppState = DocSlice & SelectionSlice & RunSlice & UiSlice & VersionsSlice;

/** Creates a fresh store (the app has one; tests make their own). */
export function createAppStore() {
  return create<AppState>()((...a) => ({
    ...createDocSlice(...a),
    ...createSelectionSlice(...a),
    ...createRunSlice(...a),
    ...createUiSlice(...a),
    ...createVersionsSlice(...a),
  }));
}

export type AppStore = ReturnType<typeof createAppStore>;
