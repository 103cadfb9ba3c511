/**
 * The web host (DESIGN.md "Architecture"): serves the built renderer and HostApi over WebSocket on
 * 127.0.0.1 only. Every WebSocket must present the random token of this start (`/rpc?token=…`) and
 * come from this host's own origin; requests are forwarded as JSON-RPC to the engine process.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import type { HostMethod, HostTransport } from './api.js';
import { hostMethods } from './api.js';
import { rendererDir } from '../service/paths.js';
import { isRequest, toHostError } from './rpc.js';
import { RunWatches } from './run-watches.js';
import type { RpcMessage } from './rpc.js';

export interface WebHost {
  /** `http://127.0.0.1:PORT/?token=TOKEN` */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/**
 * Starts the web host on 127.0.0.1:`port` (0 = a free port) in front of `engine`. Throws when the
 * renderer has not been built (run `npm run build`) or the port is taken.
 */
export async function startWebHost(engine: HostTransport, port = 0, staticDir = rendererDir): Promise<WebHost> {
  if (!existsSync(staticDir)) throw new Error(`the designer is not built (${staticDir} is missing); run: npm run build`);
  const token = randomBytes(16).toString('hex');
  const serveStatic = sirv(staticDir, { dev: false, etag: true, single: false });
  const server = createServer((req, res) => {
    // The page itself is not secret; the token guards every HostApi call.
    res.setHeader('Content-Security-Policy', "default-src 'self'; script-src 'self'; worker-src 'self' blob:; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' ws://127.0.0.1:*; font-src 'self' data:");
    serveStatic(req, res, () => {
      res.statusCode = 404;
      res.end('not found');
    });
  });
  const wss = new WebSocketServer({ noServer: true });
  // Each page watches its own runs (HostApi watchRun); the engine process streams the union.
  const clients = new Map<WebSocket, RunWatches>();
  engine.onEvent((event) => {
    const text = JSON.stringify({ event } satisfies RpcMessage);
    for (const [ws, watches] of clients) if (watches.passes(event)) ws.send(text);
  });

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const ownOrigin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const originOk = req.headers.origin === undefined || req.headers.origin === ownOrigin;
    if (url.pathname !== '/rpc' || url.searchParams.get('token') !== token || !originOk) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const watches = new RunWatches();
      clients.set(ws, watches);
      ws.on('close', () => {
        clients.delete(ws);
        // A closed page stops watching: the engine's counts drop by what this page watched.
        for (const run of watches.watched()) void engine.call('unwatchRun', { run }).catch(() => undefined);
      });
      ws.on('message', (data) => void answer(ws, data.toString(), watches));
    });
  });

  async function answer(ws: WebSocket, text: string, watches: RunWatches): Promise<void> {
    let msg: unknown;
    try {
      msg = JSON.parse(text);
    } catch {
      return;
    }
    if (!isRequest(msg)) return;
    if (!(hostMethods as readonly string[]).includes(msg.method)) {
      ws.send(JSON.stringify({ id: msg.id, error: { name: 'UsageError', message: `unknown method ${msg.method}` } }));
      return;
    }
    const run = (msg.params as { run?: unknown } | null)?.run;
    if (typeof run === 'string' && msg.method === 'watchRun') watches.watch(run);
    if (typeof run === 'string' && msg.method === 'unwatchRun') watches.unwatch(run);
    try {
      const result = await engine.call(msg.method as HostMethod, msg.params);
      ws.send(JSON.stringify({ id: msg.id, result }));
    } catch (err) {
      ws.send(JSON.stringify({ id: msg.id, error: toHostError(err) }));
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}/?token=${token}`,
    port: actual,
    token,
    close: () =>
      new Promise((resolve) => {
        for (const ws of clients.keys()) ws.terminate();
        wss.close();
        server.close(() => resolve());
      }),
  };
}
