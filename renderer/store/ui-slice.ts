/** The ui slice: which dialog is open, the bottom panel's tab, and the one-line notice. */
import type { StateCreator } from 'zustand';
import type { RunTabId } from './run-slice';
import type { AppState } from './store';

export type Dialog = 'templates' | 'run' | 'export' | 'import' | null;
export type BottomTab = RunTabId | 'findings';

export interface Notice {
  kind: 'error' | 'info';
  text: string;
}

export interface UiSlice {
  dialog: Dialog;
  bottomTab: BottomTab;
  notice: Notice | null;
  isSaving: boolean;
  openDialog(dialog: Dialog): void;
  setBottomTab(tab: BottomTab): void;
  notify(notice: Notice | null): void;
  setSaving(isSaving: boolean): void;
}

export const createUiSlice: StateCreator<AppState, [['temporal', unknown]], [], UiSlice> = (set) => ({
  dialog: null,
  bottomTab: 'findings',
  notice: null,
  isSaving: false,
  openDialog: (dialog) => set({ dialog }),
  setBottomTab: (bottomTab) => set({ bottomTab }),
  notify: (notice) => set({ notice }),
  setSaving: (isSaving) => set({ isSaving }),
});
