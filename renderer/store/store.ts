/**
 * The renderer's one zustand store (STYLE.md §4): doc, selection, run and ui slices, with
 * undo/redo (zundo) over the document only. Components select narrowly:
 * `useAppStore((s) => s.run?.steps[id]?.status)`.
 */
import { create } from 'zustand';
import { useStore } from 'zustand';
import { temporal, type TemporalState } from 'zundo';
import type { Flow } from '../../engine/model/flow';
import { createDocSlice, editContext, keepTextInSync, type DocSlice } from './doc-slice';
import { createRunSlice, type RunSlice } from './run-slice';
import { createSelectionSlice, type SelectionSlice } from './selection-slice';
import { createUiSlice, type UiSlice } from './ui-slice';

export type AppState = DocSlice & SelectionSlice & RunSlice & UiSlice;

type History = { flow: Flow | null };

/** How long a run of same-key edits (typing in one field) keeps folding into one undo step. */
const COALESCE_MS = 1200;

/**
 * Records a past state unless this edit continues the previous one (same coalesce key, soon
 * after): typing "make build" is one undo step, not ten.
 */
function coalescing<A extends unknown[]>(handleSet: (...args: A) => void): (...args: A) => void {
  let lastKey: string | undefined;
  let lastAt = 0;
  return (...args: A) => {
    const key = editContext.coalesce;
    const now = performance.now();
    const continues = key !== undefined && key === lastKey && now - lastAt < COALESCE_MS;
    lastKey = key;
    lastAt = now;
    if (!continues) handleSet(...args);
  };
}

/** Creates a fresh store (the app has one; tests make their own). */
export function createAppStore() {
  const store = create<AppState>()(
    temporal(
      (...a) => ({
        ...createDocSlice(...a),
        ...createSelectionSlice(...a),
        ...createRunSlice(...a),
        ...createUiSlice(...a),
      }),
      {
        partialize: (s): History => ({ flow: s.flow }),
        // Only document changes are undoable: selection, runs and dialogs never enter history.
        equality: (a, b) => a.flow === b.flow,
        limit: 200,
        handleSet: (handleSet) => coalescing(handleSet),
      },
    ),
  );
  keepTextInSync(store); // minimal document text for the hostfiles branch (doc-slice.ts)
  return store;
}

export type AppStore = ReturnType<typeof createAppStore>;

/** Undo/redo state of a store, for buttons that enable themselves. */
export function useHistory<T>(store: AppStore, selector: (t: TemporalState<History>) => T): T {
  return useStore(store.temporal, selector);
}
