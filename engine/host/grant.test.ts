/**
 * Picked paths (issue #11 item 7): only the engine process's parent (Electron's main process, after
 * a native dialog) can allow a path outside the workspace. A renderer cannot: neither as a HostApi
 * method nor as a raw grant message through the web host.
 */
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startEngine } from './engine-client.js';
import type { EngineClient } from './engine-client.js';
import { startWebHost } from './web-host.js';
import type { WebHost } from './web-host.js';

const root = resolve(import.meta.dirname, '../..');
const FLOW = 'flowsmith: "1.0"\nname: picked\nstart: done\nsteps:\n  done: {type: succeed}\n';
let dir: string;
let engine: EngineClient;
let host: WebHost;

beforeAll(async () => {
  if (!existsSync(join(root, 'dist/engine/engine-process.js'))) await execa('node', ['scripts/build-engine.mjs'], { cwd: root });
  dir = mkdtempSync(join(tmpdir(), 'fs-grant-'));
  for (const folder of ['site', 'ws', 'elsewhere']) mkdirSync(join(dir, folder));
  writeFileSync(join(dir, 'site', 'index.html'), '<!doctype html><title>Flowsmith</title>');
  writeFileSync(join(dir, 'elsewhere', 'picked.yaml'), FLOW);
  writeFileSync(join(dir, 'elsewhere', 'not-picked.yaml'), FLOW);
  engine = startEngine(['--db', join(dir, 'store.db'), '--root', join(dir, 'ws'), '--no-triggers']);
  host = await startWebHost(engine, 0, join(dir, 'site'));
}, 30_000);
afterAll(async () => {
  await host.close();
  engine.close();
});

/** Sends raw messages over the web host's WebSocket and collects the replies by id. */
async function rawClient() {
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/rpc?token=${host.token}`);
  await new Promise((res, rej) => {
    ws.once('open', res);
    ws.once('error', rej);
  });
  const replies = new Map<number, { result?: unknown; error?: { name: string; message: string; code?: string } }>();
  ws.on('message', (data) => {
    const m = JSON.parse(data.toString());
    if (typeof m.id === 'number') replies.set(m.id, m);
  });
  return { ws, replies, send: (m: object) => ws.send(JSON.stringify(m)) };
}

describe('picked paths', () => {
  it('lets the parent grant a picked file, and only that file', async () => {
    const picked = join(dir, 'elsewhere', 'picked.yaml');
    await expect(engine.call('openFlow', { path: picked })).rejects.toMatchObject({ code: 'OUTSIDE_WORKSPACE' });
    await engine.grant(picked);
    await expect(engine.call('openFlow', { path: picked })).resolves.toMatchObject({ path: picked, text: FLOW, trusted: false });
    await expect(engine.call('openFlow', { path: join(dir, 'elsewhere', 'not-picked.yaml') })).rejects.toMatchObject({ code: 'OUTSIDE_WORKSPACE' });
  });

  it('refuses a grant from the renderer: no such HostApi method, and raw grant messages are dropped', async () => {
    const target = join(dir, 'elsewhere', 'not-picked.yaml');
    await expect(engine.call('grant' as never, { path: target })).rejects.toThrow(/unknown method grant/);
    const c = await rawClient();
    c.send({ id: 1, grant: { path: target } });
    c.send({ id: 2, method: 'grant', params: { path: target } });
    c.send({ id: 3, method: 'openFlow', params: { path: target }, grant: { path: target } });
    c.send({ id: 4, method: 'openFlow', params: { path: '/etc/passwd' } });
    await expect.poll(() => c.replies.size).toBe(3);
    expect(c.replies.has(1)).toBe(false);
    expect(c.replies.get(2)?.error?.message).toMatch(/unknown method grant/);
    expect(c.replies.get(3)?.error).toMatchObject({ name: 'FileAccessError', code: 'OUTSIDE_WORKSPACE' });
    expect(c.replies.get(4)?.error).toMatchObject({ name: 'FileAccessError', code: 'OUTSIDE_WORKSPACE' });
    c.ws.close();
  });
});
