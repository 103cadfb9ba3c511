/**
 * The document slice (issue #8 "One document", DESIGN.md "Designer"): the YAML text is the truth;
 * `flow` (the last valid parse), the yaml Document and the findings are derived from it. Canvas
 * and inspector change it with `edit(fn)`, the code view with `applyText`; both record text
 * patches in the one undo history (doc/history.ts), so undo is the same in every view.
 */
import type { Document } from 'yaml';
import type { StateCreator } from 'zustand';
import type { Finding } from '../../engine/model/finding';
import type { Flow, Position, StepId } from '../../engine/model/flow';
import { flowToText } from '../../engine/yaml/save';
import { parseText, printEdit, shareUnchanged } from '../doc/document';
import { parsePreview } from '../doc/preview';
import { emptyHistory, mark, record, redo, undo, type History } from '../doc/history';
import { diffText } from '../doc/text-patch';
import { timed } from '../perf';
import type { AppState } from './store';

/** Which view made a text change: the code view skips echoing its own edits back into Monaco. */
export type EditSource = 'code' | 'canvas' | 'history' | 'load';

export interface DocSlice {
  /** Absolute path of the open file; saves go there. */
  path: string | null;
  /** The document: YAML text, the one truth. */
  text: string;
  /** Bumped on every text change; with `textSource`, lets the code view tell its own edits apart. */
  textVersion: number;
  textSource: EditSource;
  /** The text as last opened or saved; null when it was never saved (an import, a new flow). */
  savedText: string | null;
  /** The last text that parsed, as a plain flow; kept while the code view holds invalid text. */
  flow: Flow | null;
  /**
   * While a big file is being opened: its first steps (doc/preview.ts), for the canvas to draw
   * before the whole text is parsed; `flow` and `doc` are null until `finishLoad`. Null otherwise.
   */
  preview: Flow | null;
  /** The yaml Document of `flow`'s text (edits write into it); not for rendering. */
  doc: Document | null;
  /**
   * The flow `doc` and `text` hold. A canvas or inspector edit updates `flow` at once and prints the
   * text a moment later (`flushEdits`), so typing into a field of a 5,000-step flow does not print
   * the whole document per keystroke; `flow !== printed` while a print is due.
   */
  printed: Flow | null;
  /** Why the current text does not parse (`line:col message`); null when it does. */
  parseError: string | null;
  /** Findings of `findingsText`: the newest validated text (see actions' validation). */
  findings: Finding[];
  findingsText: string | null;
  /** elkjs positions for steps the document has no `layout` for (not part of the document). */
  autoPositions: Record<StepId, Position>;
  /**
   * False for an imported flow or one outside the workspace that nobody trusted yet (DESIGN.md
   * "Security"): it can be simulated, not run for real. `trustReason` says why, for the Run dialog.
   */
  isTrusted: boolean;
  trustReason: string | null;
  /** The one undo history of every view (doc/history.ts). */
  undoHistory: History;
  /**
   * Replaces the document (open, new, import); clears undo. `saved: false` starts it dirty.
   * `progressive`: a big text gets a `preview` and is parsed by `finishLoad` (call it once the
   * preview is painted); the first edit parses it too.
   */
  loadDocument(path: string, text: string, opts?: { saved?: boolean; findings?: Finding[]; progressive?: boolean }): void;
  /** Parses the text a progressive `loadDocument` left for later; does nothing when there is none. */
  finishLoad(): void;
  /** `loadDocument` for a Flow object (tests, imports that hand over a Flow): prints it first. */
  loadFlow(path: string, flow: Flow | null, findings: Finding[]): void;
  /**
   * Applies a Flow-level edit as a document operation. Edits with the same `coalesce` key in a
   * row (typing in one field) make one undo step until `markGesture`. Refused (returns false) while
   * the text does not parse: the canvas then shows the last valid graph, read-only.
   */
  edit(fn: (flow: Flow) => Flow, coalesce?: string): boolean;
  /** Replaces the text (a typed edit in the code view); re-parses it. Coalesces like `edit`. */
  applyText(text: string, coalesce?: string): void;
  /** Ends the open gesture: the next edit is a new undo step. */
  markGesture(): void;
  /** Prints pending Flow edits into the text now (before reading `text`: save, export, undo). */
  flushEdits(): void;
  undo(): void;
  redo(): void;
  /** True when the text differs from the saved one (or was never saved). */
  isDirty(): boolean;
  /** Records a save of `text` to `path`; edits made while saving stay dirty. */
  markSaved(path: string, text: string): void;
  /** Findings for `forText`; ignored when the document has moved on. */
  setFindings(findings: Finding[], forText?: string): void;
  setAutoPositions(positions: Record<StepId, Position>): void;
  setTrust(isTrusted: boolean, reason: string | null): void;
}

/** Texts up to this size are printed on every edit; larger ones when typing pauses. */
const PRINT_AT_ONCE_CHARS = 20_000;
/** The pause after which a large document's pending edits are printed. */
const PRINT_DELAY_MS = 150;

export const createDocSlice: StateCreator<AppState, [], [], DocSlice> = (set, get) => {
  let pendingKey: string | undefined;
  let printTimer: ReturnType<typeof setTimeout> | undefined;

  const flush = () => {
    clearTimeout(printTimer);
    printTimer = undefined;
    const s = get();
    if (!s.doc || !s.printed || s.flow === s.printed || !s.flow) return;
    const text = printEdit(s.doc, s.flow, s.printed);
    const patch = diffText(s.text, text);
    set({
      text,
      printed: s.flow,
      textVersion: s.textVersion + 1,
      textSource: 'canvas',
      ...(patch ? { undoHistory: record(s.undoHistory, patch, pendingKey) } : {}),
    });
  };

  /** Sets a new text that came from anywhere but a Flow edit: re-parse, keep unchanged subtrees. */
  const setText = (text: string, source: EditSource, undoHistory: History) => {
    const s = get();
    const parsed = parseText(text, s.path ?? undefined);
    const flow = parsed.flow ? shareUnchanged(s.flow, parsed.flow) : s.flow;
    set({
      text,
      textVersion: s.textVersion + 1,
      textSource: source,
      undoHistory,
      preview: null,
      flow,
      printed: parsed.flow ? flow : null,
      doc: parsed.doc ?? null,
      parseError: parsed.error,
      ...(parsed.flow ? {} : { findings: parsed.findings, findingsText: text }),
    });
  };

  return {
    path: null,
    text: '',
    textVersion: 0,
    textSource: 'load',
    savedText: null,
    flow: null,
    preview: null,
    doc: null,
    printed: null,
    parseError: null,
    findings: [],
    findingsText: null,
    autoPositions: {},
    isTrusted: true,
    trustReason: null,
    undoHistory: emptyHistory,

    loadDocument(path, text, opts) {
      clearTimeout(printTimer);
      const preview = opts?.progressive ? timed('parsePreview', () => parsePreview(text)) : null;
      if (preview) {
        set({
          path,
          text,
          textVersion: get().textVersion + 1,
          textSource: 'load',
          savedText: opts?.saved === false ? null : text,
          flow: null,
          preview,
          printed: null,
          doc: null,
          parseError: null,
          findings: opts?.findings ?? [],
          findingsText: null,
          autoPositions: {},
          undoHistory: emptyHistory,
          selectedStep: null,
          selectedSteps: [],
          selectedEdge: null,
        });
        return;
      }
      const parsed = timed('parseText', () => parseText(text, path));
      set({
        preview: null,
        path,
        text,
        textVersion: get().textVersion + 1,
        textSource: 'load',
        savedText: opts?.saved === false ? null : text,
        flow: parsed.flow,
        printed: parsed.flow,
        doc: parsed.doc,
        parseError: parsed.error,
        findings: opts?.findings ?? parsed.findings,
        findingsText: opts?.findings || parsed.error ? text : null,
        autoPositions: {},
        undoHistory: emptyHistory,
        selectedStep: null,
        selectedSteps: [],
        selectedEdge: null,
      });
    },

    finishLoad() {
      const s = get();
      if (!s.preview) return;
      const parsed = timed('parseText', () => parseText(s.text, s.path ?? undefined));
      set({
        preview: null,
        flow: parsed.flow,
        printed: parsed.flow,
        doc: parsed.doc,
        parseError: parsed.error,
        ...(s.findingsText === null ? { findings: parsed.findings, findingsText: parsed.error ? s.text : null } : {}),
      });
    },

    loadFlow(path, flow, findings) {
      get().loadDocument(path, flow ? flowToText(flow) : '', { findings });
    },

    edit(fn, coalesce) {
      if (get().preview) get().finishLoad();
      let s = get();
      if (!s.flow || !s.doc || s.parseError) return false;
      // A pending edit of another gesture is printed first, so each gesture is its own undo step.
      if (s.flow !== s.printed && (coalesce === undefined || coalesce !== pendingKey)) {
        flush();
        s = get();
      }
      const next = fn(s.flow!);
      if (next === s.flow) return true;
      pendingKey = coalesce;
      set({ flow: next });
      if (s.text.length <= PRINT_AT_ONCE_CHARS || s.showCode) flush();
      else {
        clearTimeout(printTimer);
        printTimer = setTimeout(flush, PRINT_DELAY_MS);
      }
      return true;
    },

    applyText(text, coalesce) {
      flush();
      const s = get();
      const patch = diffText(s.text, text);
      if (!patch) return;
      setText(text, 'code', record(s.undoHistory, patch, coalesce));
    },

    markGesture() {
      flush();
      const s = get();
      const history = mark(s.undoHistory);
      if (history !== s.undoHistory) set({ undoHistory: history });
    },

    flushEdits: flush,

    undo() {
      flush();
      const s = get();
      const done = undo(s.undoHistory, s.text);
      if (done) setText(done.text, 'history', done.history);
    },

    redo() {
      flush();
      const s = get();
      const done = redo(s.undoHistory, s.text);
      if (done) setText(done.text, 'history', done.history);
    },

    isDirty() {
      const s = get();
      if (s.flow !== s.printed) return true;
      return s.savedText === null ? s.text !== '' : s.text !== s.savedText;
    },

    markSaved(path, text) {
      flush();
      set({ path, savedText: text });
    },

    setFindings(findings, forText) {
      if (forText !== undefined && forText !== get().text) return;
      set({ findings, findingsText: forText ?? get().text });
    },

    setAutoPositions(positions) {
      set({ autoPositions: { ...get().autoPositions, ...positions } });
    },

    setTrust(isTrusted, trustReason) {
      set({ isTrusted, trustReason });
    },
  };
};
