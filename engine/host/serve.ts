/**
 * `flowsmith serve`: the engine as a headless local service (issue #12 part 2; DESIGN.md
 * "Interfaces"). On one store and one workspace folder it
 *
 * - drives every unfinished run nobody else drives: at start (like the engine process) and again
 *   every `sweepMs`, so a run the CLI left waiting for an approval, or a designer that closed
 *   mid-run, is carried on here (its timers and deadlines fire, a `flowsmith approve` from a
 *   terminal is handed to this process through the run lease, service/run-lease.ts);
 * - fires the workspace's cron triggers (triggers.ts) while it holds the workspace's trigger lease
 *   (trigger-lease.ts: one process fires them; serve takes precedence over a designer's engine);
 * - answers webhooks and callbacks over HTTP on 127.0.0.1 (serve-http.ts, serve-hooks.ts);
 * - applies each trigger's concurrency policy (trigger-policy.ts).
 *
 * `close()` stops accepting requests and firing, aborts the steps in flight without journaling
 * their results and releases every lease: the runs stay resumable by the next serve, the designer
 * or `flowsmith resume`.
 */
import { resolve } from 'node:path';
import type { RunId } from '../runtime/events.js';
import { isOwnerGone } from '../service/run-lease.js';
import { RunService } from '../service/run-service.js';
import type { CallbackReply } from '../service/run-service.js';
import { trustOf, trustOfFile } from '../service/trust.js';
import { openJournal } from '../store/journal.js';
import type { Journal } from '../store/journal.js';
import { HttpError, startServeHttp } from './serve-http.js';
import type { CallbackHandler } from './serve-http.js';
import { webhookRoute } from './serve-hooks.js';
import { TriggerLease } from './trigger-lease.js';
import { TriggerPolicy } from './trigger-policy.js';
import { TriggerScheduler } from './triggers.js';

export interface ServeOptions {
  /** The store file. */
  db: string;
  /** The workspace folder: its flow files' triggers fire, its flows may run for real. */
  root: string;
  /** 127.0.0.1 port; 0 picks a free one. */
  port: number;
  /** Where webhook secrets are read; default process.env. */
  env?: NodeJS.ProcessEnv;
  /** How often unfinished runs nobody drives are picked up (ms); default 2,000. */
  sweepMs?: number;
  /** How often a queued trigger firing looks whether it may start (ms); default 250. */
  queuePollMs?: number;
  /** Where problems for the operator go; default stderr with a `flowsmith: ` prefix. */
  report?: (message: string) => void;
}

/** A running service. */
export interface Serve {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  journal: Journal;
  service: RunService;
  scheduler: TriggerScheduler;
  triggerLease: TriggerLease;
  /** Stops accepting and firing, stops driving (runs stay resumable) and releases every lease. */
  close(): Promise<void>;
}

/** How long requests in progress may take to finish when serve stops (ms). */
const CLOSE_GRACE_MS = 3_000;

/** A heartbeat older than this (ms) is stale (service/run-lease.ts default). */
const LEASE_STALE_MS = 10_000;

/** Starts the service. Rejects when the port is taken or the store cannot be opened (StoreError). */
export async function startServe(options: ServeOptions): Promise<Serve> {
  const root = resolve(options.root);
  const report = options.report ?? ((m: string) => process.stderr.write(`flowsmith: ${m}\n`));
  // The sweep repeats every few seconds: each problem is reported once.
  const sweepProblems = new Set<string>();
  const reportOnce = (m: string) => {
    if (!sweepProblems.has(m)) report(m);
    sweepProblems.add(m);
  };
  const journal = openJournal(options.db);
  const isTrusted = (path: string) => trustOfFile(path, { workspaceRoot: root, journal }).trusted;
  const policy = new TriggerPolicy({ journal, report, ...(options.queuePollMs ? { pollMs: options.queuePollMs } : {}) });
  const service = new RunService({
    journal,
    trust: (path, flow) => trustOf(path, flow, { workspaceRoot: root, journal }),
    // A run's end may let a queued firing of its trigger start.
    onEvent: (_run, _seq, event) => {
      if (event.type === 'RunSucceeded' || event.type === 'RunFailed' || event.type === 'RunCancelled') queueMicrotask(() => policy.pump());
    },
  });
  const triggerLease = new TriggerLease({ journal, root, isService: true });
  const scheduler = new TriggerScheduler({ root, service, shouldSchedule: isTrusted, mayFire: () => triggerLease.holds(), policy, report });
  const answerCallback = callbackHandlerOf(service);
  const hook = webhookRoute({ root, service, policy, isTrusted, report, ...(options.env ? { env: options.env } : {}) });
  let closing: Promise<void> | null = null;
  const http = await startServeHttp(
    {
      // Requests that arrive while stopping start nothing: the caller may retry when serve is back.
      hook: (req) => (closing ? Promise.reject(new HttpError(503, 'flowsmith serve is stopping; try again when it is back')) : hook(req)),
      answerCallback,
    },
    options.port,
  );
  triggerLease.holds(); // at once (once the port is ours), so a designer's engine stops firing before our first firing
  const sweep = () => {
    try {
      driveUnfinished(journal, service, reportOnce);
    } catch (err) {
      reportOnce(`cannot look for unfinished runs: ${(err as Error).message}`);
    }
  };
  sweep();
  const sweeper = setInterval(sweep, options.sweepMs ?? 2_000);
  scheduler.start();

  return {
    url: http.url,
    journal,
    service,
    scheduler,
    triggerLease,
    close: () =>
      (closing ??= (async () => {
        clearInterval(sweeper);
        scheduler.stop();
        policy.stop();
        triggerLease.release();
        // Requests in progress may finish (at most CLOSE_GRACE_MS), then the rest are cut.
        const closed = http.close();
        const grace = new Promise((resolve) => setTimeout(resolve, CLOSE_GRACE_MS).unref());
        await Promise.race([closed, grace]);
        http.server.closeAllConnections();
        await closed;
        service.stopDriving('flowsmith serve is stopping; the run resumes where it left off');
      })()),
  };
}

/**
 * Drives on every unfinished top-level run that no live process drives (its lease is free, stale,
 * or its owner is gone). Runs this service drives already, paused runs, and child runs (their
 * parent's map or call step drives them; their ids hold `:`) are skipped without reading their journals.
 */
export function driveUnfinished(journal: Journal, service: RunService, report: (m: string) => void): RunId[] {
  const picked: RunId[] = [];
  const now = Date.now();
  for (const id of journal.unfinishedRuns()) {
    if (id.includes(':')) continue; // child ids are derived: <parent>:<step>:<activation>.<attempt>:<index>
    // A paused run waits for a person's continue, which whoever gives it drives (RunService.request).
    if (journal.run(id)?.status === 'paused') continue;
    const held = journal.leases.holder(id);
    if (held && (held.owner === service.owner || (held.heartbeatAt > now - LEASE_STALE_MS && !isOwnerGone(held.owner)))) continue;
    try {
      const driver = service.open(id);
      if (driver.state.parent) continue;
      service.driveInBackground(driver);
      if (journal.leases.holder(id)?.owner === service.owner) picked.push(id);
    } catch (err) {
      report(`cannot drive run ${id}: ${(err as Error).message}`);
    }
  }
  return picked;
}

/** RunService.answerCallback as the HTTP route's handler: the run it answers is driven on in the background. */
function callbackHandlerOf(service: RunService): CallbackHandler {
  return (token, body) => {
    const driver = service.answerCallback(token, body as CallbackReply);
    service.driveInBackground(driver);
    return driver;
  };
}
