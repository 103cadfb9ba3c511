/**
 * The http executor (DESIGN.md "Executors"): one request with the global fetch, aborted by the
 * step's signal (timeout or cancel); the response becomes `{ status, headers, body }`.
 */
import type { Json, JsonObject } from '../model/flow.js';
import type { ExecContext } from './context.js';
import { StepFailure, abortFailure, parseJsonDocument, tail } from './context.js';

/** Response body bytes kept in the step output (1 MiB); the rest is dropped and `truncated` set. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** What an http task says, after its `{{ }}` were interpolated (model/flow.ts HttpSpec). */
export interface HttpRequestSpec {
  /** Default: POST when there is a body, else GET. */
  method?: string;
  url: string;
  headers?: Record<string, string>;
  /** A string is sent as is; any other JSON value is sent as JSON with content-type application/json. */
  body?: Json;
  /** Accepted statuses; default 200–299. */
  expectStatus?: number[];
}

/**
 * Sends the request and resolves with `{ status, headers, body, truncated? }`: headers with
 * lower-case names; body parsed as JSON when the response says JSON or the text is a JSON
 * object/array, else the text. Logs one summary line to stdout (the URL without its query string,
 * which may hold keys).
 * Rejects with StepFailure `HttpStatus` (status not expected; details `{ status, body }`),
 * `HttpError` (bad URL, network failure; message names the URL), or the abort reason
 * (`Timeout`/`Cancelled`) when `ctx.signal` aborts.
 */
export async function runHttp(spec: HttpRequestSpec, ctx: ExecContext): Promise<Json> {
  if (ctx.signal.aborted) throw abortFailure(ctx.signal);
  const method = (spec.method ?? (spec.body !== undefined && spec.body !== null ? 'POST' : 'GET')).toUpperCase();
  const shown = `${method} ${redactUrl(spec.url)}`;
  const headers = new Headers(spec.headers);
  let body: string | undefined;
  if (spec.body !== undefined && spec.body !== null) {
    body = typeof spec.body === 'string' ? spec.body : JSON.stringify(spec.body);
    if (typeof spec.body !== 'string' && !headers.has('content-type')) headers.set('content-type', 'application/json');
  }

  const started = performance.now();
  let response: Response;
  let text: string;
  let truncated: boolean;
  try {
    response = await fetch(spec.url, { method, headers, body, signal: ctx.signal, redirect: 'follow' });
    ({ text, truncated } = await readCapped(response, MAX_BODY_BYTES));
  } catch (err) {
    if (ctx.signal.aborted) {
      ctx.log('stdout', `${shown} → aborted after ${elapsed(started)}\n`);
      throw abortFailure(ctx.signal);
    }
    const why = networkReason(err);
    ctx.log('stdout', `${shown} → failed: ${why}\n`);
    throw new StepFailure('HttpError', `${shown} failed: ${why}`);
  }
  ctx.log('stdout', `${shown} → ${response.status} ${response.statusText} in ${elapsed(started)}, ${text.length} chars\n`);

  const headerObject: JsonObject = {};
  response.headers.forEach((value, name) => (headerObject[name] = value));
  const saysJson = /[/+]json\b/i.test(response.headers.get('content-type') ?? '');
  const parsedBody = truncated ? undefined : saysJson ? tryParse(text) : parseJsonDocument(text);
  const output: JsonObject = { status: response.status, headers: headerObject, body: parsedBody ?? text };
  if (truncated) output.truncated = true;

  const expected = spec.expectStatus;
  const ok = expected && expected.length > 0 ? expected.includes(response.status) : response.status >= 200 && response.status < 300;
  if (!ok) {
    const wanted = expected && expected.length > 0 ? expected.join(', ') : '200–299';
    throw new StepFailure('HttpStatus', `${shown} returned ${response.status} ${response.statusText} (expected ${wanted})`, {
      status: response.status,
      body: tail(text),
    });
  }
  return output;
}

/** Reads at most `maxBytes` of the body as utf-8; cancels the rest of the stream. */
async function readCapped(response: Response, maxBytes: number): Promise<{ text: string; truncated: boolean }> {
  if (!response.body) return { text: '', truncated: false };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { text: Buffer.concat(chunks).toString('utf8'), truncated: false };
    if (size + value.length > maxBytes) {
      chunks.push(value.subarray(0, maxBytes - size));
      await reader.cancel();
      return { text: Buffer.concat(chunks).toString('utf8'), truncated: true };
    }
    chunks.push(value);
    size += value.length;
  }
}

function tryParse(text: string): Json | undefined {
  try {
    return JSON.parse(text) as Json;
  } catch {
    return undefined;
  }
}

/** fetch reports `TypeError: fetch failed` with the useful part (ECONNREFUSED …) in `cause`. */
function networkReason(err: unknown): string {
  const cause = (err as { cause?: unknown }).cause;
  const inner = cause instanceof Error ? cause : err instanceof Error ? err : undefined;
  const code = (inner as NodeJS.ErrnoException | undefined)?.code;
  const message = inner?.message ?? String(err);
  return code && !message.includes(code) ? `${code} ${message}` : message;
}

/** The URL for logs and messages: no user:password, no query string (it may carry keys). */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}${u.search ? '?…' : ''}`;
  } catch {
    return '(invalid URL)';
  }
}

function elapsed(startedMs: number): string {
  return `${Math.round(performance.now() - startedMs)} ms`;
}
