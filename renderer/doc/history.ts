/**
 * The designer's one undo history (issue #8, STYLE.md §4 after tldraw's HistoryManager): gestures
 * of text patches with explicit marks. Canvas, inspector and code view all record here, so Ctrl+Z
 * undoes the last gesture whichever view made it. Monaco's own undo stack is never used.
 *
 * A gesture stays open while edits with the same `coalesce` key arrive (typing into one inspector
 * field, or a run of typing in the code view); a different key, an edit without a key, or
 * `mark()` closes it. Immutable: every operation returns a new History.
 */
import { applyPatch, invertPatch, type TextPatch } from './text-patch';

/** One undoable step: patches in the order they were applied. */
export interface Gesture {
  patches: readonly TextPatch[];
  /** Edits with this key extend the gesture while it is open. */
  coalesce?: string;
}

export interface History {
  undo: readonly Gesture[];
  redo: readonly Gesture[];
  /** Whether the newest undo gesture may still grow. */
  isOpen: boolean;
}

/** Most gestures kept; older ones fall off the bottom. */
export const HISTORY_LIMIT = 500;

export const emptyHistory: History = { undo: [], redo: [], isOpen: false };

/** Records `patch`; it joins the open gesture when `coalesce` matches its key, else starts one. Clears redo. */
export function record(history: History, patch: TextPatch, coalesce?: string): History {
  const last = history.undo.at(-1);
  if (history.isOpen && last && coalesce !== undefined && last.coalesce === coalesce) {
    const grown: Gesture = { patches: [...last.patches, patch], coalesce };
    return { undo: [...history.undo.slice(0, -1), grown], redo: [], isOpen: true };
  }
  const gesture: Gesture = coalesce === undefined ? { patches: [patch] } : { patches: [patch], coalesce };
  const undo = [...history.undo, gesture].slice(-HISTORY_LIMIT);
  return { undo, redo: [], isOpen: coalesce !== undefined };
}

/** Closes the open gesture: the next edit starts a new undo step. */
export function mark(history: History): History {
  return history.isOpen ? { ...history, isOpen: false } : history;
}

/** Undoes the newest gesture on `text`. Null when there is nothing to undo. */
export function undo(history: History, text: string): { history: History; text: string } | null {
  const gesture = history.undo.at(-1);
  if (!gesture) return null;
  let out = text;
  for (let i = gesture.patches.length - 1; i >= 0; i--) out = applyPatch(out, invertPatch(gesture.patches[i]!));
  return { text: out, history: { undo: history.undo.slice(0, -1), redo: [...history.redo, gesture], isOpen: false } };
}

/** Redoes the newest undone gesture on `text`. Null when there is nothing to redo. */
export function redo(history: History, text: string): { history: History; text: string } | null {
  const gesture = history.redo.at(-1);
  if (!gesture) return null;
  let out = text;
  for (const patch of gesture.patches) out = applyPatch(out, patch);
  return { text: out, history: { undo: [...history.undo, gesture], redo: history.redo.slice(0, -1), isOpen: false } };
}
