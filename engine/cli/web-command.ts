/**
 * `web [PATH] [--port N]`: serves the designer; prints its URL, with token, as the first line of stdout.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { startEngine } from '../host/engine-client.js';
import { defaultDbPath } from '../service/paths.js';
import { startWebHost } from '../host/web-host.js';
import { UsageError } from './errors.js';

/** Registers `web` on `program`. The process runs until interrupted. */
export function registerWeb(program: Command, global: () => { db?: string }): void {
  program
    .command('web [path]')
    .description('serve the designer on 127.0.0.1; PATH is a flow file to open or a workspace folder')
    .option('--port <n>', 'port to listen on (0 = any free port)', '0')
    .action(async (path: string | undefined, o: { port: string }) => {
      const target = resolve(path ?? '.');
      if (!existsSync(target)) throw new UsageError(`${target} does not exist; give a flow file or a folder`);
      const isFile = statSync(target).isFile();
      const port = Number(o.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port ${o.port} is not a port number`);
      const args = ['--db', global().db ?? defaultDbPath(), '--root', isFile ? dirname(target) : target];
      if (isFile) args.push('--open', target);
      const engine = startEngine(args);
      const host = await startWebHost(engine, port);
      process.stdout.write(`${host.url}\n`);
      process.stderr.write('Flowsmith designer is served at the URL above (127.0.0.1 only). Press Ctrl+C to stop.\n');
      const stop = () => {
        engine.close();
        void host.close().then(() => process.exit(0));
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
      engine.child.on('exit', (code) => {
        process.stderr.write(`flowsmith: the engine process exited (${code}); stopping the web host\n`);
        void host.close().then(() => process.exit(1));
      });
    });
}
