/**
 * Entry of the engine process (DESIGN.md "Architecture"): forked by the web host
 * (child_process.fork) or by Electron's main process (utilityProcess.fork). Serves HostApi over
 * the parent's message channel and pushes HostEvents. Arguments: --db FILE --root DIR [--open FILE].
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openJournal } from '../store/journal.js';
import type { HostEvent } from './api.js';
import { createHostApi } from './host-api.js';
import { defaultDbPath } from './paths.js';
import { handleRequest, isRequest } from './rpc.js';
import type { RpcMessage } from './rpc.js';
import { RunService } from './run-service.js';

interface ParentPort {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

const { values } = parseArgs({
  options: { db: { type: 'string' }, root: { type: 'string' }, open: { type: 'string' } },
  strict: false,
});

// Electron's utilityProcess gives process.parentPort; child_process.fork gives process.send.
const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
const send = (m: RpcMessage) => (parentPort ? parentPort.postMessage(m) : process.send?.(m));
const emit = (event: HostEvent) => send({ event });

const journal = openJournal(typeof values.db === 'string' ? values.db : defaultDbPath());
const service = new RunService({
  journal,
  onEvent: (run, seq, event) => emit({ kind: 'runEvent', run, seq, event }),
  onLog: (run, step, attempt, stream, text) => emit({ kind: 'stepLog', run, step, attempt, stream, text }),
});
const root = resolve(typeof values.root === 'string' ? values.root : process.cwd());
const api = createHostApi(service, { root, openPath: typeof values.open === 'string' ? resolve(values.open) : null });

async function onMessage(message: unknown): Promise<void> {
  if (isRequest(message)) send(await handleRequest(api, message));
}

if (parentPort) parentPort.on('message', (e) => void onMessage(e.data));
else process.on('message', (m) => void onMessage(m));
// Opening the designer continues every unfinished run (DESIGN.md "Durability").
service.resumeUnfinished();

// The parent going away (closed IPC channel) ends the engine; committed journal entries stay.
process.on('disconnect', () => process.exit(0));
