/**
 * What the UI does with the host: open, save, validate, run, approve, export. Components call
 * these instead of the HostApi so that errors become notices and run events stay in one place.
 */
import type { ExportTarget } from '../engine/export/types';
import type { HostApi, HostEvent } from '../engine/host/api';
import type { Finding } from '../engine/model/finding';
import type { Flow, JsonObject, Position, StepId } from '../engine/model/flow';
import type { RunId } from '../engine/runtime/events';
import { withLayout } from './doc/edits';
import { insertPaletteStep } from './doc/insert-step';
import type { PaletteKind } from './doc/new-step';
import type { TextValidator } from './doc/validator';
import { createFileActions, type FilePicker } from './files/file-actions';
import { i18n } from './i18n';
import { createRunActions } from './run/run-actions';
import type { AppStore } from './store/store';

export type Actions = ReturnType<typeof createActions>;

/** How long after the last text change the document is validated again (typing pauses). */
const VALIDATE_DELAY_MS = 150;

/** A subscription to the transport's HostEvents (HostApi has calls only; events come beside it). */
export type EventSource = (listener: (event: HostEvent) => void) => () => void;

/**
 * Builds the action set over one host and one store; `start()` wires events and opens the first
 * file. `validator` checks the document text (doc/validator.ts); `picker`: Electron's native file
 * dialogs (absent in the web host).
 */
export function createActions(host: HostApi, onEvent: EventSource, store: AppStore, validator: TextValidator, picker?: FilePicker) {
  // A document replaced by open/new/import: the run on display goes (and is no longer watched).
  const files = createFileActions(host, store, picker, () => void runs.show(null));
  const get = store.getState;
  let validateTimer: ReturnType<typeof setTimeout> | undefined;

  const fail = (what: string) => (err: unknown) => {
    const text = err instanceof Error ? err.message : String(err);
    get().notify({ kind: 'error', text: i18n.t('notices.failed', { what, error: text }) });
  };

  const positions = (): Record<StepId, Position> => get().autoPositions;

  // Runs on display, history, inbox and debugging (issue #9); open() is how a run's flow file is shown.
  const runs = createRunActions(host, store, (what) => fail(what), (path) => actions.open(path));

  const actions = {
    runs,
    /** The HostApi itself, for read-only lookups (template lists) that need no store update. */
    host,
    /** The host's event stream, for views of events that change no run (desktop notifications). */
    onEvent,
    /** New, Open, Save, Save as, templates, the workspace tree and the unsaved-changes guard (files/). */
    files,

    /** Subscribes to host events and opens the workspace's first file. Returns an unsubscribe. */
    start(): () => void {
      const off = onEvent((event) => runs.handle(event));
      const stopRuns = runs.wire();
      // With no file to open, a new document: the palette and canvas work at once (issue #8 point 4).
      void host
        .getWorkspace({})
        .then(async (ws) => {
          if (ws.openPath) return void (await files.open(ws.openPath, { guard: false }));
          await files.create({ guard: false });
          get().openDialog('templates');
        })
        .catch(fail(i18n.t('notices.hostUnreachable')));
      const unsub = store.subscribe((s, prev) => {
        if (s.text !== prev.text && s.findingsText !== s.text) actions.validateSoon();
      });
      const offUnload = typeof window === 'undefined' ? () => undefined : files.installUnloadGuard();
      return () => {
        off();
        stopRuns();
        unsub();
        offUnload();
      };
    },

    /** Opens the flow at `path`, after the unsaved-changes guard. */
    async open(path: string): Promise<void> {
      await files.open(path);
    },

    /**
     * Saves to the open file (a new or read-only document asks where: Save as), or to `path`
     * picked in a native dialog (Electron's File menu). Resolves true when the file was written.
     */
    async save(path?: string): Promise<boolean> {
      return path ? files.saveTo(path) : files.save();
    },

    /** Validates the document text after a short pause in typing, off the UI thread (doc/validator.ts). */
    validateSoon(): void {
      clearTimeout(validateTimer);
      validateTimer = setTimeout(() => {
        const { text, path, parseError } = get();
        if (!text || parseError) return; // parse findings are already set with the text
        validator
          .validate(text, path ?? undefined)
          .then((findings) => {
            if (findings) get().setFindings(findings, text);
          })
          .catch(() => undefined); // a failed check is replaced by the next edit's
      }, VALIDATE_DELAY_MS);
    },

    /**
     * Adds a palette step, selected: appended after step `after` when given (doc/insert-step.ts),
     * else at `at` (canvas coordinates). A parallel comes with its join, a map with its body's start.
     */
    addFromPalette(kind: PaletteKind, at: Position, after?: StepId | null): StepId | null {
      const flow = get().flow;
      if (!flow) return null;
      const positionOf = (id: StepId) => get().flow?.layout?.[id] ?? positions()[id];
      let id: StepId | null = null;
      get().markGesture();
      const done = get().edit((f) => {
        const added = insertPaletteStep(f, kind, at, after, positionOf);
        id = added.id;
        return added.flow;
      });
      get().markGesture();
      if (!done) {
        get().notify({ kind: 'error', text: i18n.t('code.fixFirst') });
        return null;
      }
      if (id) get().selectStep(id);
      return id;
    },

    /**
     * Starts a real run, or a simulation (virtual clock, mocked steps) with `mode: 'simulate'`.
     * Resolves with the host's error message when the run could not start (also shown as a notice),
     * so the Run dialog can show it beside the input; null otherwise.
     */
    async startRun(input: JsonObject, mode: 'run' | 'simulate' = 'run'): Promise<string | null> {
      const path = get().path;
      if (!path || !get().flow) return null;
      if ((get().isDirty() || !files.ui.getState().isOnDisk) && !(await actions.save())) return null;
      get().setStarting(true);
      try {
        await runs.start(path, input, mode);
        get().setBottomTab('run');
        get().openDialog(null);
        return null;
      } catch (err) {
        fail(i18n.t('notices.runFailed'))(err);
        return err instanceof Error ? err.message : String(err);
      } finally {
        get().setStarting(false);
      }
    },

    async answerApproval(step: StepId, verdict: 'approve' | 'reject', as: string, comment: string): Promise<void> {
      const run = get().runId;
      if (run) await runs.answer(run, step, verdict, as, comment);
    },

    /** Replaces a step's streamed logs with the stored ones (complete even if events were missed). */
    async loadStepLogs(step: StepId): Promise<void> {
      const run = get().runId;
      const session = run ? runs.sessions.get(run) : undefined;
      if (!run || !session) return;
      try {
        const lines = await host.getStepLogs({ run, step });
        session.setStepLogs(step, lines);
        runs.setCursor(session.cursor);
      } catch (err) {
        fail(i18n.t('notices.logsFailed', { step }))(err);
      }
    },

    /**
     * The open document as native YAML or exported to a production engine (issue #4): the text,
     * `format` (`json` for ASL) and findings for every loss of meaning. Null without a document.
     */
    async exportTo(to: 'native' | ExportTarget): Promise<{ text: string; findings: Finding[]; format: 'yaml' | 'json' } | null> {
      get().flushEdits();
      const { flow, path, text } = get();
      if (!flow || !path) return null;
      // The native document is the text itself, comments and all.
      if (to === 'native') return { text, findings: [], format: 'yaml' };
      return host.exportFlow({ path, flow: withLayout(flow, positions()), to });
    },

    /**
     * Writes an exported document into the workspace (`path` relative to its folder); resolves with the absolute path.
     * `to`: the target it was exported to; the host then leaves a release record when the saved file
     * is a published version (issue #12), which the notice mentions.
     */
    async writeExport(path: string, text: string, to?: ExportTarget): Promise<string> {
      const { path: flowPath } = get();
      const isSaved = flowPath !== null && !get().isDirty() && files.ui.getState().isOnDisk;
      const res = await host.writeExport({ path, text, ...(to && isSaved ? { from: { path: flowPath, to } } : {}) });
      const saved = i18n.t('notices.exportSaved', { path: res.path });
      const release = res.release ? ` · ${i18n.t('versions.releaseRecorded', { version: res.release.version, target: res.release.target })}` : '';
      get().notify({ kind: 'info', text: `${saved}${release}` });
      return res.path;
    },

    /**
     * Imports a document the user picked (its text and file name; format detected unless `from`)
     * and opens it as an unsaved, untrusted document at a free path in the workspace, with the
     * import findings in the Findings tab. Rejects with the host's error (the dialog shows it).
     */
    async importText(text: string, name: string, from?: ExportTarget): Promise<void> {
      if (!(await files.guard(`importing ${name}`))) return;
      const res = await host.importText({ text, name, ...(from ? { from } : {}) });
      // Nothing is on disk yet: the document starts dirty, and Save (or Run) writes it (Save as).
      get().loadDocument(res.path, res.text, { saved: false, findings: res.findings });
      get().setTrust(res.trusted, res.trustReason ?? null);
      await runs.show(null);
      files.ui.setState({ isReadOnly: false, isOnDisk: false });
      get().openDialog(null);
      get().setBottomTab('findings');
      const count = res.findings.length;
      get().notify({
        kind: 'info',
        text: i18n.t('notices.imported', { name, file: fileName(res.path), count }),
      });
    },

    /** Records that the user trusts the open flow file, so it may run for real (DESIGN.md "Security"). */
    async trustFlow(): Promise<void> {
      const path = get().path;
      if (!path) return;
      try {
        const res = await host.trustFlow({ path });
        get().setTrust(res.trusted, res.trustReason);
      } catch (err) {
        fail(i18n.t('notices.trustFailed'))(err);
      }
    },

    /** Undoes the last gesture of any view (canvas, inspector, code). */
    undo: () => get().undo(),
    redo: () => get().redo(),
  };

  return actions;
}

/** The last path segment, for the toolbar and notices. */
export function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}
