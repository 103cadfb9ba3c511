/**
 * The web host and the engine process for real: a forked engine (dist/engine/engine-process.js),
 * HostApi over WebSocket with the token, events pushed while a run goes on.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { HostEvent } from './api.js';
import { startEngine } from './engine-client.js';
import type { EngineClient } from './engine-client.js';
import { startWebHost } from './web-host.js';
import type { WebHost } from './web-host.js';

const root = resolve(import.meta.dirname, '../..');
let dir: string;
let engine: EngineClient;
let host: WebHost;

beforeAll(async () => {
  if (!existsSync(join(root, 'dist/engine/engine-process.js'))) await execa('node', ['scripts/build-engine.mjs'], { cwd: root });
  dir = mkdtempSync(join(tmpdir(), 'fs-web-'));
  const site = join(dir, 'site');
  mkdirSync(site);
  writeFileSync(join(site, 'index.html'), '<!doctype html><title>Flowsmith</title>');
  cpSync(join(root, 'resources/templates'), join(dir, 'flows'), { recursive: true });
  engine = startEngine(['--db', join(dir, 'store.db'), '--root', join(dir, 'flows')]);
  host = await startWebHost(engine, 0, site);
});
afterAll(async () => {
  await host.close();
  engine.close();
});

function connect(token: string): Promise<WebSocket> {
  return new Promise((res, rej) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/rpc?token=${token}`);
    ws.once('open', () => res(ws));
    ws.once('error', rej);
  });
}

function client(ws: WebSocket) {
  let next = 1;
  const events: HostEvent[] = [];
  const pending = new Map<number, (m: { result?: unknown; error?: { message: string } }) => void>();
  ws.on('message', (data) => {
    const m = JSON.parse(data.toString());
    if (m.event) events.push(m.event);
    else pending.get(m.id)?.(m);
  });
  return {
    events,
    call(method: string, params: unknown = {}) {
      const id = next++;
      return new Promise<{ result?: unknown; error?: { message: string } }>((r) => {
        pending.set(id, r);
        ws.send(JSON.stringify({ id, method, params }));
      });
    },
  };
}

describe('web host', () => {
  it('prints a 127.0.0.1 URL with a token and serves the page', async () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{32}$/);
    const page = await fetch(host.url);
    expect(await page.text()).toContain('Flowsmith');
  });

  it('refuses a WebSocket without the right token', async () => {
    await expect(connect('wrong')).rejects.toThrow(/403/);
  });

  it('serves HostApi calls and pushes run events until an approval waits', async () => {
    const ws = await connect(host.token);
    const api = client(ws);
    const templates = (await api.call('listTemplates')).result as { name: string }[];
    expect(templates.map((t) => t.name)).toContain('web-app-deploy');
    const unknown = await api.call('deleteEverything');
    expect(unknown.error?.message).toMatch(/unknown method/);

    const path = join(dir, 'flows', 'web-app-deploy.yaml');
    const opened = (await api.call('openFlow', { path })).result as { flow: { name: string } };
    expect(opened.flow.name).toBe('web-app-deploy');
    const { run } = (await api.call('startRun', { path, mode: 'run', input: { environment: 'production', version: '9.9.9' } })).result as { run: string };
    await expect.poll(() => api.events.some((e) => e.kind === 'runEvent' && e.run === run && e.event.type === 'ApprovalRequested'), { timeout: 20_000 }).toBe(true);
    await api.call('answerApproval', { run, step: 'approve', verdict: 'approve', as: 'ops-manager' });
    await expect.poll(() => api.events.some((e) => e.kind === 'runEvent' && e.run === run && e.event.type === 'RunSucceeded'), { timeout: 20_000 }).toBe(true);
    expect(api.events.some((e) => e.kind === 'stepLog' && e.run === run)).toBe(true);
    const got = (await api.call('getRun', { run })).result as { record: { status: string }; events: unknown[] };
    expect(got.record.status).toBe('succeeded');
    ws.close();
  });

  it('streams a watching page only the runs it watches, and run summaries of every run', async () => {
    const watching = client(await connect(host.token));
    const path = join(dir, 'flows', 'web-app-deploy.yaml');
    const input = { environment: 'staging', version: '1.0.0' };
    const { run: seen } = (await watching.call('startRun', { path, mode: 'simulate', input })).result as { run: string };
    await watching.call('watchRun', { run: seen });
    const { run: other } = (await watching.call('startRun', { path, mode: 'simulate', input })).result as { run: string };
    await expect.poll(() => watching.events.some((e) => e.kind === 'runSummary' && e.run === other && e.status === 'succeeded'), { timeout: 20_000 }).toBe(true);
    expect(watching.events.some((e) => e.kind === 'runSummary' && e.run === other && e.started?.flow === 'web-app-deploy')).toBe(true);
    expect(watching.events.some((e) => (e.kind === 'runEvent' || e.kind === 'stepLog') && e.run === other)).toBe(false);
    // The watched run streams (its events from before watchRun come from getRun).
    const got = (await watching.call('getRun', { run: seen })).result as { record: { status: string } };
    expect(got.record.status).toBe('succeeded');
    await watching.call('unwatchRun', { run: seen });
  });
});
