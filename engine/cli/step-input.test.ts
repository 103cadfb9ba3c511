/**
 * Step inputs in the run record (issue #12 point 4), through the built CLI on a real store: each
 * task attempt's resolved command, http request, notify message and script bindings are journaled
 * and shown by `show --json`, `show` and `logs`; secret values (a referenced `$env` variable, and a
 * TOKEN/SECRET-named variable the shell inherits) appear nowhere in the store's bytes.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunRecord } from '../runtime/record.js';

const root = resolve(import.meta.dirname, '../..');
const cli = join(root, 'dist/engine/cli.js');
const TOKEN = 'tok-9f8e7d6c5b4a-secret';
const INHERITED = 'inherited-api-secret-0042';
let dir: string;
let seenAuth = '';
const server = createServer((req, res) => {
  seenAuth = req.headers.authorization ?? '';
  res.setHeader('content-type', 'application/json');
  res.end('{"ok":true}');
});

const flowsmith = (args: string[]) =>
  execa('node', [cli, '--db', join(dir, 'store.db'), ...args], {
    reject: false,
    env: { FLOWSMITH_WORK_ROOT: join(dir, 'runs'), DEPLOY_TOKEN: TOKEN, API_SECRET: INHERITED },
  });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fs-input-'));
  if (!existsSync(cli)) await execa('node', ['scripts/build-engine.mjs'], { cwd: root });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as AddressInfo).port;
  writeFileSync(
    join(dir, 'inputs.yaml'),
    [
      'flowsmith: "1.0"',
      'name: inputs',
      'vars: {target: staging}',
      'start: deploy',
      'steps:',
      '  deploy:',
      '    type: task',
      '    shell: "echo deploying to {{ $vars.target }} with {{ $env.DEPLOY_TOKEN }} and $API_SECRET"',
      '    next: call-api',
      '  call-api:',
      '    type: task',
      `    http: {method: POST, url: "http://127.0.0.1:${port}/deploy/{{ $vars.target }}", headers: {Authorization: "Bearer {{ $env.DEPLOY_TOKEN }}", X-Target: "{{ $vars.target }}"}, body: {target: "{{ $vars.target }}", token: "{{ $env.DEPLOY_TOKEN }}"}}`,
      '    next: tell',
      '  tell:',
      '    type: task',
      '    notify: {message: "deployed {{ $vars.target }} (token {{ $env.DEPLOY_TOKEN }})"}',
      '    next: sum',
      '  sum:',
      '    type: task',
      '    script: "return $vars.target.length"',
      '',
    ].join('\n'),
  );
}, 60_000);

afterAll(() => server.close());

describe('step inputs', () => {
  it('records each attempt’s resolved input, secrets redacted, and keeps the secrets out of the store file', async () => {
    const ran = await flowsmith(['run', join(dir, 'inputs.yaml'), '--json']);
    expect(ran.stderr).toBe('');
    const record = JSON.parse(ran.stdout) as RunRecord;
    expect(record.status).toBe('succeeded');
    expect(seenAuth).toBe(`Bearer ${TOKEN}`); // the request itself carried the real token

    const shown = JSON.parse((await flowsmith(['show', record.id, '--json'])).stdout) as RunRecord;
    expect(shown.steps.deploy!.input).toEqual({ shell: { command: 'echo deploying to "staging" with "***DEPLOY_TOKEN***" and $API_SECRET' } });
    expect(shown.steps['call-api']!.input).toMatchObject({
      http: {
        method: 'POST',
        url: expect.stringMatching(/\/deploy\/staging$/),
        headers: { Authorization: 'Bearer ***', 'X-Target': 'staging' },
        body: { target: 'staging', token: '***DEPLOY_TOKEN***' },
      },
    });
    expect(shown.steps.tell!.input).toMatchObject({ notify: { message: 'deployed staging (token ***DEPLOY_TOKEN***)' } });
    expect(shown.steps.sum!.input).toMatchObject({ script: { bindings: { vars: { target: 'staging' } } } });

    const text = (await flowsmith(['show', record.id])).stdout;
    expect(text).toContain('$ echo deploying to "staging" with "***DEPLOY_TOKEN***"');
    expect(text).toMatch(/POST http:\/\/127\.0\.0\.1:\d+\/deploy\/staging/);
    expect(text).toMatch(/^  started by \S+ \(cli\)$/m);
    const logs = (await flowsmith(['logs', record.id, 'deploy'])).stdout;
    expect(logs).toContain('── deploy (attempt 1)\ninput: {"shell":{"command":"echo deploying to \\"staging\\" with \\"***DEPLOY_TOKEN***\\" and $API_SECRET"}}\n');
    expect(logs).toContain('***API_SECRET***'); // the inherited secret, printed by the shell, is redacted in the log

    // No byte of either secret in the store (the db and its WAL/SHM files).
    for (const file of readdirSync(dir).filter((f) => f.startsWith('store.db'))) {
      const bytes = readFileSync(join(dir, file));
      expect(bytes.includes(TOKEN), file).toBe(false);
      expect(bytes.includes(INHERITED), file).toBe(false);
    }
  });
});
