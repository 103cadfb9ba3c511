/**
 * Electron main process: the window, the menu, the file dialogs, and the IPC transport of HostApi
 * (DESIGN.md "Architecture", "Security"; STYLE.md §3). Nothing else: every request is relayed as
 * JSON-RPC to the engine process, which does the work. Bundled to dist/electron/main.cjs.
 *
 * Engine process protocol (utilityProcess, `process.parentPort` on its side):
 *   main → engine  `{ id, method, params }`           engine → main  `{ id, result }` | `{ id, error: HostError }`
 *   engine → main  `{ event: HostEvent }` (pushed to the renderer on 'host:event'; a `notification`
 *                  is also shown as a native desktop notification)
 * Renderer ↔ main: `invoke('host:call', method, params)` → `{ ok: true, result } | { ok: false, error }`;
 * menu commands arrive on 'host:menu' as MenuMessage (see preload.ts); `invoke('host:pick', kind)`
 * shows the native Open/Save dialog and grants the picked path to the engine (`{ id, grant }`).
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, Notification, session, utilityProcess } from 'electron';
import type { IpcMainInvokeEvent, MenuItemConstructorOptions, UtilityProcess } from 'electron';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { hostMethods } from '../engine/host/api.js';
import type { HostError, HostEvent, HostMethod } from '../engine/host/api.js';
import type { IpcReply, MenuMessage } from './preload.js';

const indexHtml = path.join(__dirname, '../renderer/index.html');
const engineEntry = path.join(__dirname, '../engine/engine-process.js');
const allowedMethods: ReadonlySet<string> = new Set(hostMethods);
const isDev = !app.isPackaged;

/** Strict CSP (DESIGN.md "Security"): only our own files; inline styles and blob workers for Monaco. */
const CSP =
  "default-src 'self'; script-src 'self'; worker-src 'self' blob:; style-src 'self' 'unsafe-inline'; " +
  "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-src 'none'";

let mainWindow: BrowserWindow | null = null;

// ── engine process ─────────────────────────────────────────────────────────

let engine: UtilityProcess | null = null;
let engineReady = false;
const queued: unknown[] = []; // messages posted before the engine process has spawned
const pending = new Map<number, (reply: IpcReply) => void>();
let nextId = 1;

/** The engine process, forked on first use and again after it died. */
function engineProcess(): UtilityProcess {
  if (engine) return engine;
  // Packaged: templates and schema are extraResources next to app.asar; in dev: the repo's resources/.
  const resources = app.isPackaged ? process.resourcesPath : path.join(app.getAppPath(), 'resources');
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  env.FLOWSMITH_RESOURCES = resources;
  const child = utilityProcess.fork(engineEntry, engineArgs(), { serviceName: 'Flowsmith engine', stdio: 'inherit', env });
  engine = child;
  engineReady = false;
  child.once('spawn', () => {
    engineReady = true;
    for (const message of queued.splice(0)) child.postMessage(message);
  });
  child.on('message', onEngineMessage);
  child.once('exit', (code) => {
    if (engine !== child) return;
    engine = null;
    queued.length = 0;
    const error: HostError = { name: 'EngineExited', message: `the engine process exited (code ${code}); try again` };
    for (const reply of pending.values()) reply({ ok: false, error });
    pending.clear();
  });
  return child;
}

/**
 * The engine's arguments (`--db FILE --root DIR [--open FILE]`, see engine-process.ts) from ours,
 * as `flowsmith web [PATH]` takes them: `electron . [PATH] [--db FILE]` in dev, `Flowsmith [PATH]`
 * packaged. PATH is a flow file (opened, its folder is the workspace) or a folder.
 */
function engineArgs(): string[] {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(app.isPackaged ? 1 : 2),
    options: { db: { type: 'string' } },
    strict: false,
    allowPositionals: true,
  });
  const args: string[] = typeof values.db === 'string' ? ['--db', values.db] : [];
  const target = positionals[0] === undefined ? undefined : path.resolve(positionals[0]);
  if (target && existsSync(target) && !statSync(target).isDirectory()) {
    args.push('--root', path.dirname(target), '--open', target);
  } else {
    // A desktop launch starts in `/`: use the documents folder as the workspace then.
    args.push('--root', target ?? (app.isPackaged ? app.getPath('documents') : process.cwd()));
  }
  return args;
}

function postToEngine(message: unknown): void {
  const child = engineProcess();
  if (engineReady) child.postMessage(message);
  else queued.push(message);
}

function onEngineMessage(message: unknown): void {
  if (typeof message !== 'object' || message === null) return;
  const m = message as { id?: unknown; result?: unknown; error?: HostError; event?: unknown };
  if (typeof m.id === 'number') {
    const reply = pending.get(m.id);
    pending.delete(m.id);
    reply?.(m.error !== undefined ? { ok: false, error: m.error } : { ok: true, result: m.result ?? null });
  } else if (m.event !== undefined) {
    showNotification(m.event);
    mainWindow?.webContents.send('host:event', m.event);
  }
}

/**
 * A notify step's desktop notification (HostEvent `notification`) as a native one; the window
 * gets the event too, and its page leaves native display to us (renderer/panels/RunNotices.tsx).
 */
function showNotification(event: unknown): void {
  const e = event as Partial<Extract<HostEvent, { kind: 'notification' }>>;
  if (e.kind !== 'notification' || typeof e.title !== 'string' || typeof e.message !== 'string') return;
  if (!Notification.isSupported()) return;
  const shown = new Notification({ title: e.title, body: e.message });
  // Clicking it brings the designer forward, where the run shows.
  shown.on('click', () => mainWindow?.show());
  shown.show();
}

/** True when an IPC message comes from our window's main frame (Electron security checklist 17). */
function isOwnWindow(e: IpcMainInvokeEvent): boolean {
  return !!mainWindow && e.sender === mainWindow.webContents && e.senderFrame === mainWindow.webContents.mainFrame;
}

/** Relays one renderer call; only our window's main frame may call, and only HostApi methods. */
function onHostCall(e: IpcMainInvokeEvent, method: unknown, params: unknown): Promise<IpcReply> | IpcReply {
  if (!isOwnWindow(e)) {
    return { ok: false, error: { name: 'Forbidden', message: 'host calls are accepted only from the Flowsmith window' } };
  }
  if (typeof method !== 'string' || !allowedMethods.has(method)) {
    return { ok: false, error: { name: 'UnknownMethod', message: `no host method ${String(method)}` } };
  }
  const id = nextId++;
  return new Promise<IpcReply>((resolve) => {
    pending.set(id, resolve);
    postToEngine({ id, method: method as HostMethod, params: params ?? {} });
  });
}

// ── window, menu, dialogs ──────────────────────────────────────────────────

function createWindow(): void {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    title: 'Flowsmith',
    show: false, // shown on ready-to-show: no white flash
    webPreferences: {
      preload: path.join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  mainWindow = win;
  const indexUrl = pathToFileURL(indexHtml);
  win.webContents.on('will-navigate', (event, url) => {
    if (!isSameFile(url, indexUrl)) event.preventDefault();
  });
  win.once('ready-to-show', () => win.show());
  // The page refuses to unload while edits are unsaved (renderer/files: beforeunload); Electron shows
  // no prompt of its own, so ask here: Leave discards the edits, Stay keeps the window.
  win.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(win, {
      type: 'question',
      buttons: ['Leave without saving', 'Stay'],
      defaultId: 1,
      cancelId: 1,
      title: 'Unsaved changes',
      message: 'This flow has changes that are not saved.',
      detail: 'Leave without saving them?',
    });
    if (choice === 0) event.preventDefault(); // preventDefault here lets the unload go ahead
  });
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  void win.loadFile(indexHtml);
}

function isSameFile(url: string, file: URL): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'file:' && u.pathname === file.pathname;
  } catch {
    return false;
  }
}

function sendMenu(message: MenuMessage): void {
  mainWindow?.webContents.send('host:menu', message);
}

const yamlFilters = [
  { name: 'Flowsmith flows (YAML)', extensions: ['yaml', 'yml'] },
  { name: 'All files', extensions: ['*'] },
];

/**
 * Allows the engine to read and write a path the user picked in a native dialog (engine/host/rpc.ts
 * RpcGrant). Sent by us only: the renderer's calls pass through onHostCall, which allows hostMethods.
 */
function grantToEngine(file: string): Promise<IpcReply> {
  const id = nextId++;
  return new Promise<IpcReply>((resolve) => {
    pending.set(id, resolve);
    postToEngine({ id, grant: { path: file } });
  });
}

/** Shows the native Open or Save dialog; the picked file is granted to the engine before it is returned. */
async function pickFile(kind: 'open' | 'save', defaultName?: string): Promise<string | null> {
  let file: string | undefined;
  if (kind === 'open') {
    const options = { title: 'Open flow', properties: ['openFile' as const], filters: yamlFilters };
    const chosen = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
    file = chosen.canceled ? undefined : chosen.filePaths[0];
  } else {
    const options = { title: 'Save flow as', filters: yamlFilters, defaultPath: defaultName ?? 'flow.yaml' };
    const chosen = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
    file = chosen.canceled ? undefined : chosen.filePath;
  }
  if (!file) return null;
  const granted = await grantToEngine(file);
  return granted.ok ? file : null;
}

/** The renderer's Open… and Save as… buttons: `host:pick` → the native dialog → the picked path or null. */
async function onPick(e: IpcMainInvokeEvent, kind: unknown, defaultName: unknown): Promise<string | null> {
  if (!isOwnWindow(e) || (kind !== 'open' && kind !== 'save')) return null;
  return pickFile(kind, typeof defaultName === 'string' ? path.basename(defaultName) : undefined);
}

async function openFromMenu(): Promise<void> {
  const file = await pickFile('open');
  if (file) sendMenu({ kind: 'menu', action: 'open', path: file });
}

async function saveAsFromMenu(): Promise<void> {
  const file = await pickFile('save');
  if (file) sendMenu({ kind: 'menu', action: 'saveAs', path: file });
}

function showAbout(): void {
  const detail = 'Design, run, debug and export operational workflows on your own machine.';
  void dialog.showMessageBox({ type: 'info', title: 'About Flowsmith', message: `Flowsmith ${app.getVersion()}`, detail });
}

function buildMenu(): Menu {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: () => void openFromMenu() },
        { label: 'Save', accelerator: 'CmdOrCtrl+S', click: () => sendMenu({ kind: 'menu', action: 'save' }) },
        { label: 'Save As…', accelerator: 'CmdOrCtrl+Shift+S', click: () => void saveAsFromMenu() },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' }, // copy/paste shortcuts in the editor need it on macOS
    {
      label: 'View',
      submenu: [
        ...(isDev ? [{ role: 'reload' as const }, { role: 'toggleDevTools' as const }, { type: 'separator' as const }] : []),
        ...(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen'] as const).map((role) => ({ role })),
      ],
    },
    { label: 'Help', submenu: [{ label: 'About Flowsmith', click: showAbout }] },
  ];
  return Menu.buildFromTemplate(template);
}

// ── app lifecycle and hardening ────────────────────────────────────────────

app.on('web-contents-created', (_event, contents) => {
  // No pop-ups and no <webview> anywhere (Electron security checklist: 13, 14).
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

void app.whenReady().then(() => {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });
  // The designer needs no camera, notifications prompt, geolocation…: deny every permission request.
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ipcMain.handle('host:call', onHostCall);
  ipcMain.handle('host:pick', onPick);
  Menu.setApplicationMenu(buildMenu());
  engineProcess(); // start the engine early so the first call does not wait for its start-up
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('will-quit', () => {
  const child = engine;
  engine = null;
  child?.kill();
});
