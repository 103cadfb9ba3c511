/**
 * HostApi over Electron IPC: the preload exposes `window.flowsmith` (electron/preload.ts).
 */
import type { HostEvent, HostMethod, HostTransport } from '../../engine/host/api';

/** A File-menu command forwarded by Electron's main process. */
export interface MenuCommand {
  kind: 'menu';
  action: 'open' | 'save' | 'saveAs';
  path?: string;
}

/** What electron/preload.ts exposes through contextBridge. */
export interface FlowsmithBridge {
  call(method: HostMethod, params: unknown): Promise<unknown>;
  onEvent(listener: (event: HostEvent) => void): () => void;
  onMenu?(listener: (m: MenuCommand) => void): () => void;
  /** The native Open/Save dialog; the picked path (granted to the engine) or null when cancelled. */
  pickFile?(kind: 'open' | 'save', defaultName?: string): Promise<string | null>;
}

declare global {
  interface Window {
    flowsmith?: FlowsmithBridge;
  }
}

/** The preload bridge when running inside Electron, else undefined (browser, web host). */
export function electronBridge(): FlowsmithBridge | undefined {
  return typeof window !== 'undefined' ? window.flowsmith : undefined;
}

/** A transport over the bridge; only `call` and `onEvent` cross, as STYLE.md §3 requires. */
export function createElectronTransport(bridge: FlowsmithBridge): HostTransport {
  return {
    call: (method, params) => bridge.call(method, params),
    onEvent: (listener) => bridge.onEvent(listener),
  };
}
