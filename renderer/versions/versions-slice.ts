/**
 * The versions slice (issue #12 part 3): the version diff the canvas shows, if any. While set,
 * the canvas draws the newer side with the older side's removed steps as ghosts (diff-canvas.ts),
 * read-only, and each step node carries `data-diff="added|removed|changed"` (canvas/NodeShell.tsx
 * reads `selectDiffMark`); the Versions panel sets and clears it ("Leave diff").
 */
import type { StateCreator } from 'zustand';
import type { StepChange, VersionDiff } from '../../engine/host/api';
import type { Flow } from '../../engine/model/flow';
import { parseText } from '../doc/document';
import type { AppState } from '../store/store';

/** A diff on show: the host's answer, each step's mark by id, and the sides the canvas draws. */
export interface VersionDiffView {
  diff: VersionDiff;
  marks: Record<string, StepChange>;
  /** The older side, parsed (its removed steps become ghosts); null when the host sent no text or it does not parse. */
  older: Flow | null;
  /** The newer side when it is a published version, parsed; null when it is the document (`to: 'working'`) or unreadable. */
  newer: Flow | null;
}

export interface VersionsSlice {
  versionDiff: VersionDiffView | null;
  /** Shows `diff` on the canvas (null: leave the diff view). */
  showVersionDiff(diff: VersionDiff | null): void;
}

/** The marks of a diff by step id (prototype-free, so a step called `constructor` is just an id). */
export function diffMarks(diff: VersionDiff): Record<string, StepChange> {
  const marks = Object.create(null) as Record<string, StepChange>;
  for (const s of diff.steps) marks[s.id] = s.change;
  return marks;
}

/** The view of `diff`: its marks and both sides parsed (the texts come from HostApi diffVersions). */
export function diffView(diff: VersionDiff): VersionDiffView {
  const parse = (text: string | undefined): Flow | null => (text ? parseText(text).flow : null);
  return {
    diff,
    marks: diffMarks(diff),
    older: parse(diff.texts?.from),
    newer: diff.to === 'working' ? null : parse(diff.texts?.to),
  };
}

export const createVersionsSlice: StateCreator<AppState, [], [], VersionsSlice> = (set) => ({
  versionDiff: null,
  showVersionDiff: (diff) => set({ versionDiff: diff ? diffView(diff) : null }),
});

/** The diff mark of step `id` while a diff is shown, else undefined. */
export const selectDiffMark = (id: string) => (s: AppState): StepChange | undefined => s.versionDiff?.marks[id];
