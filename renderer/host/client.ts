/**
 * The renderer's typed HostApi client (STYLE.md §3): one wrapper over any transport, so the
 * Electron IPC bridge and the web host's WebSocket look the same to the UI.
 */
import type { HostApi, HostError, HostMethod, HostTransport } from '../../engine/host/api';

/** An Error thrown in the renderer for a HostError that crossed the transport. */
export class HostCallError extends Error {
  readonly code: string | undefined;
  readonly where: string | undefined;
  /** The HostError's own name (e.g. `NotFound`); `name` stays `HostCallError` for stack traces. */
  readonly hostName: string;
  constructor(err: HostError) {
    super(err.message);
    this.name = 'HostCallError';
    this.hostName = err.name;
    this.code = err.code;
    this.where = err.where;
  }
}

/** True when `x` has the shape of a HostError (plain JSON with name and message). */
export function isHostError(x: unknown): x is HostError {
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof (x as HostError).message === 'string' &&
    typeof (x as HostError).name === 'string'
  );
}

/**
 * Wraps a transport into a HostApi. A Proxy rather than a loop over `hostMethods`, because the
 * renderer only takes api.ts with `import type` (STYLE.md §1). Every method sends `params ?? {}`;
 * a rejection carrying a HostError becomes a HostCallError with the same message.
 */
export function createHostClient(transport: HostTransport): HostApi {
  const cache = new Map<string, (p: unknown) => Promise<unknown>>();
  const handler: ProxyHandler<object> = {
    get(_target, name) {
      // Symbols and `then` must stay undefined, or `await client` would treat it as a thenable.
      if (typeof name !== 'string' || name === 'then') return undefined;
      let fn = cache.get(name);
      if (!fn) {
        fn = async (params: unknown) => {
          try {
            return await transport.call(name as HostMethod, params ?? {});
          } catch (err) {
            if (err instanceof Error) throw err;
            if (isHostError(err)) throw new HostCallError(err);
            throw new Error(String(err));
          }
        };
        cache.set(name, fn);
      }
      return fn;
    },
  };
  return new Proxy({}, handler) as HostApi;
}
