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
import { RunTracker } from './run/run-tracker';
import type { AppStore } from './store/store';

export type Actions = ReturnType<typeof createActions>;

/** How long after the last edit the document is validated again. */
const VALIDATE_DELAY_MS = 400;

/** A subscription to the transport's HostEvents (HostApi has calls only; events come beside it). */
export type EventSource = (listener: (event: HostEvent) => void) => () => void;

/** Builds the action set over one host and one store; `start()` wires events and opens the first file. */
export function createActions(host: HostApi, onEvent: EventSource, store: AppStore) {
  const tracker = new RunTracker();
  const get = store.getState;
  let validateTimer: ReturnType<typeof setTimeout> | undefined;

  const fail = (what: string) => (err: unknown) => {
    const text = err instanceof Error ? err.message : String(err);
    get().notify({ kind: 'error', text: `${what}: ${text}` });
  };

  /** Runs `fn` without recording undo history (loading and saving are not edits). */
  const untracked = (fn: () => void) => {
    const t = store.temporal.getState();
    t.pause();
    try {
      fn();
    } finally {
      t.resume();
    }
  };

  const publish = (run: RunId) => {
    if (get().runId !== run) return;
    const { state, logs } = tracker.snapshot(run);
    get().showRun(run, state, logs);
  };

  const positions = (): Record<StepId, Position> => get().autoPositions;

  const actions = {
    tracker,
    /** The HostApi itself, for read-only lookups (template lists) that need no store update. */
    host,
    /** The host's event stream, for views of events that change no run (desktop notifications). */
    onEvent,

    /** Subscribes to host events and opens the workspace's first file. Returns an unsubscribe. */
    start(): () => void {
      const off = onEvent((event) => {
        const run = tracker.handle(event);
        if (run) publish(run);
      });
      void host
        .getWorkspace({})
        .then((ws) => (ws.openPath ? actions.open(ws.openPath) : get().openDialog('templates')))
        .catch(fail('Could not reach the Flowsmith host'));
      const unsub = store.subscribe((s, prev) => {
        if (s.flow !== prev.flow && s.path === prev.path && s.flow) actions.validateSoon();
      });
      return () => {
        off();
        unsub();
      };
    },

    async open(path: string): Promise<void> {
      try {
        const opened = await host.openFlow({ path });
        untracked(() => {
          get().loadFlow(opened.path, opened.flow, opened.findings);
          get().setTrust(opened.trusted !== false, opened.trustReason ?? null);
          get().showRun(null, null, []);
        });
        store.temporal.getState().clear();
        get().openDialog(null);
        get().notify(opened.flow ? null : { kind: 'error', text: `${opened.path} could not be parsed; see Findings` });
        get().setBottomTab(opened.findings.length > 0 ? 'findings' : 'run');
      } catch (err) {
        fail(`Could not open ${path}`)(err);
      }
    },

    /** Saves to the open path (or `path` for Save As). Resolves true when the file was written. */
    async save(path = get().path): Promise<boolean> {
      const flow = get().flow;
      if (!flow || !path) return false;
      const toSave = withLayout(flow, positions());
      get().setSaving(true);
      try {
        const res = await host.saveFlow({ path, flow: toSave });
        untracked(() => {
          // Edits made while saving stay unsaved: only the baseline moves.
          if (get().flow === flow) get().markSaved(path, toSave, res.findings);
          else store.setState({ savedFlow: toSave, path, findings: res.findings });
        });
        get().notify({ kind: 'info', text: `Saved ${fileName(path)}` });
        return true;
      } catch (err) {
        fail('Could not save')(err);
        return false;
      } finally {
        get().setSaving(false);
      }
    },

    validateSoon(): void {
      clearTimeout(validateTimer);
      validateTimer = setTimeout(() => {
        const flow = get().flow;
        if (!flow) return;
        host
          .validateFlow({ flow, path: get().path ?? undefined })
          .then((findings) => {
            if (get().flow === flow) get().setFindings(findings);
          })
          .catch(() => undefined); // a stale or failed check is replaced by the next edit's
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
      get().edit((f) => {
        const added = insertPaletteStep(f, kind, at, after, positionOf);
        id = added.id;
        return added.flow;
      });
      if (id) get().selectStep(id);
      return id;
    },

    /** Starts a real run, or a simulation (virtual clock, mocked steps) with `mode: 'simulate'`. */
    async startRun(input: JsonObject, mode: 'run' | 'simulate' = 'run'): Promise<void> {
      const path = get().path;
      if (!path || !get().flow) return;
      if (get().flow !== get().savedFlow && !(await actions.save())) return;
      get().setStarting(true);
      try {
        const { run } = await host.startRun({ path, input, mode });
        get().showRun(run, null, []);
        publish(run); // events that arrived before the answer were buffered by the tracker
        get().setBottomTab('run');
        get().openDialog(null);
        const { events } = await host.getRun({ run });
        if (tracker.addEntries(run, events)) publish(run);
      } catch (err) {
        fail('Could not start the run')(err);
      } finally {
        get().setStarting(false);
      }
    },

    async answerApproval(step: StepId, verdict: 'approve' | 'reject', as: string, comment: string): Promise<void> {
      const run = get().runId;
      if (!run) return;
      try {
        await host.answerApproval({ run, step, verdict, as, comment: comment || undefined });
      } catch (err) {
        fail(verdict === 'approve' ? 'Could not approve' : 'Could not reject')(err);
      }
    },

    /** Replaces a step's streamed logs with the stored ones (complete even if events were missed). */
    async loadStepLogs(step: StepId): Promise<void> {
      const run = get().runId;
      if (!run) return;
      try {
        const lines = await host.getStepLogs({ run, step });
        tracker.setStepLogs(run, step, lines);
        publish(run);
      } catch (err) {
        fail(`Could not load the logs of ${step}`)(err);
      }
    },

    /**
     * The open document as native YAML or exported to a production engine (issue #4): the text,
     * `format` (`json` for ASL) and findings for every loss of meaning. Null without a document.
     */
    async exportTo(to: 'native' | ExportTarget): Promise<{ text: string; findings: Finding[]; format: 'yaml' | 'json' } | null> {
      const { flow, path } = get();
      if (!flow || !path) return null;
      return host.exportFlow({ path, flow: withLayout(flow, positions()), to });
    },

    /** Writes an exported document into the workspace (`path` relative to its folder); resolves with the absolute path. */
    async writeExport(path: string, text: string): Promise<string> {
      const res = await host.writeExport({ path, text });
      get().notify({ kind: 'info', text: `Saved the export to ${res.path}` });
      return res.path;
    },

    /**
     * Imports a document the user picked (its text and file name; format detected unless `from`)
     * and opens it as an unsaved, untrusted document at a free path in the workspace, with the
     * import findings in the Findings tab. Rejects with the host's error (the dialog shows it).
     */
    async importText(text: string, name: string, from?: ExportTarget): Promise<void> {
      const res = await host.importText({ text, name, ...(from ? { from } : {}) });
      untracked(() => {
        get().loadFlow(res.path, res.flow, res.findings);
        // Nothing is on disk yet: the document starts dirty, and Save (or Run) writes it.
        store.setState({ savedFlow: null });
        get().setTrust(res.trusted, res.trustReason ?? null);
        get().showRun(null, null, []);
      });
      store.temporal.getState().clear();
      get().openDialog(null);
      get().setBottomTab('findings');
      const count = res.findings.length;
      get().notify({
        kind: 'info',
        text: `Imported ${name} as ${fileName(res.path)} (unsaved), ${count} finding${count === 1 ? '' : 's'}; it runs only in simulation until you trust it`,
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
        fail('Could not trust the flow')(err);
      }
    },

    undo: () => store.temporal.getState().undo(),
    redo: () => store.temporal.getState().redo(),
  };

  return actions;
}

/** The last path segment, for the toolbar and notices. */
export function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}
