import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Bindings } from '../expr/index.js';
import { testContext, type TestContext } from './test-helpers.js';
import { runTaskBody } from './task-body.js';

let server: Server;
let hook: string;
const bodies: string[] = [];
let t: TestContext;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      bodies.push(body);
      res.end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  hook = `http://127.0.0.1:${(server.address() as AddressInfo).port}/services/T0/B0/secret`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});
afterEach(() => {
  bodies.length = 0;
  t?.cleanup();
});

function bindings(): Bindings {
  return {
    input: { version: '1.4.2', replicas: 3 },
    vars: { app: 'shop', hook },
    steps: { build: { output: { artifact: 'shop.tgz' }, status: 'succeeded' } },
    run: { id: 'run-1', flow: 'web-app-deploy', startedAt: '2025-01-01T00:00:00.000Z' },
    error: null,
  };
}

describe('runTaskBody', () => {
  it('runs a script with the run bindings, leaving {{ }} in its code alone', async () => {
    t = testContext();
    const body = { script: { code: 'return { total: $input.replicas * 2, artifact: $steps.build.output.artifact, run: $run, item: $item, literal: "{{ $input.version }}" }', memoryMb: 32 } };
    await expect(runTaskBody(body, bindings(), t.ctx)).resolves.toEqual({
      total: 6,
      artifact: 'shop.tgz',
      run: { id: 'run-1', flow: 'web-app-deploy', startedAt: '2025-01-01T00:00:00.000Z' },
      item: null,
      literal: '{{ $input.version }}',
    });
    await expect(runTaskBody({ script: '$vars.app.toUpperCase()' }, bindings(), t.ctx)).resolves.toBe('SHOP');
  });

  it('interpolates a notify body and posts it to the webhook', async () => {
    t = testContext();
    const body = { notify: { title: '{{ $vars.app }}', message: 'v{{ $input.version }} is live on {{ $input.replicas }} replicas', webhook: '{{ $vars.hook }}', format: 'slack' as const } };
    await expect(runTaskBody(body, bindings(), t.ctx)).resolves.toEqual({ delivered: ['webhook'], status: 200 });
    expect(bodies).toEqual(['{"text":"*shop*\\nv1.4.2 is live on 3 replicas"}']);
  });

  it('still refuses call bodies as Unsupported', async () => {
    t = testContext();
    await expect(runTaskBody({ call: 'child.yaml' }, bindings(), t.ctx)).rejects.toMatchObject({ name: 'Unsupported' });
  });
});
