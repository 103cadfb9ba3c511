/**
 * Streams runs that another process drives (issue #9: the CLI, another designer) to the clients
 * that watch them: the engine process looks at each watched run's last seq in the journal every
 * `intervalMs` (one primary-key lookup per run) and sends the events it has not sent yet, in
 * order. Events this process journals itself are reported as they commit (saw()), so they are
 * never sent twice; a client that catches up with getRun after watchRun drops repeats by seq.
 */
import type { RunEvent, RunId } from '../runtime/events.js';
import type { Journal } from '../store/journal.js';

/** Default time between two looks at the watched runs, ms. */
export const TAIL_INTERVAL_MS = 200;

export class RunTail {
  /** Per watched run: the last seq sent to clients (or seen sent). */
  private readonly sent = new Map<RunId, number>();
  private timer: ReturnType<typeof setInterval> | null = null;

  /**
   * `watched` lists the runs clients watch now; `emit` sends one event to them (the engine
   * process's runEvent, plus what it derives from it).
   */
  constructor(
    private readonly journal: Pick<Journal, 'seqOf' | 'events'>,
    private readonly watched: () => readonly RunId[],
    private readonly emit: (run: RunId, seq: number, event: RunEvent) => void,
  ) {}

  /** A client started watching `run`: events after its current last seq will be streamed. */
  watch(run: RunId): void {
    if (!this.sent.has(run)) this.sent.set(run, this.journal.seqOf(run));
  }

  /** This process sent event `seq` of `run` itself (its own driver committed it). */
  saw(run: RunId, seq: number): void {
    const last = this.sent.get(run);
    if (last !== undefined && seq > last) this.sent.set(run, seq);
  }

  /** One look at every watched run; returns how many events it sent. Forgets runs nobody watches. */
  poll(): number {
    const watched = new Set(this.watched());
    for (const run of this.sent.keys()) if (!watched.has(run)) this.sent.delete(run);
    let count = 0;
    for (const run of watched) {
      const last = this.sent.get(run);
      if (last === undefined) {
        this.watch(run);
        continue;
      }
      if (this.journal.seqOf(run) <= last) continue;
      for (const { seq, event } of this.journal.events(run, last)) {
        this.sent.set(run, seq);
        this.emit(run, seq, event);
        count += 1;
      }
    }
    return count;
  }

  /** Looks every `intervalMs` until stop(); the timer does not keep the process alive. */
  start(intervalMs = TAIL_INTERVAL_MS): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      try {
        this.poll();
      } catch (err) {
        process.stderr.write(`flowsmith: could not read watched runs from the store: ${(err as Error).message}\n`);
      }
    }, intervalMs);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
