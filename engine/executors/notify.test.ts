import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { StepFailure } from './context.js';
import { runNotify } from './notify.js';
import { testContext, waitUntil, type TestContext } from './test-helpers.js';

/** A real local receiver: records each request, answers by path as Slack, DingTalk or a broken server would. */
let server: Server;
let base: string;
const received: { path: string; contentType: string | undefined; body: string }[] = [];
let t: TestContext;

let hanging = 0;

function handle(req: IncomingMessage, res: ServerResponse): void {
  if (req.url === '/hang') {
    hanging++;
    return; // never answers: only an abort ends the request
  }
  let body = '';
  req.on('data', (c: Buffer) => (body += c.toString()));
  req.on('end', () => {
    const path = req.url ?? '/';
    received.push({ path, contentType: req.headers['content-type'], body });
    const reply = (status: number, text: string) => res.writeHead(status, { 'content-type': 'application/json' }).end(text);
    if (path.startsWith('/robot/send')) return reply(200, '{"errcode":0,"errmsg":"ok"}');
    if (path.startsWith('/robot/refuses')) return reply(200, '{"errcode":310000,"errmsg":"keywords not in content"}');
    if (path.startsWith('/broken')) return reply(500, 'upstream exploded');
    reply(200, 'ok');
  });
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
afterEach(() => {
  received.length = 0;
  t?.cleanup();
});

async function failure(promise: Promise<unknown>): Promise<StepFailure> {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(StepFailure);
  return err as StepFailure;
}

describe('runNotify webhooks', () => {
  it('posts the generic body with run, step and flow', async () => {
    t = testContext('announce');
    const out = await runNotify({ message: 'shop 1.4.2 is live', title: 'Deployed', webhook: `${base}/hook`, flow: 'web-app-deploy' }, t.ctx);
    expect(out).toEqual({ delivered: ['webhook'], status: 200 });
    expect(received).toEqual([
      {
        path: '/hook',
        contentType: 'application/json; charset=utf-8',
        body: '{"title":"Deployed","message":"shop 1.4.2 is live","run":"run-test","step":"announce","flow":"web-app-deploy"}',
      },
    ]);
  });

  it('posts Slack incoming-webhook text with the title in bold', async () => {
    t = testContext();
    await runNotify({ message: 'shop 1.4.2 is live', title: 'Deployed', webhook: `${base}/services/T0/B0/secret`, format: 'slack' }, t.ctx);
    expect(received[0]?.body).toBe('{"text":"*Deployed*\\nshop 1.4.2 is live"}');
  });

  it('posts a DingTalk robot text message, titled by the flow name by default', async () => {
    t = testContext();
    const out = await runNotify({ message: 'shop 1.4.2 is live', webhook: `${base}/robot/send?access_token=abc`, format: 'dingtalk', flow: 'web-app-deploy' }, t.ctx);
    expect(out).toEqual({ delivered: ['webhook'], status: 200 });
    expect(received[0]?.body).toBe('{"msgtype":"text","text":{"content":"web-app-deploy\\nshop 1.4.2 is live"}}');
  });

  it('fails with NotifyError when DingTalk answers a non-zero errcode', async () => {
    t = testContext();
    const err = await failure(runNotify({ message: 'hi', webhook: `${base}/robot/refuses?access_token=abc`, format: 'dingtalk' }, t.ctx));
    expect(err.name).toBe('NotifyError');
    expect(err.message).toBe('DingTalk robot refused the message: errcode 310000 (keywords not in content)');
    expect(err.details).toEqual({ status: 200, errcode: 310000, errmsg: 'keywords not in content' });
  });

  it('fails with NotifyError when a dingtalk webhook answers without an errcode', async () => {
    t = testContext();
    const err = await failure(runNotify({ message: 'hi', webhook: `${base}/plain`, format: 'dingtalk' }, t.ctx));
    expect(err.message).toMatch(/without an errcode/);
  });

  it('fails with HttpStatus on a 500, never showing the webhook path or query in logs or messages', async () => {
    t = testContext();
    const err = await failure(runNotify({ message: 'hi', webhook: `${base}/broken?token=s3cret` }, t.ctx));
    expect(err.name).toBe('HttpStatus');
    expect(err.details).toEqual({ status: 500, body: 'upstream exploded' });
    expect(err.message).toBe(`webhook POST ${base}/… (generic) returned 500 Internal Server Error`);
    expect(t.logged('stdout')).not.toMatch(/broken|s3cret/);
  });

  it('fails with NotifyError for a webhook that is not an http(s) URL or does not answer', async () => {
    t = testContext();
    await expect(runNotify({ message: 'hi', webhook: 'ftp://example.invalid/x' }, t.ctx)).rejects.toMatchObject({ name: 'NotifyError', message: expect.stringMatching(/not an http\(s\) URL/) });
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    await expect(runNotify({ message: 'hi', webhook: `http://127.0.0.1:${port}/hook` }, t.ctx)).rejects.toMatchObject({ name: 'NotifyError', message: expect.stringMatching(/ECONNREFUSED/) });
  });

  it('rejects with the abort reason when the step times out mid-request', async () => {
    t = testContext();
    const before = hanging;
    const sending = runNotify({ message: 'hi', webhook: `${base}/hang` }, t.ctx);
    expect(await waitUntil(() => hanging > before)).toBe(true);
    t.abort.abort(new StepFailure('Timeout', 'notify timed out after 5s'));
    await expect(sending).rejects.toMatchObject({ name: 'Timeout', message: 'notify timed out after 5s' });
  });
});

describe('runNotify desktop', () => {
  it('shows a desktop notification through the context', async () => {
    t = testContext();
    const shown: [string, string][] = [];
    t.ctx.notifyDesktop = async (title, message) => void shown.push([title, message]);
    const out = await runNotify({ message: 'approval needed', title: 'Deploy', flow: 'web-app-deploy' }, t.ctx);
    expect(out).toEqual({ delivered: ['desktop'] });
    expect(shown).toEqual([['Deploy', 'approval needed']]);
  });

  it('sends the webhook first, then the desktop notification, when both are asked for', async () => {
    t = testContext();
    const order: string[] = [];
    t.ctx.notifyDesktop = async () => void order.push(`desktop after ${received.length} request`);
    const out = await runNotify({ message: 'done', webhook: `${base}/hook`, desktop: true }, t.ctx);
    expect(out).toEqual({ delivered: ['webhook', 'desktop'], status: 200 });
    expect(order).toEqual(['desktop after 1 request']);
  });

  it('fails with NotifyError when the desktop notification fails', async () => {
    t = testContext();
    t.ctx.notifyDesktop = () => Promise.reject(new Error('notifications are blocked'));
    const err = await failure(runNotify({ message: 'x' }, t.ctx));
    expect(err.name).toBe('NotifyError');
    expect(err.message).toBe('desktop notification failed: notifications are blocked');
  });

  it('without a desktop (CLI), writes the text to the step log and succeeds', async () => {
    t = testContext();
    const out = await runNotify({ message: 'approval needed', title: 'Deploy' }, t.ctx);
    expect(out).toEqual({ delivered: [], skipped: ['desktop'] });
    expect(t.logged('stdout')).toBe('[flowsmith] no desktop to notify on; the notification was not shown: Deploy: approval needed\n');
  });

  it('fails when there is nothing to deliver, and when aborted before it starts', async () => {
    t = testContext();
    await expect(runNotify({ message: 'x', desktop: false }, t.ctx)).rejects.toMatchObject({ name: 'NotifyError' });
    t.abort.abort(new StepFailure('Timeout', 'notify timed out'));
    await expect(runNotify({ message: 'x', webhook: `${base}/hook` }, t.ctx)).rejects.toMatchObject({ name: 'Timeout' });
    expect(received).toEqual([]);
  });
});
