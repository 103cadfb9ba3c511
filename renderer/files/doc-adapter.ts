/**
 * The few document changes the file actions need beyond notes/DOC-API.md (`loadDocument`,
 * `markSaved`, `isDirty()`, `text`, `savedText`), in one place so they can follow the lead's
 * document API at merge. Each writes the minimal doc slice of this branch (store/doc-slice.ts)
 * and records no undo history (loading and saving are not edits).
 */
import type { Flow } from '../../engine/model/flow';
import { withLayout } from '../doc/edits';
import type { AppStore } from '../store/store';

/** Runs `fn` with undo recording paused. */
export function untracked(store: AppStore, fn: () => void): void {
  const t = store.temporal.getState();
  t.pause();
  try {
    fn();
  } finally {
    t.resume();
  }
}

/** After loadDocument of text that does not parse: no graph (the Findings say why), nothing to save. */
export function clearUnparsed(store: AppStore): void {
  store.setState({ flow: null, savedFlow: null, textFlow: null });
}

/** A New document nobody has touched is clean: a guard before replacing it would only get in the way. */
export function markUntouched(store: AppStore): void {
  store.setState({ savedFlow: store.getState().flow });
}

/**
 * Writes the automatic layout's positions of steps without `layout` into the document before a
 * save (issue #2: saved files keep the positions the canvas showed). Keeps a clean document clean.
 */
export function applyAutoLayout(store: AppStore): void {
  const { flow, savedFlow, autoPositions } = store.getState();
  if (!flow) return;
  const laidOut = withLayout(flow, autoPositions);
  untracked(store, () => store.setState({ flow: laidOut, savedFlow: savedFlow === flow ? laidOut : savedFlow }));
}

/**
 * Records that `text` (printed from `flowAtSave`) was written to `path` while the person kept
 * editing: the baseline moves, the newer edits stay unsaved.
 */
export function markSavedBehind(store: AppStore, path: string, text: string, flowAtSave: Flow | null): void {
  store.setState({ path, savedText: text, savedFlow: flowAtSave });
}
