/**
 * The document slice: the open flow (the truth the canvas and inspector are views of), its file,
 * what was last saved, findings, and computed positions for steps without a layout.
 */
import type { StateCreator, StoreApi } from 'zustand';
import type { Finding } from '../../engine/model/finding';
import type { Flow, Position, StepId } from '../../engine/model/flow';
import { loadFlowText } from '../../engine/yaml/load';
import { documentToText, flowToText, updateDocument } from '../../engine/yaml/save';
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
  /**
   * The document's YAML text (notes/DOC-API.md). MINIMAL VERSION for the hostfiles branch, to be
   * replaced by the lead's document API: the truth is still `flow`; `text` follows it, printed onto
   * the previous text with engine/yaml/save.ts (comments and key order kept) after every change of
   * `flow` (keepTextInSync), and set as read by loadDocument.
   */
  text: string;
  /** The text as last opened or saved; null: never saved (New, Import). */
  savedText: string | null;
  /** The `flow` that `text` was printed from (minimal version only). */
  textFlow: Flow | null;
  /** True when there are edits a save would keep (`flow !== savedFlow`; undo back to the saved flow clears it). */
  isDirty(): boolean;
  /**
   * Replaces the document with `text` at `path` (parsed here; `flow` stays the last valid one when
   * it does not parse). `saved: false`: nothing is on disk yet (savedText null, dirty). The caller
   * clears undo history. Findings are left to the caller (the host validates).
   */
  loadDocument(path: string, text: string, opts?: { saved?: boolean }): void;
  /** Replaces the document with one read from the host (open); clears undo history. */
  loadFlow(path: string, flow: Flow | null, findings: Finding[]): void;
  /**
   * Applies a document edit. Edits with the same `coalesce` key in a row (typing in one field)
   * make one undo step; see store.ts.
   */
  edit(fn: (flow: Flow) => Flow, coalesce?: string): void;
  /**
   * Records a save. With text (DOC-API.md): `text` was written to `path`; it becomes savedText and
   * the current flow the clean baseline. With a Flow (the older form, kept for existing callers): the
   * saved flow (with its layout) becomes both the document and the baseline.
   */
  markSaved(path: string, saved: string | Flow, findings?: Finding[]): void;
  setFindings(findings: Finding[]): void;
  setAutoPositions(positions: Record<StepId, Position>): void;
  setTrust(isTrusted: boolean, reason: string | null): void;
}

/** The coalescing key of the edit being applied; read by the undo middleware's handleSet. */
export const editContext: { coalesce: string | undefined } = { coalesce: undefined };

/**
 * `flow` printed onto `text`: the change applied to text's yaml Document, so comments and key order
 * survive; a text with no usable Document is printed fresh. Pure; runs in the browser.
 */
export function printFlowOnto(text: string, flow: Flow): string {
  const loaded = loadFlowText(text);
  if (loaded.flow === null) return flowToText(flow);
  updateDocument(loaded.doc, flow);
  return documentToText(loaded.doc);
}

/**
 * Keeps `text` in step with `flow` (minimal version): after any change of `flow` (an edit, undo,
 * redo) the text is printed again. Returns the unsubscribe function.
 */
export function keepTextInSync(store: StoreApi<AppState>): () => void {
  return store.subscribe((s) => {
    if (s.flow === null || s.flow === s.textFlow) return;
    store.setState({ text: printFlowOnto(s.text, s.flow), textFlow: s.flow });
  });
}

export const createDocSlice: StateCreator<AppState, [['temporal', unknown]], [], DocSlice> = (set, get) => ({
  flow: null,
  path: null,
  savedFlow: null,
  text: '',
  savedText: null,
  textFlow: null,
  isDirty: () => get().flow !== get().savedFlow,
  loadDocument(path, text, opts) {
    const { flow } = loadFlowText(text, path);
    const saved = opts?.saved !== false;
    set({
      path,
      text,
      textFlow: flow ?? get().flow,
      flow: flow ?? get().flow,
      savedText: saved ? text : null,
      savedFlow: saved ? (flow ?? get().flow) : null,
      autoPositions: {},
      selectedStep: null,
      selectedEdge: null,
    });
  },
  findings: [],
  autoPositions: {},
  isTrusted: true,
  trustReason: null,
  loadFlow(path, flow, findings) {
    const text = flow ? flowToText(flow) : '';
    set({ path, flow, savedFlow: flow, findings, text, textFlow: flow, savedText: text, autoPositions: {}, selectedStep: null, selectedEdge: null });
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
  markSaved(path, saved, findings) {
    if (typeof saved === 'string') set({ path, savedText: saved, savedFlow: get().flow, ...(findings ? { findings } : {}) });
    else set({ path, flow: saved, savedFlow: saved, findings: findings ?? [] });
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
