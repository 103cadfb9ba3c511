/**
 * New, Open, Save, Save as, templates and the unsaved-changes guard (issue #8 point 4), written
 * against the document API of notes/DOC-API.md (`text`, `savedText`, `isDirty()`, `loadDocument`,
 * `markSaved`). Saves send the document TEXT (HostApi saveFlowText) with the text as last opened,
 * so a file changed on disk meanwhile is not overwritten. Templates are copied into the workspace
 * before they are edited (copyTemplate); the shipped ones are read-only on the host.
 */
import type { HostApi, WorkspaceEntry } from '../../engine/host/api';
import { newFlow } from '../../engine/model/new-flow';
import { flowToText } from '../../engine/yaml/save';
import { withLayout } from '../doc/edits';
import { i18n } from '../i18n';
import { afterPaint, timed } from '../perf';
import type { AppStore } from '../store/store';
import { createFileUi, type ChangedOnDiskChoice, type FileDialog, type UnsavedChoice } from './file-ui';

/** Electron's native dialogs (electron/preload.ts pickFile); absent in the web host. Picked paths are granted to the engine. */
export interface FilePicker {
  pickFile(kind: 'open' | 'save', defaultName?: string): Promise<string | null>;
}

export type FileActions = ReturnType<typeof createFileActions>;

/** The last path segment. */
export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** The workspace-relative form of `path` when it lies in `root`, else its file name (a Save as default). */
export function relativeTo(root: string | undefined, path: string): string {
  if (root && path.startsWith(root) && /[\\/]/.test(path.charAt(root.length))) return path.slice(root.length + 1);
  return baseName(path);
}

/** Every flow file of a tree, depth first. */
export function flowsOf(entries: readonly WorkspaceEntry[]): Extract<WorkspaceEntry, { kind: 'flow' }>[] {
  return entries.flatMap((e) => (e.kind === 'folder' ? flowsOf(e.children) : [e]));
}

/** `<root>/new-flow.yaml`, or `new-flow-2.yaml`… : a name no listed file has. */
export function freeNewPath(root: string, taken: ReadonlySet<string>): string {
  const sep = root.includes('\\') && !root.includes('/') ? '\\' : '/';
  for (let n = 1; ; n++) {
    const path = `${root}${sep}${n === 1 ? 'new-flow' : `new-flow-${n}`}.yaml`;
    if (!taken.has(path)) return path;
  }
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Every folder of a tree, depth first. */
export function foldersOf(entries: readonly WorkspaceEntry[]): Extract<WorkspaceEntry, { kind: 'folder' }>[] {
  return entries.flatMap((e) => (e.kind === 'folder' ? [e, ...foldersOf(e.children)] : []));
}

/** The folder part of `path` (everything before the last separator). */
export function folderOf(path: string): string {
  const at = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return at < 0 ? '' : path.slice(0, at);
}

/** True for the host's refusal to save over a file another program changed (file-api.ts CHANGED_ON_DISK). */
const isChangedOnDisk = (err: unknown) => typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'CHANGED_ON_DISK';

/**
 * Builds the file actions over one host and one store. `picker`: Electron's native dialogs; without
 * it (web host) Open and Save as ask for a workspace path in the designer's own dialogs.
 * `onReplaced` runs when another document replaced the open one (the run view lets go of its run).
 */
export function createFileActions(host: HostApi, store: AppStore, picker?: FilePicker, onReplaced?: () => void) {
  const ui = createFileUi();
  const get = store.getState;

  /**
   * Writes the automatic layout's positions of steps without `layout` into the document before a
   * save (saved files keep the positions the canvas showed), as one undoable gesture.
   */
  const applyAutoLayout = () => {
    const { flow, autoPositions } = get();
    if (!flow || !Object.keys(autoPositions).some((id) => flow.steps[id] && !flow.layout?.[id])) return;
    get().markGesture();
    get().edit((f) => withLayout(f, autoPositions));
    get().markGesture();
  };

  const show = <T>(make: (answer: (value: T) => void) => FileDialog): Promise<T> =>
    new Promise<T>((resolve) => {
      ui.setState({
        dialog: make((value) => {
          ui.setState({ dialog: null });
          resolve(value);
        }),
      });
    });

  /** A fresh document replaces the old one (loadDocument cleared undo): no run shown, dialogs closed. */
  const settle = () => {
    get().showRun(null, null, []);
    onReplaced?.();
    get().openDialog(null);
  };

  const files = {
    ui,

    /** Lists the workspace again (after a save, a copy, or on request). */
    async refreshTree(): Promise<void> {
      try {
        ui.setState({ tree: await host.listFiles({}), treeError: null });
      } catch (err) {
        ui.setState({ treeError: messageOf(err) });
      }
    },

    /**
     * Before an action that would replace the document (`action`: "opening x.yaml"): resolves true
     * when nothing would be lost, or the person saved or chose Don't save; false on Cancel or a
     * failed save.
     */
    async guard(action: string): Promise<boolean> {
      if (!get().isDirty()) return true;
      const choice = await show<UnsavedChoice>((answer) => ({ kind: 'unsaved', fileName: baseName(get().path ?? i18n.t('files.untitled')), action, answer }));
      if (choice === 'cancel') return false;
      if (choice === 'discard') return true;
      return files.save();
    },

    /** Opens the flow at `path` (guarded unless `guard: false`). Resolves true when it opened. */
    async open(path: string, opts: { guard?: boolean } = {}): Promise<boolean> {
      if (opts.guard !== false && !(await files.guard(i18n.t('files.actions.opening', { file: baseName(path) })))) return false;
      try {
        // The host sends the text only; it is parsed once, here (issue #8 point 6). Findings come
        // from validating the text right after (actions' validateSoon), not held up here.
        const opened = await host.openFlow({ path, deferFindings: true, textOnly: true });
        // A big file shows its first steps at once and is parsed whole after that is painted.
        timed('loadDocument', () => get().loadDocument(opened.path, opened.text, { progressive: true }));
        if (get().preview) {
          await afterPaint();
          get().finishLoad();
        }
        const isParsed = get().flow !== null;
        get().setTrust(opened.trusted !== false, opened.trustReason ?? null);
        settle();
        ui.setState({ isReadOnly: opened.readOnly === true, isOnDisk: true });
        if (!isParsed) get().notify({ kind: 'error', text: i18n.t('notices.unparsable', { path: opened.path }) });
        else if (opened.readOnly) get().notify({ kind: 'info', text: i18n.t('notices.readOnlyTemplate', { file: baseName(opened.path) }) });
        else get().notify(null);
        get().setBottomTab(get().findings.length > 0 ? 'findings' : 'run');
        return true;
      } catch (err) {
        get().notify({ kind: 'error', text: i18n.t('notices.failed', { what: i18n.t('notices.openFailed', { path }), error: messageOf(err) }) });
        return false;
      }
    },

    /** Open…: Electron's native dialog, else the designer's own (a workspace path, or pick in Files). */
    async openPicked(): Promise<boolean> {
      if (!(await files.guard(i18n.t('files.actions.openingAnother')))) return false;
      const path = picker ? await picker.pickFile('open') : await show<string | null>((answer) => ({ kind: 'open', answer }));
      return path ? files.open(path, { guard: false }) : false;
    },

    /**
     * New: an unsaved document (one `succeed` step, so the palette and canvas work at once) at a
     * free `new-flow.yaml` in the workspace; Save asks where to write it.
     */
    async create(opts: { guard?: boolean } = {}): Promise<boolean> {
      if (opts.guard !== false && !(await files.guard(i18n.t('files.actions.startingNew')))) return false;
      if (!ui.getState().tree) await files.refreshTree();
      const tree = ui.getState().tree;
      const root = tree?.root ?? (await host.getWorkspace({})).root;
      const path = freeNewPath(root, new Set(flowsOf(tree?.entries ?? []).map((f) => f.path)));
      const flow = newFlow('new-flow');
      // Clean until touched (a guard before replacing an untouched New would only get in the way);
      // not on disk, so Save asks where (Save as).
      get().loadDocument(path, flowToText(flow), { findings: [] });
      get().setTrust(true, null);
      settle();
      ui.setState({ isReadOnly: false, isOnDisk: false });
      get().notify({ kind: 'info', text: i18n.t('notices.newFlow') });
      return true;
    },

    /** Copies a shipped template into the workspace and opens the copy (the template stays as shipped). */
    async openTemplate(templatePath: string): Promise<boolean> {
      if (!(await files.guard(i18n.t('files.actions.openingTemplate', { file: baseName(templatePath) })))) return false;
      try {
        const copy = await host.copyTemplate({ template: templatePath });
        void files.refreshTree();
        if (!(await files.open(copy.path, { guard: false }))) return false;
        get().notify({ kind: 'info', text: i18n.t('notices.templateCopied', { file: baseName(copy.path) }) });
        return true;
      } catch (err) {
        get().notify({ kind: 'error', text: i18n.t('notices.failed', { what: i18n.t('notices.copyTemplateFailed'), error: messageOf(err) }) });
        return false;
      }
    },

    /**
     * Writes the document text to `path`. `expectedText`: the text the file must still hold (a
     * string), null when it must not exist (Save as), undefined to overwrite (a native dialog asked).
     * Rejects with the host's error; the callers turn it into a notice or a dialog message.
     */
    async writeText(path: string, expectedText: string | null | undefined): Promise<void> {
      applyAutoLayout();
      get().flushEdits();
      const text = get().text;
      get().setSaving(true);
      try {
        const res = await host.saveFlowText({ path, text, ...(expectedText !== undefined ? { expectedText } : {}) });
        // Edits made while saving stay unsaved: only the baseline moves.
        get().markSaved(res.path, text);
        get().setFindings(res.findings, text);
        ui.setState({ isReadOnly: false, isOnDisk: true });
        get().notify({ kind: 'info', text: i18n.t('notices.saved', { name: baseName(res.path) }) });
        void files.refreshTree();
      } finally {
        get().setSaving(false);
      }
    },

    /** Save: to the open file, refusing to overwrite a change made on disk; a new or read-only document goes to Save as. */
    async save(): Promise<boolean> {
      const { path, flow, savedText } = get();
      if (!flow && !get().text) return false;
      if (!path || savedText === null || !ui.getState().isOnDisk || ui.getState().isReadOnly) return files.saveAs();
      try {
        await files.writeText(path, savedText);
        return true;
      } catch (err) {
        if (isChangedOnDisk(err)) return files.resolveChangedOnDisk(path);
        get().notify({ kind: 'error', text: i18n.t('notices.failed', { what: i18n.t('notices.saveFailed'), error: messageOf(err) }) });
        return false;
      }
    },

    /**
     * Save found `path` changed on disk by another program: the person chooses to overwrite it,
     * reload it (dropping the edits), save elsewhere, or cancel. Nothing is written before they answer.
     * Resolves true when the document ended up saved.
     */
    async resolveChangedOnDisk(path: string): Promise<boolean> {
      const choice = await show<ChangedOnDiskChoice>((answer) => ({ kind: 'changedOnDisk', fileName: baseName(path), answer }));
      if (choice === 'saveAs') return files.saveAs();
      if (choice === 'reload') {
        await files.open(path, { guard: false });
        return false;
      }
      if (choice !== 'overwrite') return false;
      try {
        await files.writeText(path, undefined);
        return true;
      } catch (err) {
        get().notify({ kind: 'error', text: i18n.t('notices.failed', { what: i18n.t('notices.saveFailed'), error: messageOf(err) }) });
        return false;
      }
    },

    /** Save as: a native dialog in Electron, else a workspace path (an existing file is not overwritten). */
    async saveAs(): Promise<boolean> {
      const path = get().path;
      const root = ui.getState().tree?.root;
      if (picker) {
        const picked = await picker.pickFile('save', baseName(path ?? 'new-flow.yaml'));
        return picked ? files.saveTo(picked) : false;
      }
      const defaultPath = path && !ui.getState().isReadOnly ? relativeTo(root, path) : baseName(path ?? 'new-flow.yaml');
      return show<boolean>((answer) => ({ kind: 'saveAs', defaultPath, save: (to) => files.writeText(to, null), answer }));
    },

    /** Saves to `path` chosen in a native dialog (which asked before replacing a file). */
    async saveTo(path: string): Promise<boolean> {
      try {
        await files.writeText(path, undefined);
        return true;
      } catch (err) {
        get().notify({ kind: 'error', text: i18n.t('notices.failed', { what: i18n.t('notices.saveFailed'), error: messageOf(err) }) });
        return false;
      }
    },

    /**
     * Moves the flow file `from` to `to` (HostApi moveFile: with its scenarios file; `overwrite`
     * only after the person confirmed). The open flow, when moved, stays open under its new path
     * with its unsaved edits. Rejects with the host's error; the dialog shows it.
     */
    async applyMove(from: string, to: string, overwrite: boolean, verb: 'renamed' | 'moved'): Promise<void> {
      const res = await host.moveFile({ path: from, to, ...(overwrite ? { overwrite } : {}) });
      const { path, savedText } = get();
      if (path === from && res.path !== from) {
        // Only the path moves: the baseline stays what is on disk, so unsaved edits stay unsaved.
        get().markSaved(res.path, savedText ?? get().text);
        // Trust is recorded per path (engine/service/trust.ts): ask again for the new one.
        try {
          const opened = await host.openFlow({ path: res.path, deferFindings: true, textOnly: true });
          get().setTrust(opened.trusted !== false, opened.trustReason ?? null);
        } catch {
          // The file is where moveFile put it; a failed re-read leaves the trust as it was shown.
        }
      }
      get().notify({ kind: 'info', text: i18n.t(`files.ops.${verb}`, { from: baseName(from), to: relativeTo(ui.getState().tree?.root, res.path) }) });
      await files.refreshTree();
    },

    /** Rename: a new file name in the same folder, asked in the "Rename file" dialog. Resolves true when renamed. */
    async rename(path: string): Promise<boolean> {
      const folder = folderOf(path);
      return show<boolean>((answer) => ({
        kind: 'rename',
        path,
        initial: baseName(path),
        folders: [],
        apply: (name, overwrite) => files.applyMove(path, folder ? `${folder}/${name}` : name, overwrite, 'renamed'),
        answer,
      }));
    },

    /** Move to…: a workspace folder (or a new path), asked in the "Move file" dialog. Resolves true when moved. */
    async move(path: string): Promise<boolean> {
      const root = ui.getState().tree?.root;
      const folders = foldersOf(ui.getState().tree?.entries ?? []).map((f) => relativeTo(root, f.path));
      return show<boolean>((answer) => ({
        kind: 'move',
        path,
        initial: folderOf(path) === root ? '' : relativeTo(root, folderOf(path)),
        folders,
        apply: (to, overwrite) => files.applyMove(path, to.trim() === '' ? (root ?? '.') : to.trim(), overwrite, 'moved'),
        answer,
      }));
    },

    /**
     * Delete: asks in the "Delete file" dialog (saying so when it is the open file with unsaved
     * edits), then deletes it and its scenarios file. The open flow, when deleted, is closed: a new
     * untitled flow takes its place. Resolves true when deleted.
     */
    async remove(path: string): Promise<boolean> {
      const isOpen = get().path === path;
      const confirmed = await show<boolean>((answer) => ({ kind: 'delete', path, isDirtyOpen: isOpen && get().isDirty(), answer }));
      if (!confirmed) return false;
      try {
        await host.deleteFile({ path });
      } catch (err) {
        get().notify({ kind: 'error', text: i18n.t('files.ops.failed', { file: baseName(path), error: messageOf(err) }) });
        return false;
      }
      if (get().path === path) {
        await files.create({ guard: false });
        get().notify({ kind: 'info', text: i18n.t('files.ops.deletedOpen', { file: baseName(path) }) });
      } else get().notify({ kind: 'info', text: i18n.t('files.ops.deleted', { file: baseName(path) }) });
      await files.refreshTree();
      return true;
    },

    /** Asks the browser to confirm leaving (reload, close) while there are unsaved edits. Returns the uninstaller. */
    installUnloadGuard(target: Pick<Window, 'addEventListener' | 'removeEventListener'> = window): () => void {
      const onBeforeUnload = (e: BeforeUnloadEvent) => {
        if (!get().isDirty()) return;
        e.preventDefault();
        e.returnValue = ''; // older Chromium needs it to show the prompt
      };
      target.addEventListener('beforeunload', onBeforeUnload);
      return () => target.removeEventListener('beforeunload', onBeforeUnload);
    },
  };
  return files;
}
