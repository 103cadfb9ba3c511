/**
 * Electron main (issue #10 point 5) with a stubbed `electron` module: the IPC relay to the engine
 * process, the sender checks, the CSP and permission hooks, and the navigation lock. Each test loads
 * main.ts afresh, plays the renderer (calls on 'host:call'/'host:pick') and the engine process
 * (spawn, replies, events, exit).
 */
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeEvent, fakeElectron, FakeWebContents, type ElectronFake, type FakeBrowserWindow } from './test-helpers.js';

/** Lets promise callbacks run (app.whenReady().then, the relay's awaits). Not a timer. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

interface Loaded {
  fake: ElectronFake;
  win: FakeBrowserWindow;
  /** An invoke event from our window's main frame. */
  own: { sender: unknown; senderFrame: unknown };
  call(event: unknown, method: unknown, params?: unknown): Promise<unknown>;
  pick(event: unknown, kind: unknown, defaultName?: unknown): Promise<unknown>;
}

async function loadMain(): Promise<Loaded> {
  const fake = fakeElectron();
  vi.resetModules();
  vi.doMock('electron', () => fake.module);
  await import('./main.js');
  await settle();
  const win = fake.windows[0]!;
  const own = { sender: win.webContents, senderFrame: win.webContents.mainFrame };
  return {
    fake,
    win,
    own,
    call: async (event, method, params) => fake.handlers.get('host:call')!(event, method, params),
    pick: async (event, kind, defaultName) => fake.handlers.get('host:pick')!(event, kind, defaultName),
  };
}

afterEach(() => {
  vi.doUnmock('electron');
});

describe('IPC relay to the engine process', () => {
  it('starts the engine at ready, queues calls until it has spawned, and returns its answer', async () => {
    const m = await loadMain();
    expect(m.fake.engines).toHaveLength(1);
    const engine = m.fake.engines[0]!;
    const reply = m.call(m.own, 'getWorkspace', { x: 1 });
    await settle();
    expect(engine.posted).toEqual([]); // not spawned yet
    engine.emit('spawn');
    expect(engine.posted).toEqual([{ id: 1, method: 'getWorkspace', params: { x: 1 } }]);
    engine.emit('message', { id: 1, result: { root: '/w' } });
    await expect(reply).resolves.toEqual({ ok: true, result: { root: '/w' } });
  });

  it('passes engine errors as data and answers each call by its id', async () => {
    const m = await loadMain();
    const engine = m.fake.engines[0]!;
    engine.emit('spawn');
    const first = m.call(m.own, 'listRuns');
    const second = m.call(m.own, 'getWorkspace');
    await settle();
    expect(engine.posted).toEqual([
      { id: 1, method: 'listRuns', params: {} },
      { id: 2, method: 'getWorkspace', params: {} },
    ]);
    engine.emit('message', { id: 2, result: 'second' });
    engine.emit('message', { id: 1, error: { name: 'NotFound', message: 'no such run' } });
    await expect(first).resolves.toEqual({ ok: false, error: { name: 'NotFound', message: 'no such run' } });
    await expect(second).resolves.toEqual({ ok: true, result: 'second' });
  });

  it('answers pending calls with EngineExited when the engine dies, and forks a new one on the next call', async () => {
    const m = await loadMain();
    const engine = m.fake.engines[0]!;
    engine.emit('spawn');
    const reply = m.call(m.own, 'listRuns');
    await settle();
    engine.emit('exit', 134);
    await expect(reply).resolves.toMatchObject({ ok: false, error: { name: 'EngineExited' } });
    const again = m.call(m.own, 'listRuns');
    await settle();
    expect(m.fake.engines).toHaveLength(2);
    const next = m.fake.engines[1]!;
    next.emit('spawn');
    next.emit('message', { id: (next.posted[0] as { id: number }).id, result: [] });
    await expect(again).resolves.toEqual({ ok: true, result: [] });
  });

  it('pushes engine events to the window, shows notifications natively, and ignores malformed messages', async () => {
    const m = await loadMain();
    const engine = m.fake.engines[0]!;
    engine.emit('message', null);
    engine.emit('message', 'garbage');
    engine.emit('message', { id: 99, result: 'nobody asked' });
    engine.emit('message', { event: { kind: 'runSummary', run: 'r1' } });
    engine.emit('message', { event: { kind: 'notification', title: 'Deploy', message: 'done' } });
    engine.emit('message', { event: { kind: 'notification', title: 42, message: 'not shown' } });
    expect(m.win.webContents.sent.map((s) => s.channel)).toEqual(['host:event', 'host:event', 'host:event']);
    expect(m.win.webContents.sent[0]!.payload).toEqual({ kind: 'runSummary', run: 'r1' });
    expect(m.fake.notifications).toEqual([{ title: 'Deploy', body: 'done' }]);
  });

  it('kills the engine process when the app quits', async () => {
    const m = await loadMain();
    for (const listener of m.fake.appListeners.get('will-quit') ?? []) listener();
    expect(m.fake.engines[0]!.killed).toBe(true);
  });
});

describe('sender checks', () => {
  it('refuses calls from another page or from a subframe of our window', async () => {
    const m = await loadMain();
    const engine = m.fake.engines[0]!;
    engine.emit('spawn');
    const other = new FakeWebContents();
    await expect(m.call({ sender: other, senderFrame: other.mainFrame }, 'listRuns')).resolves.toMatchObject({ ok: false, error: { name: 'Forbidden' } });
    const subframe = { url: 'file:///app/renderer/index.html' }; // same URL, not the main frame
    await expect(m.call({ sender: m.win.webContents, senderFrame: subframe }, 'listRuns')).resolves.toMatchObject({ ok: false, error: { name: 'Forbidden' } });
    expect(engine.posted).toEqual([]);
  });

  it('refuses after the window closed', async () => {
    const m = await loadMain();
    m.win.emit('closed');
    await expect(m.call(m.own, 'listRuns')).resolves.toMatchObject({ ok: false, error: { name: 'Forbidden' } });
  });

  it.each([['grant'], ['__proto__'], ['constructor'], ['toString'], [42], [undefined]])('refuses method %s, which is not a HostApi method', async (method) => {
    const m = await loadMain();
    const engine = m.fake.engines[0]!;
    engine.emit('spawn');
    await expect(m.call(m.own, method, { path: '/etc/passwd' })).resolves.toMatchObject({ ok: false, error: { name: 'UnknownMethod' } });
    expect(engine.posted).toEqual([]);
  });

  it('shows no dialog for a pick from another page or of an unknown kind', async () => {
    const m = await loadMain();
    const other = new FakeWebContents();
    await expect(m.pick({ sender: other, senderFrame: other.mainFrame }, 'open')).resolves.toBeNull();
    await expect(m.pick(m.own, 'delete')).resolves.toBeNull();
    expect(m.fake.dialogsShown).toEqual([]);
  });

  it('grants a picked file to the engine (a message only main sends) and returns it once granted', async () => {
    const m = await loadMain();
    const engine = m.fake.engines[0]!;
    engine.emit('spawn');
    m.fake.nextPick = '/home/user/flows/deploy.yaml';
    const picked = m.pick(m.own, 'save', '../../etc/cron.d/evil.yaml');
    await settle();
    expect(m.fake.dialogsShown).toEqual(['save']);
    expect(engine.posted).toEqual([{ id: 1, grant: { path: '/home/user/flows/deploy.yaml' } }]);
    engine.emit('message', { id: 1, result: null });
    await expect(picked).resolves.toBe('/home/user/flows/deploy.yaml');
  });

  it('returns null when the engine refuses the grant or the dialog is cancelled', async () => {
    const m = await loadMain();
    const engine = m.fake.engines[0]!;
    engine.emit('spawn');
    m.fake.nextPick = '/somewhere/flow.yaml';
    const refused = m.pick(m.own, 'open');
    await settle();
    engine.emit('message', { id: 1, error: { name: 'NOT_ALLOWED', message: 'no' } });
    await expect(refused).resolves.toBeNull();
    m.fake.nextPick = undefined;
    await expect(m.pick(m.own, 'open')).resolves.toBeNull();
    expect(engine.posted).toHaveLength(1);
  });
});

describe('CSP and permissions', () => {
  it('sets a strict Content-Security-Policy on every response, replacing the page’s own', async () => {
    const m = await loadMain();
    let headers: Record<string, string[]> = {};
    m.fake.headersHook!({ responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': ["default-src *; script-src 'unsafe-eval'"] } }, (r) => {
      headers = r.responseHeaders;
    });
    expect(headers['Content-Type']).toEqual(['text/html']);
    const csp = headers['Content-Security-Policy'];
    expect(csp).toHaveLength(1);
    const directives = new Map(csp![0]!.split(';').map((d) => { const [name, ...values] = d.trim().split(/\s+/); return [name!, values]; }));
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]); // no inline scripts, no eval
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
  });

  it('denies every permission request', async () => {
    const m = await loadMain();
    const answers: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read']) m.fake.permissionHandler!({}, permission, (granted) => answers.push(granted));
    expect(answers).toEqual([false, false, false, false]);
  });
});

describe('navigation lock', () => {
  it('opens a sandboxed, context-isolated window without Node and loads the bundled page', async () => {
    const m = await loadMain();
    expect(m.win.options['webPreferences']).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false });
    expect(m.win.loaded).toMatch(/renderer[\\/]index\.html$/);
  });

  it('lets the window navigate only to its own page', async () => {
    const m = await loadMain();
    const index = pathToFileURL(m.win.loaded!).href;
    const navigate = (url: string) => {
      const event = fakeEvent();
      m.win.webContents.emit('will-navigate', event, url);
      return event.defaultPrevented;
    };
    expect(navigate(index)).toBe(false);
    expect(navigate(`${index}#/runs`)).toBe(false);
    expect(navigate('https://evil.example/')).toBe(true);
    expect(navigate('file:///etc/passwd')).toBe(true);
    expect(navigate('javascript:alert(1)')).toBe(true);
    expect(navigate('not a url')).toBe(true);
  });

  it('denies pop-ups and <webview> in every page', async () => {
    const m = await loadMain();
    expect(m.win.webContents.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    const event = fakeEvent();
    m.win.webContents.emit('will-attach-webview', event);
    expect(event.defaultPrevented).toBe(true);
  });
});
