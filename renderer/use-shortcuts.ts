/**
 * Keyboard shortcuts: Ctrl+S saves, Ctrl+Z / Ctrl+Shift+Z (or Ctrl+Y) undo and redo document
 * edits; outside text fields Ctrl+C copies the selected steps as YAML, Ctrl+V pastes steps and
 * Ctrl+D duplicates the selection (editing/clipboard-actions.ts). Inside text fields (Monaco's
 * included) the browser keeps these keys for text. Ctrl+F (find a step) belongs to FindBox.
 */
import { useEffect } from 'react';
import { useActions, useAppStoreApi } from './app-context';
import { copySelection, duplicateSelection, pasteText, selectedIds } from './editing/clipboard-actions';

const isTextField = (el: EventTarget | null) =>
  el instanceof HTMLElement && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));

/** True when the page has selected text the user may mean to copy instead of steps. */
const hasTextSelection = () => (window.getSelection()?.toString() ?? '') !== '';

/** Installs the shortcuts on window for the component's lifetime. */
export function useShortcuts(): void {
  const actions = useActions();
  const store = useAppStoreApi();
  useEffect(() => {
    // A Ctrl+V outside text fields waits one task for the browser's paste event (the system
    // clipboard, no permission needed); when none comes, the in-memory clipboard is pasted.
    let pendingPaste: ReturnType<typeof setTimeout> | undefined;
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      const key = e.key.toLowerCase();
      const inText = isTextField(e.target);
      if (key === 's') {
        e.preventDefault();
        void actions.save();
      } else if (key === 'z' && !inText) {
        e.preventDefault();
        if (e.shiftKey) actions.redo();
        else actions.undo();
      } else if (key === 'y' && !inText) {
        e.preventDefault();
        actions.redo();
      } else if (key === 'c' && !inText && !hasTextSelection() && selectedIds(store).length > 0) {
        // In memory at once; the `copy` event that follows puts the same text on the system clipboard.
        copySelection(store);
      } else if (key === 'v' && !inText && store.getState().flow) {
        clearTimeout(pendingPaste);
        pendingPaste = setTimeout(() => {
          pendingPaste = undefined;
          pasteText(store, undefined);
        }, 0);
      } else if (key === 'd' && !inText && selectedIds(store).length > 0) {
        e.preventDefault(); // the browser would bookmark the page
        duplicateSelection(store);
      }
    };
    // The system clipboard gets the steps synchronously from the copy event (no permission needed),
    // so a paste right after never reads what was on the clipboard before.
    const onCopy = (e: ClipboardEvent) => {
      if (isTextField(e.target) || hasTextSelection() || selectedIds(store).length === 0 || !e.clipboardData) return;
      const text = copySelection(store);
      if (!text) return;
      e.preventDefault();
      e.clipboardData.setData('text/plain', text);
    };
    const onPaste = (e: ClipboardEvent) => {
      if (isTextField(e.target) || !store.getState().flow) return;
      clearTimeout(pendingPaste);
      pendingPaste = undefined;
      e.preventDefault();
      pasteText(store, e.clipboardData?.getData('text/plain'));
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('paste', onPaste);
    window.addEventListener('copy', onCopy);
    return () => {
      clearTimeout(pendingPaste);
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('paste', onPaste);
      window.removeEventListener('copy', onCopy);
    };
  }, [actions, store]);
}
