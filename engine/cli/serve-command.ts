/**
 * `serve [--port N] [--workspace DIR]`: the engine as a headless service on 127.0.0.1 (issue #12
 * part 2, engine/host/serve.ts). Prints its URL (`http://127.0.0.1:<port>`) as the first line of
 * stdout, then runs until SIGTERM or SIGINT, which stop it gracefully (exit 0): no new requests or
 * firings, steps in flight aborted, every run left resumable.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { startServe } from '../host/serve.js';
import { defaultDbPath } from '../service/paths.js';
import { UsageError } from './errors.js';
import { cliWorkspace } from './trust-context.js';

/** The port `serve` listens on unless `--port` says otherwise: 0, any free port (as `web`). */
export const DEFAULT_SERVE_PORT = 0;

/** Registers `serve` on `program`. */
export function registerServe(program: Command, global: () => { db?: string }): void {
  program
    .command('serve')
    .description('run the engine as a service on 127.0.0.1: drives unfinished runs, fires cron and webhook triggers, answers callbacks')
    .option('--port <n>', 'port to listen on (0 = any free port)', String(DEFAULT_SERVE_PORT))
    .option('--workspace <dir>', 'the folder whose flows may run and whose triggers fire (default: $FLOWSMITH_WORKSPACE, else the current folder)')
    .action(async (o: { port: string; workspace?: string }) => {
      const port = Number(o.port);
      if (!/^\d+$/.test(o.port) || port > 65535) throw new UsageError(`--port ${o.port} is not a port number (0-65535; 0 = any free port)`);
      const root = cliWorkspace(o.workspace) ?? resolve('.');
      if (!existsSync(root) || !statSync(root).isDirectory()) throw new UsageError(`the workspace ${root} is not a folder; give one with --workspace DIR`);
      let serve;
      try {
        serve = await startServe({ db: global().db ?? defaultDbPath(), root, port });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new UsageError(`port ${port} on 127.0.0.1 is taken; pick another with --port N, or 0 for any free port`);
        throw err;
      }
      process.stdout.write(`${serve.url}\n`);
      process.stderr.write(`Flowsmith serves ${root} at the URL above (127.0.0.1 only). Stop it with Ctrl+C or SIGTERM.\n`);
      const stop = (signal: string) => {
        process.stderr.write(`flowsmith: ${signal}: stopping; unfinished runs resume when the engine starts again\n`);
        void serve.close().then(() => process.exit(0));
      };
      process.once('SIGINT', () => stop('SIGINT'));
      process.once('SIGTERM', () => stop('SIGTERM'));
      // Runs until a signal: the HTTP server keeps the event loop alive.
    });
}
