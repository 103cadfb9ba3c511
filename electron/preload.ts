/**
 * Preload (sandboxed, bundled to CommonJS dist/electron/preload.cjs): exposes `window.flowsmith`,
 * the Electron transport of HostApi (STYLE.md §3) plus the native file dialogs, and nothing else. Only method names listed in
 * `hostMethods` pass; main checks them again, since a compromised renderer could skip this file.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import { hostMethods } from '../engine/host/api.js';
import type { HostError, HostEvent, HostMethod } from '../engine/host/api.js';

/** A command from the application menu. `path` is set for open and saveAs (chosen in a native dialog). */
export type MenuMessage =
  | { kind: 'menu'; action: 'open'; path: string }
  | { kind: 'menu'; action: 'save' }
  | { kind: 'menu'; action: 'saveAs'; path: string };

/** What main answers to 'host:call': errors travel as data, since Error objects lose their fields over IPC. */
export type IpcReply = { ok: true; result: unknown } | { ok: false; error: HostError };

/**
 * `window.flowsmith` as the renderer sees it. `call` rejects with a plain HostError object
 * (`{ name, message, code?, where? }`), never an Error instance. Listeners return an unsubscribe function.
 */
export interface FlowsmithBridge {
  call(method: HostMethod, params: unknown): Promise<unknown>;
  onEvent(listener: (event: HostEvent) => void): () => void;
  onMenu(listener: (message: MenuMessage) => void): () => void;
  /**
   * Shows the native Open or Save dialog (main process); resolves with the picked absolute path,
   * which HostApi may then read and write, or null when cancelled.
   */
  pickFile(kind: 'open' | 'save', defaultName?: string): Promise<string | null>;
}

const allowed: ReadonlySet<string> = new Set(hostMethods);

/** Subscribes to one main → renderer channel, passing only the payload (never the IPC event). */
function subscribe<T>(channel: string, listener: (payload: T) => void): () => void {
  const handler = (_event: IpcRendererEvent, payload: T) => listener(payload);
  ipcRenderer.on(channel, handler);
  return () => {
    ipcRenderer.removeListener(channel, handler);
  };
}

const bridge: FlowsmithBridge = {
  async call(method, params) {
    if (typeof method !== 'string' || !allowed.has(method)) {
      const error: HostError = { name: 'UnknownMethod', message: `no host method ${String(method)}` };
      throw error;
    }
    const reply = (await ipcRenderer.invoke('host:call', method, params ?? {})) as IpcReply;
    if (!reply.ok) throw reply.error;
    return reply.result;
  },
  onEvent: (listener) => subscribe<HostEvent>('host:event', listener),
  onMenu: (listener) => subscribe<MenuMessage>('host:menu', listener),
  pickFile: async (kind, defaultName) => {
    const picked: unknown = await ipcRenderer.invoke('host:pick', kind, defaultName);
    return typeof picked === 'string' ? picked : null;
  },
};

contextBridge.exposeInMainWorld('flowsmith', bridge);
