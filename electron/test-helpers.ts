/**
 * A stand-in for the `electron` module (vitest only), so main.ts and preload.ts run in plain Node:
 * it records what they register (IPC handlers, the CSP hook, window listeners, the engine process)
 * and lets a test play the other side (a renderer frame calling, the engine answering, a page
 * navigating). Only the parts main.ts and preload.ts use exist. Use with
 * `vi.mock('electron', () => fakeElectron())`, then import the module under test.
 */
import { EventEmitter } from 'node:events';

/** A frame of a page; main accepts calls only from its window's main frame. */
export interface FakeFrame {
  url: string;
}

/** A page's webContents: emits will-navigate etc., records what main sends to it. */
export class FakeWebContents extends EventEmitter {
  readonly mainFrame: FakeFrame = { url: 'file:///app/renderer/index.html' };
  readonly sent: { channel: string; payload: unknown }[] = [];
  windowOpenHandler?: (details: { url: string }) => { action: string };
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
}

/** An Electron event whose preventDefault is observable. */
export interface FakeEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
}

/** A fresh event, not prevented. */
export function fakeEvent(): FakeEvent {
  return {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

/** The engine utility process: records posted messages; a test emits 'spawn', 'message', 'exit'. */
export class FakeUtilityProcess extends EventEmitter {
  readonly posted: unknown[] = [];
  killed = false;
  constructor(
    readonly entry: string,
    readonly args: string[],
  ) {
    super();
  }
  postMessage(message: unknown): void {
    this.posted.push(message);
  }
  kill(): boolean {
    this.killed = true;
    return true;
  }
}

/** Everything the fake module recorded; one per `fakeElectron()` call. */
export interface ElectronFake {
  module: Record<string, unknown>;
  /** Handlers registered with ipcMain.handle, by channel. */
  handlers: Map<string, (event: unknown, ...args: unknown[]) => unknown>;
  /** app.on listeners, by event name. */
  appListeners: Map<string, ((...args: unknown[]) => void)[]>;
  windows: FakeBrowserWindow[];
  engines: FakeUtilityProcess[];
  /** The session's onHeadersReceived hook (the CSP), once app is ready. */
  headersHook?: (details: { responseHeaders?: Record<string, string[]> }, callback: (r: { responseHeaders: Record<string, string[]> }) => void) => void;
  permissionHandler?: (wc: unknown, permission: string, callback: (granted: boolean) => void) => void;
  /** Files the next Open/Save dialog returns (undefined: cancelled). */
  nextPick?: string;
  dialogsShown: string[];
  notifications: { title: string; body: string }[];
  /** What preload.ts exposed with contextBridge, and what it invoked on ipcRenderer. */
  exposed: Map<string, unknown>;
  invoked: { channel: string; args: unknown[] }[];
  invokeReply: (channel: string, ...args: unknown[]) => unknown;
}

/** A BrowserWindow: its webContents, its own listeners, the file it loaded. */
export class FakeBrowserWindow extends EventEmitter {
  readonly webContents = new FakeWebContents();
  loaded?: string;
  shown = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
  }
  loadFile(file: string): Promise<void> {
    this.loaded = file;
    return Promise.resolve();
  }
  show(): void {
    this.shown = true;
  }
}

/** Builds the fake `electron` module and the record of what was done with it. */
export function fakeElectron(): ElectronFake {
  const fake: ElectronFake = {
    module: {},
    handlers: new Map(),
    appListeners: new Map(),
    windows: [],
    engines: [],
    dialogsShown: [],
    notifications: [],
    exposed: new Map(),
    invoked: [],
    invokeReply: () => ({ ok: true, result: null }),
  };
  class BrowserWindow extends FakeBrowserWindow {
    constructor(options: Record<string, unknown>) {
      super(options);
      fake.windows.push(this);
      // Electron emits web-contents-created for every page; main hardens each there.
      for (const listener of fake.appListeners.get('web-contents-created') ?? []) listener({}, this.webContents);
    }
    static getAllWindows(): FakeBrowserWindow[] {
      return fake.windows;
    }
  }
  class Notification {
    constructor(private readonly options: { title: string; body: string }) {}
    static isSupported(): boolean {
      return true;
    }
    on(): void {}
    show(): void {
      fake.notifications.push(this.options);
    }
  }
  const pick = (kind: string) => {
    fake.dialogsShown.push(kind);
    const file = fake.nextPick;
    return Promise.resolve(kind === 'open' ? { canceled: !file, filePaths: file ? [file] : [] } : { canceled: !file, filePath: file });
  };
  fake.module = {
    app: {
      isPackaged: false,
      on(name: string, listener: (...args: unknown[]) => void) {
        fake.appListeners.set(name, [...(fake.appListeners.get(name) ?? []), listener]);
      },
      whenReady: () => Promise.resolve(),
      getAppPath: () => '/app',
      getPath: () => '/home/user/Documents',
      getVersion: () => '0.0.0-test',
      quit() {},
    },
    BrowserWindow,
    Notification,
    dialog: {
      showOpenDialog: (..._a: unknown[]) => pick('open'),
      showSaveDialog: (..._a: unknown[]) => pick('save'),
      showMessageBox: () => Promise.resolve({ response: 0 }),
      showMessageBoxSync: () => 1,
    },
    ipcMain: {
      handle(channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) {
        fake.handlers.set(channel, handler);
      },
    },
    Menu: { buildFromTemplate: (template: unknown) => ({ template }), setApplicationMenu() {} },
    session: {
      defaultSession: {
        webRequest: {
          onHeadersReceived(hook: ElectronFake['headersHook']) {
            fake.headersHook = hook;
          },
        },
        setPermissionRequestHandler(handler: ElectronFake['permissionHandler']) {
          fake.permissionHandler = handler;
        },
      },
    },
    utilityProcess: {
      fork(entry: string, args: string[]) {
        const child = new FakeUtilityProcess(entry, args);
        fake.engines.push(child);
        return child;
      },
    },
    contextBridge: {
      exposeInMainWorld(key: string, api: unknown) {
        fake.exposed.set(key, api);
      },
    },
    ipcRenderer: Object.assign(new EventEmitter(), {
      invoke(channel: string, ...args: unknown[]) {
        fake.invoked.push({ channel, args });
        return Promise.resolve(fake.invokeReply(channel, ...args));
      },
    }),
  };
  return fake;
}
