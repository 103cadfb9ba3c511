/**
 * The versions slice (issue #12 part 3): the version diff the canvas shows, if any. While set,
 * each step node carries `data-diff="added|removed|changed"` (canvas/NodeShell.tsx reads
 * `selectDiffMark`); the Versions panel sets and clears it ("Leave diff").
 */
import type { StateCreator } from 'zustand';
import type { StepChange, VersionDiff } from '../../engine/host/api';
import type { AppState } from '../store/store';

/** A diff on show: the host's answer, and each step's mark by id. */
export interface VersionDiffView {
  diff: VersionDiff;
  marks: Record<string, StepChange>;
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

export const createVersionsSlice: StateCreator<AppState, [], [], VersionsSlice> = (set) => ({
  versionDiff: null,
  showVersionDiff: (diff) => set({ versionDiff: diff ? { diff, marks: diffMarks(diff) } : null }),
});

/** The diff mark of step `id` while a diff is shown, else undefined. */
export const selectDiffMark = (id: string) => (s: AppState): StepChange | undefined => s.versionDiff?.marks[id];
