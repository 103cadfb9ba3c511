/**
 * The HTTP side of `flowsmith serve` (issue #12 part 2; DESIGN.md "Interfaces"): a node:http server
 * bound to 127.0.0.1 only, with three routes, each answering JSON:
 *
 * - `POST /hooks/<file>/<name>`: a webhook trigger (serve-hooks.ts);
 * - `POST /callbacks/<token>`: answers a waiting callback (`{output}` or `{error, message}`) through
 *   an injected handler; 404 when there is none or the token is unknown or used;
 * - `GET /health`: `{service: "flowsmith", pid}`, for scripts and the service managers.
 *
 * Bodies are JSON only (415 otherwise) and at most 1 MiB (413, engine/README.md "Limits"). Nothing
 * here needs a session: each route carries its own secret (the hook's bearer secret, the callback's
 * single-use token), and a browser page cannot send `Authorization` across origins without a CORS
 * preflight, which this server never grants.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Json } from '../model/flow.js';
import { MAX_INPUT_BYTES } from '../service/inputs.js';

/** An HTTP answer: status and JSON body. */
export interface HttpAnswer {
  status: number;
  body: Json;
}

/** A JSON request as the routes see it: the parsed body (undefined when there is none). */
export interface JsonRequest {
  method: string;
  /** Path segments after the route's prefix, percent-decoded. */
  segments: string[];
  headers: IncomingMessage['headers'];
  /** Reads and parses the body; answers (throws HttpError) 413, 415 or 400 for a bad one. */
  json(): Promise<Json>;
}

/** Thrown by a route to answer with `status` and `{error: message, ...extra}`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, Json> = {},
  ) {
    super(message);
  }
}

/**
 * Answers a callback: `{output}` or `{error, message}` (RunService.answerCallback). Throws
 * CallbackTokenError (code UNKNOWN_TOKEN or USED_TOKEN) for a bad token (→ 404), RunRequestError
 * when the step no longer waits or the reply does not fit (→ 409).
 */
export type CallbackHandler = (token: string, body: { output?: Json; error?: string; message?: string }) => unknown;

export interface ServeRoutes {
  /** `POST /hooks/<file>/<name>`. */
  hook(req: JsonRequest): Promise<HttpAnswer>;
  /** Present when the engine answers callbacks (RunService.answerCallback). */
  answerCallback?: CallbackHandler;
}

/** The running server: its URL (`http://127.0.0.1:<port>`) and a close that stops accepting. */
export interface ServeHttp {
  url: string;
  server: Server;
  /** Stops accepting connections, ends idle ones, resolves when the server is closed. */
  close(): Promise<void>;
}

/** Starts the server on 127.0.0.1:`port` (0 = any free port). Rejects when the port is taken. */
export async function startServeHttp(routes: ServeRoutes, port: number): Promise<ServeHttp> {
  const server = createServer((req, res) => void handle(routes, req, res));
  // Slow-loris guards: a request must arrive whole within 30 s.
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

async function handle(routes: ServeRoutes, req: IncomingMessage, res: ServerResponse): Promise<void> {
  let answer: HttpAnswer;
  try {
    answer = await route(routes, req);
  } catch (err) {
    if (err instanceof HttpError) answer = { status: err.status, body: { error: err.message, ...err.extra } };
    else {
      // A callback token is a secret: never in a log line (engine/service answerCallback).
      const shown = (req.url ?? '/').replace(/^\/callbacks\/[^/?]*/, '/callbacks/…');
      process.stderr.write(`flowsmith: serve: ${req.method} ${shown}: ${(err as Error).stack ?? String(err)}\n`);
      answer = { status: 500, body: { error: `internal error: ${(err as Error).message}` } };
    }
  }
  const text = `${JSON.stringify(answer.body)}\n`;
  const headers: Record<string, string | number> = { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' };
  // A body we did not read (refused early) is not drained: close the connection after answering.
  if (!req.complete) headers['connection'] = 'close';
  res.writeHead(answer.status, headers);
  res.end(text);
}

async function route(routes: ServeRoutes, req: IncomingMessage): Promise<HttpAnswer> {
  const method = req.method ?? 'GET';
  const path = (req.url ?? '/').split('?')[0]!;
  const parts = path.split('/').slice(1);
  const segments = (from: number) => parts.slice(from).map(decodeSegment);
  if (path === '/health') {
    if (method !== 'GET') throw new HttpError(405, 'use GET /health');
    return { status: 200, body: { service: 'flowsmith', pid: process.pid } };
  }
  if (parts[0] === 'hooks') {
    if (method !== 'POST') throw new HttpError(405, 'webhooks take POST with a JSON body');
    return routes.hook({ method, segments: segments(1), headers: req.headers, json: () => readJson(req) });
  }
  if (parts[0] === 'callbacks') {
    if (method !== 'POST') throw new HttpError(405, 'callbacks take POST with a JSON body');
    return callback(routes, segments(1), req);
  }
  throw new HttpError(404, `no route ${method} ${path}; flowsmith serve answers POST /hooks/<flow>/<name>, POST /callbacks/<token> and GET /health`);
}

/** `POST /callbacks/<token>` with `{output}` or `{error, message}`. */
async function callback(routes: ServeRoutes, segments: string[], req: IncomingMessage): Promise<HttpAnswer> {
  const [token, ...rest] = segments;
  if (token === undefined || token === '' || rest.length > 0) throw new HttpError(404, 'use POST /callbacks/<token>');
  if (!routes.answerCallback) throw new HttpError(404, 'unknown or used token (this engine answers no callbacks)');
  const body = await readJson(req);
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new HttpError(400, 'the body must be a JSON object: {"output": …} or {"error": "Name", "message": "…"}');
  const hasError = body['error'] !== undefined;
  if (hasError && typeof body['error'] !== 'string') throw new HttpError(400, '"error" must be an error name (a string), e.g. {"error": "BuildFailed", "message": "…"}');
  if (hasError && body['message'] !== undefined && typeof body['message'] !== 'string') throw new HttpError(400, '"message" must be a string');
  if (hasError && body['output'] !== undefined) throw new HttpError(400, 'give either "output" or "error", not both');
  const answer = hasError
    ? { error: body['error'] as string, ...(typeof body['message'] === 'string' ? { message: body['message'] } : {}) }
    : { output: body['output'] ?? null };
  try {
    await routes.answerCallback(token, answer);
  } catch (err) {
    const e = err as Error & { code?: unknown };
    // CallbackTokenError (code UNKNOWN_TOKEN / USED_TOKEN), or a message that says so.
    if (e.name === 'CallbackTokenError' || e.code === 'UNKNOWN_TOKEN' || e.code === 'USED_TOKEN' || /unknown or used|unknown token|already used/i.test(e.message)) {
      throw new HttpError(404, 'unknown or used token');
    }
    // The token is valid but its step no longer waits, its deadline passed, or the reply does not fit.
    if (e.name === 'RunRequestError') throw new HttpError(409, e.message);
    throw err;
  }
  return { status: 200, body: { ok: true } };
}

/** A path segment percent-decoded; a malformed escape answers 404 (nothing can be named by it). */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpError(404, `"${segment}" is not a valid path segment`);
  }
}

/** A refused body is read and dropped up to this size before answering 413; larger ones close the connection. */
const MAX_DRAIN_BYTES = 8 * MAX_INPUT_BYTES;

/** True for `application/json` and `application/<x>+json`, with parameters. */
function isJsonType(type: string | undefined): boolean {
  const mime = (type ?? '').split(';')[0]!.trim().toLowerCase();
  return mime === 'application/json' || /^application\/[\w.-]+\+json$/.test(mime);
}

/**
 * Reads `req`'s body as JSON: 415 unless its content type is JSON, 413 when it is (or says it is)
 * over MAX_INPUT_BYTES, 400 when it does not parse (the parser's message, which says where). An
 * empty body reads as `{}`.
 */
async function readJson(req: IncomingMessage): Promise<Json> {
  if (!isJsonType(req.headers['content-type'])) throw new HttpError(415, 'send the body as JSON with Content-Type: application/json');
  const tooLarge = () => new HttpError(413, `the body is over ${MAX_INPUT_BYTES / 1024 / 1024} MiB, the largest run input; pass the data as a file the flow reads`);
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_DRAIN_BYTES) throw tooLarge(); // answered at once; the connection closes
  const chunks: Buffer[] = [];
  const size = await new Promise<number>((resolve, reject) => {
    let total = 0;
    req.on('data', (chunk: Buffer) => {
      total += chunk.length;
      // Past the limit the rest is read and dropped (so the client sees the answer), up to a cap.
      if (total <= MAX_INPUT_BYTES) chunks.push(chunk);
      else if (total > MAX_DRAIN_BYTES) {
        req.removeAllListeners('data');
        req.pause();
        resolve(total);
      }
    });
    req.on('end', () => resolve(total));
    req.on('error', reject);
  });
  if (size > MAX_INPUT_BYTES) throw tooLarge();
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {}; // an empty body is an empty object (a webhook of a flow without inputs)
  try {
    return JSON.parse(text) as Json;
  } catch (err) {
    throw new HttpError(400, `the body is not valid JSON: ${(err as Error).message}`);
  }
}
