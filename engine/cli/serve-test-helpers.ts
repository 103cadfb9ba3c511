/**
 * Test support for the `flowsmith serve` suites (serve.test.ts, serve.durability.test.ts): a
 * workspace with flows whose steps wait on gate files (no sleeps in the tests: a test opens a gate
 * when it wants a step to go on), a spawned serve process from a private bundle of today's CLI,
 * and JSON over real HTTP.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { execa } from 'execa';
import type { Json } from '../model/flow.js';
import { privateBundles } from '../host/private-bundle.js';

export const SECRET = 'serve-test-secret-4f9a2c';

/** A temporary folder with `workspace/`, `gates/`, `runs/` and the store path. */
export interface ServeWorld {
  dir: string;
  root: string;
  gates: string;
  db: string;
  env: Record<string, string>;
}

export function serveWorld(prefix: string): ServeWorld {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const root = join(dir, 'workspace');
  const gates = join(dir, 'gates');
  mkdirSync(root);
  mkdirSync(gates);
  return {
    dir,
    root,
    gates,
    db: join(dir, 'store.db'),
    env: { FLOWSMITH_USER: 'tester', FLOWSMITH_WORK_ROOT: join(dir, 'runs'), HOOK_SECRET: SECRET },
  };
}

/**
 * Writes `<root>/<file>.yaml`: step `wait` appends its shell's pid to `<gates>/<file>.started`, waits until
 * `<gates>/<file>.open` exists, and echoes `$input.who`; `extra` lines go under `triggers:`.
 */
export function gatedFlow(world: ServeWorld, file: string, triggers: string[], extraSteps: string[] = []): string {
  const path = join(world.root, `${file}.yaml`);
  const gate = join(world.gates, `${file}.open`);
  const started = join(world.gates, `${file}.started`);
  writeFileSync(
    path,
    [
      'flowsmith: "1.0"',
      `name: ${file}`,
      'inputs: {type: object, properties: {who: {type: string, default: nobody}, n: {type: integer}}}',
      'triggers:',
      ...triggers.map((t) => `  - ${t}`),
      'start: wait',
      'steps:',
      `  wait: {type: task, shell: 'echo $$ >> ${started}; while [ ! -f ${gate} ]; do sleep 0.05; done; echo "hello {{ $input.who }}"'${extraSteps.length ? ', next: after' : ''}}`,
      ...extraSteps.map((s) => `  ${s}`),
      '',
    ].join('\n'),
  );
  return path;
}

/** Opens the gate of flow `file`. */
export function openGate(world: ServeWorld, file: string): void {
  writeFileSync(join(world.gates, `${file}.open`), '');
}

let bundle: Promise<{ cli: string; engine: string }> | undefined;

/** Today's CLI and engine process, bundled once per test file. */
export function serveBundles(dir: string): Promise<{ cli: string; engine: string }> {
  bundle ??= privateBundles(join(dir, 'build'), { cli: 'engine/cli/main.ts', engine: 'engine/host/engine-process.ts' });
  return bundle;
}

/** A spawned `flowsmith serve`. */
export interface ServeProcess {
  child: ChildProcess;
  url: string;
  /** Everything it wrote to stderr so far. */
  stderr(): string;
  /** Resolves with the exit code (null when killed by a signal) and the signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Spawns `flowsmith serve --port 0 --workspace <root>` and resolves once it printed its URL. */
export async function spawnServe(world: ServeWorld, cli: string, env: Record<string, string> = {}): Promise<ServeProcess> {
  const child = spawn('node', [cli, '--db', world.db, 'serve', '--port', '0', '--workspace', world.root], {
    env: { ...process.env, ...world.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    void exited.then((e) => reject(new Error(`serve exited (${e.code ?? e.signal}) before printing its URL:\n${err}`)));
  });
  return { child, url, stderr: () => err, exited };
}

/** Runs the CLI once (not serve). */
export function cliOnce(world: ServeWorld, cli: string, args: string[]) {
  return execa('node', [cli, '--db', world.db, ...args], { reject: false, env: world.env });
}

/** POSTs `body` as JSON (or `raw` text) to `url` with the bearer `secret`; resolves with the status and parsed JSON answer. */
export async function post(url: string, body: Json, options: { secret?: string | null; contentType?: string; raw?: string } = {}): Promise<{ status: number; json: Record<string, Json> }> {
  const headers: Record<string, string> = { 'content-type': options.contentType ?? 'application/json' };
  const secret = options.secret === undefined ? SECRET : options.secret;
  if (secret !== null) headers['authorization'] = `Bearer ${secret}`;
  const res = await fetch(url, { method: 'POST', headers, body: options.raw ?? JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Record<string, Json> };
}
