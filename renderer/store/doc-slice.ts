/**
 * The document slice: the open flow (the truth the canvas and inspector are views of), its file,
 * what was last saved, findings, and computed positions for steps without a layout.
 */
import type { StateCreator } from 'zustand';
import type { Finding } from '../../engine/model/finding';
import type { Flow, Position, StepId } from '../../engine/model/flow';
import type { AppState } from './store';

export interface DocSlice {
  flow: Flow | null;
  /** Absolute path of the open file; saves go there. */
  path: string | null;
  /** The flow as last opened or saved; `flow !== savedFlow` means unsaved edits (undo can clear it). */
  savedFlow: Flow | null;
  findings: Finding[];
  /** elkjs positions for steps the document has no `layout` for (not part of the document). */
  autoPositions: Record<StepId, Position>;
  /**
   * False for an imported flow or one outside the workspace that nobody trusted yet (DESIGN.md
   * "Security"): it can be simulated, not run for real. `trustReason` says why, for the Run dialog.
   */
  isTrusted: boolean;
  trustReason: string | null;
  /** Replaces the document with one read from the host (open); clears undo history. */
  loadFlow(path: string, flow: Flow | null, findings: Finding[]): void;
  /**
   * Applies a document edit. Edits with the same `coalesce` key in a row (typing in one field)
   * make one undo step; see store.ts.
   */
  edit(fn: (flow: Flow) => Flow, coalesce?: string): void;
  /** Records a save: the saved flow (with its layout) becomes both the document and the baseline. */
  markSaved(path: string, flow: Flow, findings: Finding[]): void;
  setFindings(findings: Finding[]): void;
  setAutoPositions(positions: Record<StepId, Position>): void;
  setTrust(isTrusted: boolean, reason: string | null): void;
}

/** The coalescing key of the edit being applied; read by the undo middleware's handleSet. */
export const editContext: { coalesce: string | undefined } = { coalesce: undefined };

export const createDocSlice: StateCreator<AppState, [['temporal', unknown]], [], DocSlice> = (set, get) => ({
  flow: null,
  path: null,
  savedFlow: null,
  findings: [],
  autoPositions: {},
  isTrusted: true,
  trustReason: null,
  loadFlow(path, flow, findings) {
    set({ path, flow, savedFlow: flow, findings, autoPositions: {}, selectedStep: null, selectedEdge: null });
  },
  edit(fn, coalesce) {
    const flow = get().flow;
    if (!flow) return;
    const next = fn(flow);
    if (next === flow) return;
    editContext.coalesce = coalesce;
    try {
      set({ flow: next });
    } finally {
      editContext.coalesce = undefined;
    }
  },
  markSaved(path, flow, findings) {
    set({ path, flow, savedFlow: flow, findings });
  },
  setFindings(findings) {
    set({ findings });
  },
  setAutoPositions(positions) {
    set({ autoPositions: { ...get().autoPositions, ...positions } });
  },
  setTrust(isTrusted, trustReason) {
    set({ isTrusted, trustReason });
  },
});
