/**
 * What the UI does with the host: open, save, validate, run, approve, export. Components call
 * these instead of the HostApi so that errors become notices and run events stay in one place.
 */
import type { ExportTarget } from '../engine/export/types';
import type { HostApi, HostEvent } from '../engine/host/api';
import type { Finding } from '../engine/model/finding';
import type { Flow, JsonObject, Position, StepId } from '../engine/model/flow';
import type { RunId } from '../engine/runtime/events';
import { addStep, updateStep, withLayout } from './doc/edits';
import { freshId, newStep, paletteEntries, type PaletteKind } from './doc/new-step';
import { NODE_HEIGHT } from './doc/node-size';
import { createRunActions } from './run/run-actions';
import type { AppStore } from './store/store';

export type Actions = ReturnType<typeof createActions>;

/** How long after the last edit the document is validated again. */
const VALIDATE_DELAY_MS = 400;

/** A subscription to the transport's HostEvents (HostApi has calls only; events come beside it). */
export type EventSource = (listener: (event: HostEvent) => void) => () => void;

/** Builds the action set over one host and one store; `start()` wires events and opens the first file. */
export function createActions(host: HostApi, onEvent: EventSource, store: AppStore) {
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

  const positions = (): Record<StepId, Position> => get().autoPositions;

  // Runs on display, history, inbox and debugging (issue #9); open() is how a run's flow file is shown.
  const runs = createRunActions(host, store, (what) => fail(what), (path) => actions.open(path));

  const actions = {
    runs,
    /** The HostApi itself, for read-only lookups (template lists) that need no store update. */
    host,
    /** The host's event stream, for views of events that change no run (desktop notifications). */
    onEvent,

    /** Subscribes to host events and opens the workspace's first file. Returns an unsubscribe. */
    start(): () => void {
      const off = onEvent((event) => runs.handle(event));
      const stopRuns = runs.wire();
      void host
        .getWorkspace({})
        .then((ws) => (ws.openPath ? actions.open(ws.openPath) : get().openDialog('templates')))
        .catch(fail('Could not reach the Flowsmith host'));
      const unsub = store.subscribe((s, prev) => {
        if (s.flow !== prev.flow && s.path === prev.path && s.flow) actions.validateSoon();
      });
      return () => {
        off();
        stopRuns();
        unsub();
      };
    },

    async open(path: string): Promise<void> {
      try {
        const opened = await host.openFlow({ path });
        untracked(() => {
          get().loadFlow(opened.path, opened.flow, opened.findings);
          get().setTrust(opened.trusted !== false, opened.trustReason ?? null);
        });
        store.temporal.getState().clear();
        await runs.show(null);
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

    /** Adds a palette step at `at` (canvas coordinates), selected; a parallel gets its join below it. */
    addFromPalette(kind: PaletteKind, at: Position): StepId | null {
      const flow = get().flow;
      if (!flow) return null;
      const entry = paletteEntries.find((e) => e.kind === kind);
      const id = freshId(flow, entry?.prefix ?? kind);
      get().edit((f) => {
        if (kind !== 'parallel') return addStep(f, id, newStep(kind), at);
        const withPar = addStep(f, id, newStep(kind), at);
        const joinId = freshId(withPar, 'join');
        const withJoin = addStep(withPar, joinId, newStep('join'), { x: at.x, y: at.y + NODE_HEIGHT * 3 });
        return updateStep(withJoin, id, { ...newStep(kind), join: joinId } as Flow['steps'][string]);
      });
      get().selectStep(id);
      return id;
    },

    /** Starts a real run, or a simulation (virtual clock, mocked steps) with `mode: 'simulate'`. */
    async startRun(input: JsonObject, mode: 'run' | 'simulate' = 'run'): Promise<void> {
      const path = get().path;
      if (!path || !get().flow) return;
      if (get().flow !== get().savedFlow && !(await actions.save())) return;
      get().setStarting(true);
      try {
        await runs.start(path, input, mode);
        get().setBottomTab('run');
        get().openDialog(null);
      } catch (err) {
        fail('Could not start the run')(err);
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
      });
      await runs.show(null);
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
