/**
 * The HTTP layer of `flowsmith serve` in process (issue #12 part 2): the callbacks route with an
 * injected handler (RunService.answerCallback comes from another change), body limits and types,
 * and 127.0.0.1 only.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Json } from '../model/flow.js';
import { HttpError, startServeHttp } from './serve-http.js';
import type { CallbackHandler, ServeHttp } from './serve-http.js';

let http: ServeHttp | undefined;
afterEach(async () => {
  await http?.close();
  http = undefined;
  vi.restoreAllMocks();
});

async function serve(answerCallback?: CallbackHandler) {
  http = await startServeHttp({ hook: () => Promise.reject(new HttpError(404, 'no hooks here')), ...(answerCallback ? { answerCallback } : {}) }, 0);
  return http.url;
}

async function post(url: string, body: string, type = 'application/json') {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': type }, body });
  return { status: res.status, json: (await res.json()) as Record<string, Json> };
}

const tokenError = (code: string) => Object.assign(new Error(`no callback waits for this token (${code})`), { name: 'CallbackTokenError', code });

describe('POST /callbacks/<token>', () => {
  it('hands {output} or {error, message} to the handler and answers 200', async () => {
    const calls: unknown[] = [];
    const url = await serve((token, body) => void calls.push([token, body]));
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await post(`${url}/callbacks/fscb_abc`, '{"output": {"build": 42}}')).toEqual({ status: 200, json: { ok: true } });
    expect(await post(`${url}/callbacks/fscb_abc`, '{"error": "BuildFailed", "message": "red"}')).toEqual({ status: 200, json: { ok: true } });
    expect(await post(`${url}/callbacks/fscb_abc`, '{}')).toEqual({ status: 200, json: { ok: true } });
    expect(calls).toEqual([
      ['fscb_abc', { output: { build: 42 } }],
      ['fscb_abc', { error: 'BuildFailed', message: 'red' }],
      ['fscb_abc', { output: null }],
    ]);
  });

  it('answers 404 for an unknown or used token, 409 when the step no longer waits, 400 for bad bodies', async () => {
    const url = await serve((token) => {
      if (token === 'unknown') throw tokenError('UNKNOWN_TOKEN');
      if (token === 'used') throw tokenError('USED_TOKEN');
      throw Object.assign(new Error('step build no longer waits for its callback (it timed out)'), { name: 'RunRequestError' });
    });
    expect(await post(`${url}/callbacks/unknown`, '{"output": 1}')).toEqual({ status: 404, json: { error: 'unknown or used token' } });
    expect((await post(`${url}/callbacks/used`, '{"output": 1}')).status).toBe(404);
    expect(await post(`${url}/callbacks/late`, '{"output": 1}')).toEqual({ status: 409, json: { error: expect.stringMatching(/no longer waits/) } });
    expect((await post(`${url}/callbacks/late`, '[1]')).status).toBe(400);
    expect((await post(`${url}/callbacks/late`, '{"error": 3}')).status).toBe(400);
    expect((await post(`${url}/callbacks/late`, '{"error": "E", "output": 1}')).status).toBe(400);
    expect((await post(`${url}/callbacks/late`, '{"output": 1}', 'text/plain')).status).toBe(415);
    expect((await post(`${url}/callbacks/late`, JSON.stringify({ output: 'x'.repeat(1024 * 1024) }))).status).toBe(413);
  });

  it('answers 404 while no handler is injected, and never logs a token', async () => {
    const url = await serve();
    expect(await post(`${url}/callbacks/fscb_secret`, '{"output": 1}')).toEqual({ status: 404, json: { error: expect.stringMatching(/unknown or used token/) } });
    await http!.close();
    const written: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (written.push(String(chunk)), true));
    const crashing = await serve(() => {
      throw new Error('store is gone');
    });
    expect((await post(`${crashing}/callbacks/fscb_secret`, '{"output": 1}')).status).toBe(500);
    expect(written.join('')).toContain('/callbacks/…');
    expect(written.join('')).not.toContain('fscb_secret');
  });
});
