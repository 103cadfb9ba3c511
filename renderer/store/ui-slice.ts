/** The ui slice: which dialog is open, the bottom panel's tab, and the one-line notice. */
import type { StateCreator } from 'zustand';
import type { RunTabId } from './run-slice';
import type { AppState } from './store';

export type Dialog = 'templates' | 'run' | 'export' | 'import' | null;
/** Bottom panel tabs (DESIGN.md "Designer"): the run tabs (runs-ui/run-tabs.tsx) and Findings. */
export type BottomTab = RunTabId | 'findings' | 'versions';

export interface Notice {
  kind: 'error' | 'info';
  text: string;
}

export interface UiSlice {
  dialog: Dialog;
  bottomTab: BottomTab;
  notice: Notice | null;
  isSaving: boolean;
  /** The YAML code view beside the canvas (toolbar toggle "Code"). */
  showCode: boolean;
  setShowCode(showCode: boolean): void;
  openDialog(dialog: Dialog): void;
  setBottomTab(tab: BottomTab): void;
  notify(notice: Notice | null): void;
  setSaving(isSaving: boolean): void;
}

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set, get) => ({
  dialog: null,
  bottomTab: 'findings',
  notice: null,
  isSaving: false,
  showCode: false,
  setShowCode: (showCode) => {
    // The code view shows the text: print pending canvas edits first (doc-slice flushEdits).
    get().flushEdits();
    set({ showCode });
  },
  openDialog: (dialog) => set({ dialog }),
  setBottomTab: (bottomTab) => set({ bottomTab }),
  notify: (notice) => set({ notice }),
  setSaving: (isSaving) => set({ isSaving }),
});
