/**
 * The parent's side of the engine process: forks dist/engine/engine-process.js and offers it as a
 * HostTransport (STYLE.md §3). Used by the web host; Electron's main process does the same with
 * utilityProcess.
 */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import type { HostEvent, HostMethod, HostTransport } from './api.js';
import { engineProcessEntry } from '../service/paths.js';
import type { RpcMessage } from './rpc.js';

export interface EngineClient extends HostTransport {
  readonly child: ChildProcess;
  /**
   * Allows HostApi to read and write `path` (absolute), a file the user picked in a native dialog
   * (rpc.ts RpcGrant). Parent-only: no transport forwards it from a renderer.
   */
  grant(path: string): Promise<void>;
  close(): void;
}

/**
 * Starts the engine process with `args` (`--db`, `--root`, `--open`). Calls made after the process
 * died reject with an Error saying so; pending calls reject when it exits.
 */
export function startEngine(args: string[], entry = engineProcessEntry): EngineClient {
  const child = fork(entry, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'json' });
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  const listeners = new Set<(e: HostEvent) => void>();
  let nextId = 1;
  let exited = false;

  child.on('message', (m: RpcMessage) => {
    if ('event' in m) for (const l of listeners) l(m.event);
    else if ('id' in m && !('method' in m)) {
      const p = pending.get(m.id);
      pending.delete(m.id);
      if (!p) return;
      if ('error' in m) p.reject(Object.assign(new Error(m.error.message), { name: m.error.name, where: m.error.where, code: m.error.code }));
      else p.resolve(m.result);
    }
  });
  child.on('exit', (code, signal) => {
    exited = true;
    for (const p of pending.values()) p.reject(new Error(`the engine process exited (${signal ?? code})`));
    pending.clear();
  });

  const post = (message: (id: number) => object): Promise<unknown> => {
    if (exited) return Promise.reject(new Error('the engine process is not running'));
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      child.send(message(id));
    });
  };

  return {
    child,
    call: (method: HostMethod, params: unknown) => post((id) => ({ id, method, params })),
    grant: async (path: string) => {
      await post((id) => ({ id, grant: { path } }));
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      if (!exited) child.kill();
    },
  };
}
