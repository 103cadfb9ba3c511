/**
 * Copy, paste and duplicate over the store (issue #8 point 3), for the keyboard shortcuts. The
 * text goes to the system clipboard through the `copy` event's clipboardData (use-shortcuts.ts) and
 * always to an in-memory clipboard, which paste falls back to where the system clipboard cannot be
 * read (no permission, no focus) or holds no steps.
 */
import type { Position, StepId } from '../../engine/model/flow';
import { copySteps, duplicateSteps, parseClip, pasteSteps, PASTE_OFFSET } from '../doc/clipboard';
import type { AppStore } from '../store/store';

/** What was copied last in this window, and how often it was pasted (each paste lands further off). */
const memory = { text: '', pastes: 0 };

/** The steps a command acts on: every selected step (the canvas' multi-selection), else the selected one. */
export function selectedIds(store: AppStore): StepId[] {
  const s = store.getState();
  if (s.selectedSteps.length > 0) return s.selectedSteps;
  return s.selectedStep ? [s.selectedStep] : [];
}

function positionOf(store: AppStore) {
  const s = store.getState();
  return (id: StepId): Position | undefined => s.flow?.layout?.[id] ?? s.autoPositions[id];
}

/**
 * The YAML of the selected steps, kept in memory and offered to the system clipboard. Returns the
 * text ('' when nothing is selected). `write` is the system clipboard writer (may reject).
 */
export function copySelection(store: AppStore, write?: (text: string) => Promise<void>): string {
  const flow = store.getState().flow;
  const ids = selectedIds(store);
  if (!flow || ids.length === 0) return '';
  const text = copySteps(flow, ids, positionOf(store));
  if (!text) return '';
  memory.text = text;
  memory.pastes = 0;
  void write?.(text).catch(() => undefined); // the in-memory copy still pastes
  return text;
}

/**
 * Pastes steps from `text` (the system clipboard's), or from the in-memory clipboard when `text`
 * holds no steps; selects the pasted steps. Returns the new ids ([] when nothing pasted).
 */
export function pasteText(store: AppStore, text: string | undefined): StepId[] {
  const s = store.getState();
  if (!s.flow) return [];
  const fromSystem = text ? parseClip(text) : null;
  const clip = fromSystem ?? parseClip(memory.text);
  if (!clip) return [];
  const sameAsMemory = !fromSystem || text === memory.text;
  const n = sameAsMemory ? ++memory.pastes : 1;
  let ids: StepId[] = [];
  s.edit((f) => {
    const res = pasteSteps(f, clip, { offset: { x: PASTE_OFFSET.x * n, y: PASTE_OFFSET.y * n } });
    ids = res.ids;
    return res.flow;
  });
  if (ids.length) s.selectSteps(ids);
  return ids;
}

/** Duplicates the selected steps next to them and selects the copies. */
export function duplicateSelection(store: AppStore): StepId[] {
  const s = store.getState();
  const selected = selectedIds(store);
  if (!s.flow || selected.length === 0) return [];
  let ids: StepId[] = [];
  s.edit((f) => {
    const res = duplicateSteps(f, selected, positionOf(store));
    ids = res.ids;
    return res.flow;
  });
  if (ids.length) s.selectSteps(ids);
  return ids;
}
