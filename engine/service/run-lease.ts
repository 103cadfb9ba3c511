/**
 * Which runs this process drives (issue #11 item 9), over the store's leases (store/leases.ts).
 * A RunService claims a run's lease before it drives it and releases it when its loop ends. While
 * it holds leases, a timer renews their heartbeat and carries out the requests other processes
 * handed over (an approval from the CLI while the designer drives the run, a cancel, a debugging
 * request). A lease is taken over when its heartbeat is stale, or at once when its owner is a
 * process on this machine that no longer exists (a kill -9 leaves its leases behind).
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { RunId } from '../runtime/events.js';
import { RunRequestError } from '../runtime/request-error.js';
import type { PersonRequest } from '../runtime/transition.js';
import type { Journal } from '../store/journal.js';

/**
 * What a process hands to a run's owner: a person's request for the run itself, or (`child`) one
 * for a child run (map item, `call`) of it, which the owner drives inside the parent's step: a
 * child run has no lease of its own, its top-level run's lease covers it.
 */
export type HandedRequest = PersonRequest | { kind: 'child'; run: RunId; request: PersonRequest };

export interface RunLeaseOptions {
  /** This process's owner id; default `<host>/<pid>/<random>`. */
  owner?: string;
  /** A heartbeat older than this (ms) is stale; default 10 s. Renewed every quarter of it. */
  leaseMs?: number;
  /** How often handed-over requests are looked for (ms); default 100. */
  pollMs?: number;
  /** Carries out a request another process handed over for a run this process drives. Throws RunRequestError. */
  onRequest(run: RunId, request: HandedRequest): void;
}

/** True when `owner` names a process on this machine that no longer exists. */
export function isOwnerGone(owner: string): boolean {
  const [host, pidText] = owner.split('/');
  const pid = Number(pidText);
  if (host !== hostname() || !Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

export class RunLeaseKeeper {
  readonly owner: string;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly held = new Set<RunId>();
  /** Requests this process handed to another, by run, until they are carried out. */
  private readonly handedOver = new Map<RunId, number[]>();
  private timer: NodeJS.Timeout | undefined;
  private lastBeat = 0;

  constructor(
    private readonly journal: Journal,
    private readonly options: RunLeaseOptions,
  ) {
    this.owner = options.owner ?? `${hostname()}/${process.pid}/${randomBytes(3).toString('hex')}`;
    this.leaseMs = options.leaseMs ?? 10_000;
    this.pollMs = options.pollMs ?? 100;
  }

  /** Takes `run`'s lease (free, ours, stale, or its owner gone); returns whether this process holds it now. */
  claim(run: RunId): boolean {
    if (this.held.has(run)) return true;
    const { acquired } = this.journal.leases.acquire(run, this.owner, Date.now(), this.leaseMs, isOwnerGone);
    if (!acquired) return false;
    this.held.add(run);
    this.ensureTimer();
    // Requests handed to a previous owner that did not carry them out are ours now.
    queueMicrotask(() => this.carryOut(this.journal.leases.pending({ run })));
    return true;
  }

  /** Gives `run`'s lease up. */
  release(run: RunId): void {
    if (!this.held.delete(run)) return;
    this.journal.leases.release(run, this.owner);
    if (this.held.size === 0 && this.handedOver.size === 0) this.stopTimer();
  }

  /**
   * Hands `request` to the process that holds `run`'s lease; outstanding() counts it under
   * `trackAs` (default `run`; a child run's id when its request goes to its top-level run's owner).
   */
  handOver(run: RunId, request: HandedRequest, trackAs: RunId = run): void {
    const id = this.journal.leases.enqueue(run, request as never, Date.now());
    this.handedOver.set(trackAs, [...(this.handedOver.get(trackAs) ?? []), id]);
  }

  /**
   * How many requests this process handed over for `run` are not carried out yet. Throws the
   * owner's RunRequestError for one it refused (then forgets it).
   */
  outstanding(run: RunId): number {
    const ids = this.handedOver.get(run) ?? [];
    const left: number[] = [];
    let refused: string | null = null;
    for (const id of ids) {
      const r = this.journal.leases.result(id);
      if (!r.done) left.push(id);
      else if (r.error !== null) refused ??= r.error;
    }
    if (left.length > 0) this.handedOver.set(run, left);
    else this.handedOver.delete(run);
    if (refused !== null) throw new RunRequestError(refused); // the owner refused it: its message goes to the sender
    return left.length;
  }

  /** Resolves after one poll interval (a follower's wait between looks at the journal). */
  pause(): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, this.pollMs));
  }

  /** Releases every lease and stops the timer. */
  close(): void {
    for (const run of [...this.held]) this.release(run);
    this.handedOver.clear();
    this.stopTimer();
  }

  private ensureTimer(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.tick(), this.pollMs);
    // Leases never keep a process alive: a CLI exits when its work is done.
    this.timer.unref();
  }

  private stopTimer(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private tick(): void {
    try {
      const now = Date.now();
      if (now - this.lastBeat >= this.leaseMs / 4) {
        this.journal.leases.renew(this.owner, now);
        this.lastBeat = now;
      }
      if (this.held.size > 0) this.carryOut(this.journal.leases.pending({ owner: this.owner }));
    } catch (err) {
      // A closed or failing store: stop renewing; the leases go stale and others take over.
      process.stderr.write(`flowsmith: run leases: ${(err as Error).message}\n`);
      this.stopTimer();
    }
  }

  private carryOut(requests: ReturnType<Journal['leases']['pending']>): void {
    for (const r of requests) {
      if (!this.held.has(r.run)) continue;
      let error: string | null = null;
      try {
        this.options.onRequest(r.run, r.request as unknown as HandedRequest);
      } catch (err) {
        error = err instanceof Error ? err.message : String(err);
      }
      this.journal.leases.complete(r.id, Date.now(), error);
    }
  }
}
