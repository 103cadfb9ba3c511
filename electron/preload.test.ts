/**
 * The preload bridge (`window.flowsmith`) with a stubbed `electron` module: only HostApi methods
 * reach IPC, errors come back as plain HostError data, listeners get the payload and never the IPC
 * event, and a pick answers a path or null.
 */
import type { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { FlowsmithBridge } from './preload.js';
import { fakeElectron, type ElectronFake } from './test-helpers.js';

let fake: ElectronFake;
let bridge: FlowsmithBridge;

beforeEach(async () => {
  fake = fakeElectron();
  vi.resetModules();
  vi.doMock('electron', () => fake.module);
  await import('./preload.js');
  vi.doUnmock('electron');
  bridge = fake.exposed.get('flowsmith') as FlowsmithBridge;
});

describe('preload bridge', () => {
  it('exposes only window.flowsmith', () => {
    expect([...fake.exposed.keys()]).toEqual(['flowsmith']);
    expect(Object.keys(bridge).sort()).toEqual(['call', 'onEvent', 'onMenu', 'pickFile']);
  });

  it('sends HostApi calls over host:call and unwraps the reply', async () => {
    fake.invokeReply = () => ({ ok: true, result: { root: '/w' } });
    await expect(bridge.call('getWorkspace', undefined)).resolves.toEqual({ root: '/w' });
    expect(fake.invoked).toEqual([{ channel: 'host:call', args: ['getWorkspace', {}] }]);
  });

  it('rejects with the HostError itself (data, not an Error)', async () => {
    fake.invokeReply = () => ({ ok: false, error: { name: 'NotFound', message: 'no such run' } });
    const error: unknown = await bridge.call('listRuns', {}).catch((e: unknown) => e);
    expect(error).toEqual({ name: 'NotFound', message: 'no such run' });
    expect(error).not.toBeInstanceOf(Error);
  });

  it('refuses names that are not HostApi methods without touching IPC', async () => {
    for (const method of ['grant', '__proto__', 'constructor']) {
      await expect(bridge.call(method as never, {})).rejects.toMatchObject({ name: 'UnknownMethod' });
    }
    expect(fake.invoked).toEqual([]);
  });

  it('passes event payloads (never the IPC event) and unsubscribes', () => {
    const ipc = fake.module['ipcRenderer'] as EventEmitter;
    const seen: unknown[] = [];
    const off = bridge.onEvent((e) => seen.push(e));
    ipc.emit('host:event', { sender: 'ipc internals' }, { kind: 'runSummary' });
    off();
    ipc.emit('host:event', {}, { kind: 'late' });
    expect(seen).toEqual([{ kind: 'runSummary' }]);
    expect(ipc.listenerCount('host:event')).toBe(0);
  });

  it('answers a pick with the path, or null for anything that is not a string', async () => {
    fake.invokeReply = () => '/w/flow.yaml';
    await expect(bridge.pickFile('open')).resolves.toBe('/w/flow.yaml');
    fake.invokeReply = () => ({ path: '/etc/passwd' });
    await expect(bridge.pickFile('save', 'x.yaml')).resolves.toBeNull();
    expect(fake.invoked.map((i) => i.args)).toEqual([['open', undefined], ['save', 'x.yaml']]);
  });
});
