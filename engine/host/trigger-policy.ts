/**
 * Trigger concurrency policy (issue #12 part 2; names as Argo CronWorkflow's and Kubernetes
 * CronJob's `concurrencyPolicy`): what a cron or webhook firing does while a run that the same
 * trigger started earlier is unfinished. `allow` starts another run, `forbid` skips the firing
 * (a webhook answers 409), `queue` starts it when the earlier run ends (first in, first out).
 *
 * "A run of this trigger" is an unfinished run of the same flow whose `RunStarted.trigger` names
 * the same trigger: the same `cron` and `timezone`, or the same `webhook` name. The journal decides,
 * so runs started by an earlier serve process (resumed after a restart) count too. Queued firings
 * live in this process's memory: a restart drops them (each is reported on stderr when dropped).
 */
import type { Json, JsonObject, TriggerConcurrency } from '../model/flow.js';
import type { RunId } from '../runtime/events.js';
import type { Journal } from '../store/journal.js';

/** Which trigger fired: `{cron, timezone?}` or `{webhook: name}` (the identity part of RunStarted.trigger). */
export type TriggerKey = { cron: string; timezone?: string } | { webhook: string };

/** One firing handed to the policy. */
export interface Firing {
  /** The flow's `name:` (runs are matched by it and the trigger key). */
  flow: string;
  key: TriggerKey;
  policy: TriggerConcurrency;
  /**
   * Starts the run now with id `id` (journals RunStarted, drives it in the background). Throws what
   * RunService.startRun throws; for a queued firing the error is reported, not thrown.
   */
  start(id: RunId): void;
  /** The id the run gets (known before a queued run starts, so a webhook can answer with it). */
  id: RunId;
}

/** What happened to a firing: started now, skipped (forbid; the run it waits on), or queued (its place, 1 = next). */
export type Dispatched =
  | { kind: 'started'; run: RunId }
  | { kind: 'skipped'; blockedBy: RunId }
  | { kind: 'queued'; run: RunId; position: number }
  | { kind: 'full'; blockedBy: RunId };

export interface TriggerPolicyOptions {
  journal: Journal;
  /** How often a queue looks whether its blocking run ended (ms); default 250. */
  pollMs?: number;
  /** Firings one trigger may queue; more are refused (`full`, a webhook answers 429). Default 100. */
  maxQueued?: number;
  /** Where a queued firing that could not start is reported; default stderr. */
  report?: (message: string) => void;
}

const FINAL = "('succeeded','failed','cancelled')";

/** True when RunStarted.trigger `recorded` was fired by the trigger `key`. */
export function isSameTrigger(recorded: Json | undefined, key: TriggerKey): boolean {
  if (recorded === null || typeof recorded !== 'object' || Array.isArray(recorded)) return false;
  const r = recorded as JsonObject;
  if ('webhook' in key) return r['webhook'] === key.webhook;
  return r['cron'] === key.cron && (r['timezone'] ?? null) === (key.timezone ?? null);
}

/** Applies the policy to firings; one per process that fires triggers (serve, the engine process). */
export class TriggerPolicy {
  private readonly queues = new Map<string, Firing[]>();
  private timer: NodeJS.Timeout | undefined;
  private readonly report: (message: string) => void;
  private readonly unfinishedOf: (flow: string) => { id: RunId; trigger: string | null }[];

  constructor(private readonly options: TriggerPolicyOptions) {
    this.report = options.report ?? ((m) => process.stderr.write(`flowsmith: ${m}\n`));
    // The first event of a run is its RunStarted (journal seq 1): its trigger names who started it.
    const query = options.journal.db.prepare(
      `SELECT r.id AS id, json_extract(e.data, '$.trigger') AS trigger FROM runs r JOIN events e ON e.run_id = r.id AND e.seq = 1
       WHERE r.flow = ? AND r.status NOT IN ${FINAL} ORDER BY r.started_at, r.id`,
    );
    this.unfinishedOf = (flow) => query.all(flow) as { id: RunId; trigger: string | null }[];
  }

  /** The oldest unfinished run of `flow` started by `key`, or undefined. */
  blockingRun(flow: string, key: TriggerKey): RunId | undefined {
    for (const row of this.unfinishedOf(flow)) {
      if (row.trigger !== null && isSameTrigger(JSON.parse(row.trigger) as Json, key)) return row.id;
    }
    return undefined;
  }

  /**
   * Applies `firing.policy`: starts the run (errors of start() are thrown), skips it, or queues it.
   * A queued firing keeps its order behind earlier ones of the same trigger.
   */
  dispatch(firing: Firing): Dispatched {
    if (firing.policy === 'allow') {
      firing.start(firing.id);
      return { kind: 'started', run: firing.id };
    }
    const queueKey = JSON.stringify([firing.flow, firing.key]);
    const queue = this.queues.get(queueKey) ?? [];
    const blockedBy = this.blockingRun(firing.flow, firing.key);
    if (blockedBy === undefined && queue.length === 0) {
      firing.start(firing.id);
      return { kind: 'started', run: firing.id };
    }
    if (firing.policy === 'forbid') return { kind: 'skipped', blockedBy: blockedBy ?? queue[0]!.id };
    if (queue.length >= (this.options.maxQueued ?? 100)) return { kind: 'full', blockedBy: blockedBy ?? queue[0]!.id };
    queue.push(firing);
    this.queues.set(queueKey, queue);
    this.ensureTimer();
    return { kind: 'queued', run: firing.id, position: queue.length };
  }

  /** Firings waiting in queues, over all triggers. */
  get queued(): number {
    let n = 0;
    for (const q of this.queues.values()) n += q.length;
    return n;
  }

  /** Starts the head of each queue whose blocking run has ended. Called by the timer; public for tests. */
  pump(): void {
    for (const [key, queue] of this.queues) {
      const head = queue[0];
      if (!head) continue;
      if (this.blockingRun(head.flow, head.key) !== undefined) continue;
      queue.shift();
      if (queue.length === 0) this.queues.delete(key);
      try {
        head.start(head.id);
      } catch (err) {
        this.report(`a queued firing of ${head.flow} (${describeKey(head.key)}) could not start run ${head.id}: ${(err as Error).message}`);
      }
    }
    if (this.queues.size === 0) this.stopTimer();
  }

  /** Drops the queues (reporting what is dropped) and stops the timer. */
  stop(): void {
    for (const queue of this.queues.values()) {
      for (const f of queue) this.report(`dropped the queued firing of ${f.flow} (${describeKey(f.key)}), run ${f.id}: the service stopped`);
    }
    this.queues.clear();
    this.stopTimer();
  }

  private ensureTimer(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.pump(), this.options.pollMs ?? 250);
    this.timer.unref();
  }

  private stopTimer(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}

/** `cron "0 * * * *"` or `webhook "deploy"`, for messages. */
export function describeKey(key: TriggerKey): string {
  return 'webhook' in key ? `webhook "${key.webhook}"` : `cron "${key.cron}"${key.timezone ? ` ${key.timezone}` : ''}`;
}
