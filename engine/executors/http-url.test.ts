/**
 * Values interpolated into an http URL cannot move the request (issue #11 item 6): a real server on
 * 127.0.0.1 counts what reaches it while hostile values are put into every part of URLs that point
 * elsewhere.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bindings } from '../expr/evaluate.js';
import { interpolateUrl } from '../expr/url.js';
import { runHttp } from './http.js';
import { testContext } from './test-helpers.js';

let server: Server;
let port: number;
const reached: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    reached.push(req.url ?? '');
    res.end('{"ok":true}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const bindings = (u: string): Bindings => ({ input: { u }, vars: { base: `http://127.0.0.1:${port}` }, steps: {}, run: { id: 'r', flow: 'f' } });

describe('interpolateUrl', () => {
  it('percent-encodes inserted values, so they stay text where they stand', async () => {
    expect(await interpolateUrl('https://api.example.com/items/{{ $input.u }}?q={{ $input.u }}', bindings('a/b?c=d&e#f'))).toBe(
      'https://api.example.com/items/a%2Fb%3Fc%3Dd%26e%23f?q=a%2Fb%3Fc%3Dd%26e%23f',
    );
  });

  it('keeps a whole-URL expression and a base URL at the start as they are', async () => {
    expect(await interpolateUrl('{{ $vars.base }}', bindings(''))).toBe(`http://127.0.0.1:${port}`);
    expect(await interpolateUrl('{{ $vars.base }}/v1/{{ $input.u }}', bindings('x y'))).toBe(`http://127.0.0.1:${port}/v1/x%20y`);
    expect(await interpolateUrl('{{ "https://h.example/" & $input.u }}', bindings('a/b'))).toBe('https://h.example/a/b');
  });

  it('never sends a request to the host a value names (host, port, userinfo, path, query, fragment)', async () => {
    const steal = [`127.0.0.1:${port}/steal?`, `127.0.0.1:${port}/steal#`, `x@127.0.0.1:${port}/steal?`, `@127.0.0.1:${port}`, `/../../127.0.0.1:${port}/steal`, `\\\\127.0.0.1:${port}\\steal`];
    const urls = ['http://{{ $input.u }}.invalid/', 'http://user:{{ $input.u }}@nothing.invalid/', 'http://nothing.invalid:{{ $input.u }}/', 'http://nothing.invalid/{{ $input.u }}', 'http://nothing.invalid/?q={{ $input.u }}', 'http://nothing.invalid{{ $input.u }}'];
    for (const url of urls) {
      for (const u of steal) {
        const t = testContext();
        const target = await interpolateUrl(url, bindings(u));
        await runHttp({ url: target, timeout: '2s' } as never, t.ctx).catch(() => undefined);
        t.cleanup();
        expect(reached, `${url} with ${u} → ${target}`).toEqual([]);
      }
    }
  }, 60_000);
});
