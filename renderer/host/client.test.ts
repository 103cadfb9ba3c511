import { describe, expect, it } from 'vitest';
import type { HostEvent, HostMethod, HostTransport } from '../../engine/host/api';
import { createHostClient, HostCallError } from './client';
import { createWebSocketTransport, rpcUrl, type SocketLike } from './ws-transport';

/** A transport that records calls and answers from a table. */
function fakeTransport(answers: Partial<Record<HostMethod, (p: unknown) => unknown>>) {
  const calls: { method: HostMethod; params: unknown }[] = [];
  const transport: HostTransport = {
    async call(method, params) {
      calls.push({ method, params });
      const answer = answers[method];
      if (!answer) throw { name: 'NotFound', message: `no ${method}`, code: 'FS900', where: 'x.yaml:1:1' };
      return answer(params);
    },
    onEvent: () => () => undefined,
  };
  return { transport, calls };
}

describe('createHostClient', () => {
  it('forwards each method with its params (or {}) and returns the result', async () => {
    const { transport, calls } = fakeTransport({
      listTemplates: () => [{ name: 'a', title: 'A', description: '', path: '/a.yaml' }],
      startRun: (p) => ({ run: `run-of-${(p as { path: string }).path}` }),
    });
    const host = createHostClient(transport);
    expect(await host.listTemplates(undefined as never)).toHaveLength(1);
    expect(await host.startRun({ path: '/f.yaml', mode: 'run' })).toEqual({ run: 'run-of-/f.yaml' });
    expect(calls).toEqual([
      { method: 'listTemplates', params: {} },
      { method: 'startRun', params: { path: '/f.yaml', mode: 'run' } },
    ]);
  });

  it('turns a HostError into an Error with the same message, name, code and where', async () => {
    const host = createHostClient(fakeTransport({}).transport);
    const err = await host.openFlow({ path: '/missing.yaml' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HostCallError);
    expect(err).toMatchObject({ message: 'no openFlow', hostName: 'NotFound', code: 'FS900', where: 'x.yaml:1:1' });
  });

  it('is not a thenable (awaiting it must not call the host)', async () => {
    const { transport, calls } = fakeTransport({});
    const host = createHostClient(transport);
    expect(await Promise.resolve(host)).toBe(host);
    expect(calls).toHaveLength(0);
  });
});

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: string[] = [];
  private listeners = new Map<string, ((ev: { data: unknown }) => void)[]>();
  send(data: string) {
    this.sent.push(data);
  }
  addEventListener(type: string, l: (ev: { data: unknown }) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), l]);
  }
  emit(type: string, data?: unknown) {
    if (type === 'open') this.readyState = 1;
    for (const l of this.listeners.get(type) ?? []) l({ data });
  }
}

describe('WebSocket transport', () => {
  it('builds the rpc URL from the page token', () => {
    expect(rpcUrl({ host: '127.0.0.1:5000', search: '?token=ab12', protocol: 'http:' })).toBe(
      'ws://127.0.0.1:5000/rpc?token=ab12',
    );
  });

  it('queues calls until open, matches answers by id, delivers events and errors', async () => {
    const socket = new FakeSocket();
    const transport = createWebSocketTransport(() => socket);
    const events: HostEvent[] = [];
    transport.onEvent((e) => events.push(e));
    const host = createHostClient(transport);
    const a = host.getWorkspace({});
    const b = host.openFlow({ path: '/x.yaml' });
    expect(socket.sent).toEqual([]);
    socket.emit('open');
    expect(socket.sent.map((s) => JSON.parse(s) as unknown)).toEqual([
      { id: 1, method: 'getWorkspace', params: {} },
      { id: 2, method: 'openFlow', params: { path: '/x.yaml' } },
    ]);
    socket.emit('message', JSON.stringify({ id: 2, error: { name: 'ParseError', message: 'bad yaml', where: 'x.yaml:3:1' } }));
    socket.emit('message', JSON.stringify({ event: { kind: 'stepLog', run: 'r', step: 's', attempt: 1, stream: 'stdout', text: 'hi' } }));
    socket.emit('message', JSON.stringify({ id: 1, result: { root: '/w', openPath: null, files: [] } }));
    await expect(a).resolves.toEqual({ root: '/w', openPath: null, files: [] });
    await expect(b).rejects.toThrow('bad yaml');
    expect(events).toHaveLength(1);
  });

  it('rejects pending and later calls when the socket closes', async () => {
    const socket = new FakeSocket();
    const host = createHostClient(createWebSocketTransport(() => socket));
    socket.emit('open');
    const pending = host.listRuns({});
    socket.emit('close');
    await expect(pending).rejects.toThrow(/connection .* lost/);
    await expect(host.listRuns({})).rejects.toThrow(/connection .* lost/);
  });
});
