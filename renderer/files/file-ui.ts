/**
 * The file actions' own small state (issue #8 point 4): the workspace tree, whether the open
 * document is a read-only template, and the one file dialog on screen. A file dialog is a promise:
 * the action that opened it awaits the person's answer.
 */
import { createStore } from 'zustand/vanilla';
import type { WorkspaceTree } from '../../engine/host/api';

/** The answer to the unsaved-changes guard. */
export type UnsavedChoice = 'save' | 'discard' | 'cancel';

/** The answer when Save finds the file changed on disk since it was opened. */
export type ChangedOnDiskChoice = 'overwrite' | 'reload' | 'saveAs' | 'cancel';

/** What the Rename and Move dialogs hold: the file, the field's first value, known folders, and the move. */
export interface MoveDialogFields {
  path: string;
  initial: string;
  folders: string[];
  apply(to: string, overwrite: boolean): Promise<void>;
  answer(done: boolean): void;
}

/** The file dialog on screen, with the function that answers it. */
export type FileDialog =
  | { kind: 'unsaved'; fileName: string; action: string; answer(choice: UnsavedChoice): void }
  /** Save found the file changed on disk by another program since it was opened or saved. */
  | { kind: 'changedOnDisk'; fileName: string; answer(choice: ChangedOnDiskChoice): void }
  /** Web host only (Electron uses the native dialogs): a workspace-relative path to open. */
  | { kind: 'open'; answer(path: string | null): void }
  /** Web host only: where to save; `save` writes and rejects with the host's error (the dialog shows it). */
  | { kind: 'saveAs'; defaultPath: string; save(path: string): Promise<void>; answer(saved: boolean): void }
  /**
   * Rename (a new name in the same folder) or Move to… (a folder or path in the workspace) of the
   * flow file `path`. `apply` moves it and rejects with the host's error (EXISTS: the dialog asks to
   * replace, then calls it again with `overwrite`).
   */
  | ({ kind: 'rename' } & MoveDialogFields)
  | ({ kind: 'move' } & MoveDialogFields)
  /** Delete: confirms deleting `path` (and its scenarios); `isDirtyOpen` when it is the open file with unsaved edits. */
  | { kind: 'delete'; path: string; isDirtyOpen: boolean; answer(confirmed: boolean): void };

export interface FileUiState {
  /** The workspace tree as last listed; null before the first listing. */
  tree: WorkspaceTree | null;
  /** Why the last listing failed, for the Files panel. */
  treeError: string | null;
  /** True when the open document is a shipped template: Save goes to Save as. */
  isReadOnly: boolean;
  /** False for a New or imported document that was never written: Save asks where (Save as). */
  isOnDisk: boolean;
  dialog: FileDialog | null;
}

/** Creates the file ui store (one per action set). */
export function createFileUi() {
  return createStore<FileUiState>()(() => ({ tree: null, treeError: null, isReadOnly: false, isOnDisk: false, dialog: null }));
}

export type FileUi = ReturnType<typeof createFileUi>;
