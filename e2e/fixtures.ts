/**
 * Test fixtures: `webHost(template)` copies a template to a temporary folder and starts
 * `flowsmith web <copy> --port 0 --db <tmp>/flowsmith.db` on it, reading the URL (with its token)
 * from the first line of stdout (DESIGN.md "Interfaces"). Each host is stopped after its test.
 */
import { test as base, expect } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { DesignerPage } from './pages/designer';

const root = fileURLToPath(new URL('..', import.meta.url));
/** The CLI under test; FLOWSMITH_CLI points the suite at another build. */
const cli = process.env.FLOWSMITH_CLI ?? join(root, 'dist/engine/cli.js');
const START_TIMEOUT_MS = 20_000;

/** A running web host over a temporary copy of a template. */
export interface WebHostHandle {
  /** `http://127.0.0.1:PORT/?token=…` */
  url: string;
  /** The temporary folder holding the copy and the store. */
  dir: string;
  /** Absolute path of the copied flow file (what the designer opens and saves). */
  flowPath: string;
}

/** The path of a shipped template by name. */
export function templatePath(name: string): string {
  return join(root, 'resources/templates', `${name}.yaml`);
}

async function firstLine(child: ChildProcess, stderr: () => string): Promise<string> {
  if (!child.stdout) throw new Error('web host has no stdout');
  const lines = createInterface({ input: child.stdout });
  return new Promise((resolveLine, reject) => {
    const timer = setTimeout(() => reject(new Error(`web host printed no URL within ${START_TIMEOUT_MS} ms\n${stderr()}`)), START_TIMEOUT_MS);
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolveLine(line.trim());
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`web host exited with ${code} before printing its URL\n${stderr()}`));
    });
  });
}

/** Ends the host and everything it started (it leads its own process group). */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const gone = new Promise<void>((r) => child.once('exit', () => r()));
  const kill = (signal: NodeJS.Signals) => {
    try {
      process.kill(-(child.pid as number), signal);
    } catch {
      // already gone
    }
  };
  kill('SIGTERM');
  const timer = setTimeout(() => kill('SIGKILL'), 3000);
  await gone;
  clearTimeout(timer);
}

export const test = base.extend<{
  webHost: (template: string) => Promise<WebHostHandle>;
  designer: DesignerPage;
}>({
  webHost: async ({}, use) => {
    if (!existsSync(cli)) throw new Error(`${cli} is missing; run: npm run build`);
    const started: { child: ChildProcess; dir: string }[] = [];
    await use(async (template) => {
      const dir = mkdtempSync(join(tmpdir(), 'flowsmith-e2e-'));
      const flowPath = join(dir, `${template}.yaml`);
      copyFileSync(templatePath(template), flowPath);
      const child = spawn(process.execPath, [cli, 'web', flowPath, '--port', '0', '--db', join(dir, 'flowsmith.db')], {
        cwd: dir,
        env: { ...process.env, FLOWSMITH_WORK_ROOT: join(dir, 'runs') },
        detached: true, // own process group, so stop() also ends the engine process and shell steps
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      started.push({ child, dir });
      let err = '';
      child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
      const url = await firstLine(child, () => err);
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/);
      return { url, dir, flowPath };
    });
    for (const { child, dir } of started) {
      await stop(child);
      rmSync(dir, { recursive: true, force: true });
    }
  },
  designer: async ({ page }, use) => {
    await use(new DesignerPage(page));
  },
});

export { expect };
