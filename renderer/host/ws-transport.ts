/**
 * HostApi over the web host's WebSocket (DESIGN.md "Architecture"): `{id, method, params}` out,
 * `{id, result}` / `{id, error}` / `{event}` in.
 */
import type { HostError, HostEvent, HostMethod, HostTransport } from '../../engine/host/api';
import { markTime } from '../perf';
import { HostCallError, isHostError } from './client';

type Pending = { method: HostMethod; resolve: (v: unknown) => void; reject: (e: Error) => void };

/** The part of the browser WebSocket this transport uses (so tests can pass a fake). */
export interface SocketLike {
  readyState: number;
  send(data: string): void;
  addEventListener(type: 'open' | 'close' | 'error', listener: () => void): void;
  addEventListener(type: 'message', listener: (ev: { data: unknown }) => void): void;
}

/** The RPC URL for the page's own host: `ws://<host>/rpc?token=<token from the page URL>`. */
export function rpcUrl(location: { host: string; search: string; protocol: string }): string {
  const token = new URLSearchParams(location.search).get('token') ?? '';
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/rpc?token=${encodeURIComponent(token)}`;
}

/**
 * Opens the socket at once; calls made before it opens are queued. When the socket closes,
 * pending and later calls reject with "connection to the Flowsmith host was lost".
 */
export function createWebSocketTransport(open: () => SocketLike): HostTransport {
  const socket = open();
  const pending = new Map<number, Pending>();
  const listeners = new Set<(e: HostEvent) => void>();
  const queue: string[] = [];
  let nextId = 1;
  let closed = false;

  socket.addEventListener('open', () => {
    for (const msg of queue.splice(0)) socket.send(msg);
  });
  socket.addEventListener('close', () => {
    closed = true;
    for (const p of pending.values()) p.reject(new Error('connection to the Flowsmith host was lost; restart it and reload'));
    pending.clear();
  });
  socket.addEventListener('message', (ev) => {
    let msg: { id?: number; result?: unknown; error?: HostError; event?: HostEvent };
    try {
      msg = JSON.parse(String(ev.data)) as typeof msg;
    } catch {
      return; // not ours: the protocol is JSON only
    }
    if (msg.event) {
      for (const l of listeners) l(msg.event);
      return;
    }
    if (typeof msg.id !== 'number') return;
    const p = pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    markTime(`answer:${p.method}`);
    if (msg.error !== undefined) {
      p.reject(isHostError(msg.error) ? new HostCallError(msg.error) : new Error(String(msg.error)));
    } else p.resolve(msg.result);
  });

  return {
    call(method: HostMethod, params: unknown) {
      if (closed) return Promise.reject(new Error('connection to the Flowsmith host was lost; restart it and reload'));
      const id = nextId++;
      const text = JSON.stringify({ id, method, params });
      return new Promise((resolve, reject) => {
        pending.set(id, { method, resolve, reject });
        markTime(`call:${method}`);
        if (socket.readyState === 1) socket.send(text);
        else queue.push(text);
      });
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
