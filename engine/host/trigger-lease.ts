/**
 * One process fires a workspace's triggers (issue #12 part 2): the designer's engine process and
 * `flowsmith serve` may both schedule the cron triggers of the same folder; without this, each
 * firing would start two runs. The firing process holds a lease in the store's `run_leases` table
 * under the key `triggers:<workspace real path>` (store/leases.ts: owner + heartbeat, taken over
 * when stale or when its owner process is gone). `flowsmith serve` is preferred: it takes the lease
 * from an engine process at once, and an engine process never takes it from a live serve. Every
 * firing asks `holds()` first, which also renews the lease; a timer renews it in between.
 */
import { randomBytes } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { isOwnerGone } from '../service/run-lease.js';
import type { Journal } from '../store/journal.js';

/** Marks the owner ids of `flowsmith serve` processes (`<host>/<pid>/serve-<random>`). */
const SERVE_MARK = '/serve-';

export interface TriggerLeaseOptions {
  journal: Journal;
  /** The workspace folder whose triggers are fired. */
  root: string;
  /** True in `flowsmith serve`: takes the lease from non-serve owners. */
  isService: boolean;
  /** A heartbeat older than this (ms) is stale; default 10 s, renewed every quarter of it. */
  leaseMs?: number;
}

/** The store key of the trigger lease of the workspace `root`. */
export function triggerLeaseKey(root: string): string {
  let real = resolve(root);
  try {
    real = realpathSync(real);
  } catch {
    // A folder that does not exist (yet): its absolute path names it.
  }
  return `triggers:${real}`;
}

/** True when a trigger lease owner id is a `flowsmith serve` process. */
export function isServeOwner(owner: string): boolean {
  return owner.includes(SERVE_MARK);
}

export class TriggerLease {
  readonly owner: string;
  readonly key: string;
  private readonly leaseMs: number;
  private timer: NodeJS.Timeout | undefined;
  private isHeld = false;

  constructor(private readonly options: TriggerLeaseOptions) {
    this.owner = `${hostname()}/${process.pid}/${options.isService ? 'serve-' : 'engine-'}${randomBytes(3).toString('hex')}`;
    this.key = triggerLeaseKey(options.root);
    this.leaseMs = options.leaseMs ?? 10_000;
  }

  /**
   * Whether this process may fire the workspace's triggers now: takes the lease when it is free,
   * ours, stale, or held by a process that is gone (serve: or by a non-serve process), and renews
   * it. Never throws: a failing store answers false (nobody fires rather than two).
   */
  holds(): boolean {
    const isGone = this.options.isService ? (o: string) => !isServeOwner(o) || isOwnerGone(o) : isOwnerGone;
    try {
      this.isHeld = this.options.journal.leases.acquire(this.key, this.owner, Date.now(), this.leaseMs, isGone).acquired;
    } catch (err) {
      process.stderr.write(`flowsmith: trigger lease: ${(err as Error).message}\n`);
      this.isHeld = false;
    }
    if (this.isHeld) this.ensureTimer();
    return this.isHeld;
  }

  /** True when another process, a live `flowsmith serve`, holds the lease. */
  isHeldByServe(): boolean {
    const owner = this.holder();
    return owner !== undefined && owner !== this.owner && isServeOwner(owner) && !isOwnerGone(owner);
  }

  /** Who holds the lease now (owner id), or undefined. */
  holder(): string | undefined {
    return this.options.journal.leases.holder(this.key)?.owner;
  }

  /** Gives the lease up (when held) and stops the timer. */
  release(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    if (!this.isHeld) return;
    this.isHeld = false;
    try {
      this.options.journal.leases.release(this.key, this.owner);
    } catch {
      // A closed store: the lease goes stale and is taken over.
    }
  }

  private ensureTimer(): void {
    if (this.timer) return;
    // Renewing through acquire(): it also notices when a serve process took the lease over.
    this.timer = setInterval(() => {
      if (!this.holds()) {
        clearInterval(this.timer);
        this.timer = undefined;
      }
    }, this.leaseMs / 4);
    this.timer.unref();
  }
}
