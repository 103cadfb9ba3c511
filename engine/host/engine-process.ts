/**
 * Entry of the engine process (DESIGN.md "Architecture"): forked by the web host
 * (child_process.fork) or by Electron's main process (utilityProcess.fork). Serves HostApi over
 * the parent's message channel and pushes HostEvents. Arguments: --db FILE --root DIR [--open FILE]
 * [--no-triggers]. While it runs, the cron triggers of the flows in --root fire (triggers.ts).
 * Besides HostApi requests it takes one parent-only message, `{ id, grant: { path } }` (rpc.ts),
 * by which Electron's main process allows a path the user picked in a native dialog.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { StepId } from '../model/flow.js';
import type { RunEvent, RunId } from '../runtime/events.js';
import { RunTail } from './run-tail.js';
import { openJournal } from '../store/journal.js';
import type { HostEvent } from './api.js';
import { createHostApi } from './host-api.js';
import { FileAccess } from './file-access.js';
import { defaultDbPath, templatesDir } from '../service/paths.js';
import { handleRequest, isGrant, isRequest, toHostError } from './rpc.js';
import type { RpcMessage } from './rpc.js';
import { RunService } from '../service/run-service.js';
import { RunWatches, runSummaryEvent } from './run-watches.js';
import { toVirtualTime } from './clock-api.js';
import { TriggerScheduler } from './triggers.js';
import { TriggerLease } from './trigger-lease.js';
import { TriggerPolicy } from './trigger-policy.js';
import { trustOf, trustOfFile } from '../service/trust.js';

interface ParentPort {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

const { values } = parseArgs({
  options: { db: { type: 'string' }, root: { type: 'string' }, open: { type: 'string' }, 'no-triggers': { type: 'boolean' } },
  strict: false,
});

// Electron's utilityProcess gives process.parentPort; child_process.fork gives process.send.
const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
const send = (m: RpcMessage) => (parentPort ? parentPort.postMessage(m) : process.send?.(m));
const emit = (event: HostEvent) => send({ event });
// Run events go out only for runs the window watches (once it watches any); summaries always.
// Runs another process drives (the CLI) are streamed from the journal (run-tail.ts).
const watches = new RunWatches((run) => tail.watch(run));
const emitWatched = (event: HostEvent) => {
  if (watches.passes(event)) emit(event);
};

/**
 * Desktop notifications of notify steps go to the connected window(s) as a HostEvent; Electron's
 * main process shows them natively, the web host's page in the browser. `origin` is the step that
 * asked, when the runtime passes it (RunServiceOptions.notifyDesktop has title and message only).
 */
async function notifyDesktop(title: string, message: string, origin?: { run: RunId; step: StepId }): Promise<void> {
  emit({ kind: 'notification', title, message, ...(origin ? { run: origin.run, step: origin.step } : {}) });
}

const journal = openJournal(typeof values.db === 'string' ? values.db : defaultDbPath());
/** Sends a journaled event of `run` to the clients watching it, and its summary to everyone. */
function emitRunEvent(run: RunId, seq: number, event: RunEvent): void {
  emitWatched({ kind: 'runEvent', run, seq, event });
  const summary = runSummaryEvent(run, event);
  if (summary) emit(summary);
}
// History rows of runs other processes start or move, once a second (the newest 50 top-level runs).
const tail = new RunTail(journal, () => watches.watched(), emitRunEvent, { summaries: () => service.summaries({ limit: 50 }), emit });
const root = resolve(typeof values.root === 'string' ? values.root : process.cwd());
// Trigger concurrency (forbid/queue) is decided over the journal; a run's end may start a queued firing.
const policy = new TriggerPolicy({ journal });
const service = new RunService({
  journal,
  onEvent: (run, seq, event) => {
    if (event.type === 'RunSucceeded' || event.type === 'RunFailed' || event.type === 'RunCancelled') queueMicrotask(() => policy.pump());
    tail.saw(run, seq);
    emitRunEvent(run, seq, event);
  },
  onLog: (run, step, attempt, stream, text) => emitWatched({ kind: 'stepLog', run, step, attempt, stream, text }),
  // Designer simulations hold their virtual clock while an approval waits (issue #9 point 7).
  simulationPace: { kind: 'held' },
  via: 'designer',
  onClock: (run, info) => emitWatched({ kind: 'clock', run, ...toVirtualTime(info) }),
  notifyDesktop,
  // Imported flows and flows outside the workspace only simulate until trusted (DESIGN.md "Security").
  trust: (path, flow) => trustOf(path, flow, { workspaceRoot: root, journal }),
});
// The workspace's cron triggers fire while this process runs (issue #3); --no-triggers turns them off.
// One process fires a workspace's triggers: this one while no `flowsmith serve` (or another engine
// process) on the same store and folder does (trigger-lease.ts; serve takes precedence).
const triggerLease = new TriggerLease({ journal, root, isService: false });
const triggers = new TriggerScheduler({
  root,
  service,
  shouldSchedule: (path) => trustOfFile(path, { workspaceRoot: root, journal }).trusted,
  mayFire: () => triggerLease.holds(),
  policy,
  isFiredByServe: () => triggerLease.isHeldByServe(),
});
const openPath = typeof values.open === 'string' ? resolve(values.open) : null;
// HostApi reads and writes the workspace, the templates (read-only) and picked paths only (file-access.ts).
const access = new FileAccess({ root, templates: templatesDir });
if (openPath) access.grant(openPath); // the file the user started us with
const api = createHostApi(service, { root, openPath }, { triggers, access, watches });

async function onMessage(message: unknown): Promise<void> {
  if (isRequest(message)) send(await handleRequest(api, message));
  else if (isGrant(message)) {
    // Only our parent can send this: the transports forward hostMethods only (rpc.ts RpcGrant).
    try {
      access.grant(message.grant.path);
      send({ id: message.id, result: null });
    } catch (err) {
      send({ id: message.id, error: toHostError(err) });
    }
  }
}

if (parentPort) parentPort.on('message', (e) => void onMessage(e.data));
else process.on('message', (m) => void onMessage(m));
// Opening the designer continues every unfinished run (DESIGN.md "Durability").
service.resumeUnfinished();
// Firings missed while no engine process ran are not made up: croner schedules from now on.
if (values['no-triggers'] !== true) triggers.start();
tail.start();

// The parent going away (closed IPC channel) ends the engine; committed journal entries stay.
process.on('exit', () => {
  triggers.stop();
  policy.stop();
  triggerLease.release();
  tail.stop();
});
process.on('disconnect', () => process.exit(0));
