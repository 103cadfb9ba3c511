import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { StepFailure } from './context.js';
import { runHttp } from './http.js';
import { testContext, waitUntil, type TestContext } from './test-helpers.js';

let server: Server;
let base: string;
let t: TestContext;
let hanging = 0;

/** A small real server: each path is one behaviour the tests need. */
function handle(req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://x');
  if (url.pathname === '/hang') {
    hanging++;
    return; // never answers: only an abort ends the request
  }
  let body = '';
  req.on('data', (c: Buffer) => (body += c.toString()));
  req.on('end', () => {
    if (url.pathname === '/json') return send(res, 200, 'application/json', JSON.stringify({ ok: true, method: req.method }));
    if (url.pathname === '/echo')
      return send(res, 201, 'application/json', JSON.stringify({ contentType: req.headers['content-type'] ?? null, body, token: req.headers['x-token'] ?? null }));
    if (url.pathname === '/text') return send(res, 200, 'text/plain', 'all good');
    if (url.pathname === '/looks-json') return send(res, 200, 'text/plain', '[1,2]');
    if (url.pathname === '/missing') return send(res, 404, 'text/plain', 'no such page');
    send(res, 503, 'text/plain', 'maintenance');
  });
}

function send(res: ServerResponse, status: number, type: string, text: string): void {
  res.writeHead(status, { 'content-type': type, 'x-served-by': 'test' });
  res.end(text);
}

beforeAll(async () => {
  server = createServer(handle);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});
afterEach(() => t?.cleanup());

describe('runHttp', () => {
  it('returns status, headers and the parsed JSON body, and logs a summary line', async () => {
    t = testContext();
    const out = await runHttp({ url: `${base}/json?key=secret` }, t.ctx);
    expect(out).toMatchObject({ status: 200, headers: { 'content-type': 'application/json', 'x-served-by': 'test' }, body: { ok: true, method: 'GET' } });
    expect(t.logged('stdout')).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/json\?… → 200 OK in \d+ ms/);
    expect(t.logged('stdout')).not.toContain('secret');
  });

  it('sends an object body as JSON with its content type, by POST when no method is given', async () => {
    t = testContext();
    const out = await runHttp({ url: `${base}/echo`, headers: { 'X-Token': 't1' }, body: { version: '1.2.3' }, expectStatus: [200, 201] }, t.ctx);
    expect(out).toMatchObject({ status: 201, body: { contentType: 'application/json', body: '{"version":"1.2.3"}', token: 't1' } });
  });

  it('keeps text bodies as text and parses JSON-looking ones', async () => {
    t = testContext();
    await expect(runHttp({ url: `${base}/text` }, t.ctx)).resolves.toMatchObject({ body: 'all good' });
    await expect(runHttp({ url: `${base}/looks-json` }, t.ctx)).resolves.toMatchObject({ body: [1, 2] });
  });

  it('fails with HttpStatus when the status is not expected', async () => {
    t = testContext();
    const err = (await runHttp({ method: 'get', url: `${base}/down` }, t.ctx).catch((e: unknown) => e)) as StepFailure;
    expect(err).toBeInstanceOf(StepFailure);
    expect(err.name).toBe('HttpStatus');
    expect(err.message).toMatch(/GET .*\/down returned 503 Service Unavailable \(expected 200–299\)/);
    expect(err.details).toEqual({ status: 503, body: 'maintenance' });
    await expect(runHttp({ url: `${base}/missing`, expectStatus: [404] }, t.ctx)).resolves.toMatchObject({ status: 404 });
  });

  it('fails with HttpError naming the URL when nothing listens', async () => {
    t = testContext();
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    await expect(runHttp({ url: `http://127.0.0.1:${port}/health` }, t.ctx)).rejects.toMatchObject({
      name: 'HttpError',
      message: expect.stringMatching(new RegExp(`GET http://127\\.0\\.0\\.1:${port}/health failed: .*ECONNREFUSED`)),
    });
  });

  it('rejects with the abort reason when the step times out mid-request', async () => {
    t = testContext();
    const before = hanging;
    const run = runHttp({ url: `${base}/hang` }, t.ctx);
    expect(await waitUntil(() => hanging > before)).toBe(true);
    t.abort.abort(new StepFailure('Timeout', 'health-check timed out after 2s'));
    await expect(run).rejects.toMatchObject({ name: 'Timeout', message: 'health-check timed out after 2s' });
  });

  it('rejects as Cancelled when aborted without a StepFailure reason', async () => {
    t = testContext();
    const before = hanging;
    const run = runHttp({ url: `${base}/hang` }, t.ctx);
    expect(await waitUntil(() => hanging > before)).toBe(true);
    t.abort.abort();
    await expect(run).rejects.toMatchObject({ name: 'Cancelled' });
  });
});
