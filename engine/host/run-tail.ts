/**
 * Streams runs that another process drives (issue #9: the CLI, another designer) to the clients
 * that watch them: the engine process looks at each watched run's last seq in the journal every
 * `intervalMs` (one primary-key lookup per run) and sends the events it has not sent yet, in
 * order. Each look first reads SQLite's data_version (Journal.dataVersion): while no other
 * connection has committed since the last look, nothing can have changed that this process did not
 * report itself, so the runs are not read at all (the common case: an idle designer). Events this process journals itself are reported as they commit (saw()), so they are
 * never sent twice; a client that catches up with getRun after watchRun drops repeats by seq.
 * Once a second it also compares the newest runs' shown status with the last look and sends a
 * `runSummary` for what changed, so History and the inbox follow runs of other processes live.
 */
import type { RunEvent, RunId } from '../runtime/events.js';
import type { RunSummary } from '../service/run-history.js';
import type { Journal } from '../store/journal.js';
import type { HostEvent } from './api.js';

/** The history side of RunTail: where summaries come from and where changes go. */
export interface HistoryTail {
  /** The newest top-level runs with their shown status (RunService.summaries). */
  summaries(): RunSummary[];
  /** Sends a `runSummary` HostEvent to every client. */
  emit(event: Extract<HostEvent, { kind: 'runSummary' }>): void;
}

/** How many ticks of the event tail make one look at the history (5 × 200 ms = 1 s). */
const HISTORY_EVERY = 5;

/** Default time between two looks at the watched runs, ms. */
export const TAIL_INTERVAL_MS = 200;

export class RunTail {
  /** Per watched run: the last seq sent to clients (or seen sent). */
  private readonly sent = new Map<RunId, number>();
  private timer: ReturnType<typeof setInterval> | null = null;
  /** Per listed run: `status|endedAt` last seen by pollHistory; null before its first look. */
  private listed: Map<RunId, string> | null = null;
  private ticks = 0;
  /** Journal.dataVersion at the start of the last look at the watched runs / the history; null before the first. */
  private eventsVersion: number | null = null;
  private historyVersion: number | null = null;

  /**
   * `watched` lists the runs clients watch now; `emit` sends one event to them (the engine
   * process's runEvent, plus what it derives from it).
   */
  constructor(
    private readonly journal: Pick<Journal, 'seqOf' | 'events' | 'dataVersion'>,
    private readonly watched: () => readonly RunId[],
    private readonly emit: (run: RunId, seq: number, event: RunEvent) => void,
    private readonly history?: HistoryTail,
  ) {}

  /**
   * One look at the history (runs any process started or moved, watched or not): sends a
   * `runSummary` for each run that is new (with `started`) or whose shown status or end changed
   * since the last look; the first look only takes note. Skipped (0) while no other connection
   * committed since the last look: this process sends its own runs' summaries as they commit.
   * Returns how many it sent.
   */
  pollHistory(): number {
    if (!this.history) return 0;
    const version = this.journal.dataVersion();
    if (this.listed && version === this.historyVersion) return 0;
    this.historyVersion = version;
    const now = new Map<RunId, string>();
    let count = 0;
    for (const s of this.history.summaries()) {
      const key = `${s.status}|${s.endedAt ?? ''}`;
      now.set(s.id, key);
      if (!this.listed || this.listed.get(s.id) === key) continue;
      const isNew = !this.listed.has(s.id);
      this.history.emit({
        kind: 'runSummary', run: s.id, status: s.status, at: s.endedAt ?? s.startedAt,
        ...(s.endedAt ? { endedAt: s.endedAt } : {}), ...(isNew ? { started: s } : {}),
      });
      count += 1;
    }
    this.listed = now;
    return count;
  }

  /** A client started watching `run`: events after its current last seq will be streamed. */
  watch(run: RunId): void {
    if (!this.sent.has(run)) this.sent.set(run, this.journal.seqOf(run));
  }

  /** This process sent event `seq` of `run` itself (its own driver committed it). */
  saw(run: RunId, seq: number): void {
    const last = this.sent.get(run);
    if (last !== undefined && seq > last) this.sent.set(run, seq);
  }

  /**
   * One look at every watched run; returns how many events it sent. Forgets runs nobody watches.
   * Reads no run while data_version is unchanged since the last look (only a newly watched run's
   * last seq, its starting point).
   */
  poll(): number {
    const watched = new Set(this.watched());
    for (const run of this.sent.keys()) if (!watched.has(run)) this.sent.delete(run);
    // Read before the runs: a commit after this read changes the next look's version.
    const version = this.journal.dataVersion();
    const isUnchanged = version === this.eventsVersion;
    this.eventsVersion = version;
    let count = 0;
    for (const run of watched) {
      const last = this.sent.get(run);
      if (last === undefined) {
        this.watch(run);
        continue;
      }
      if (isUnchanged || this.journal.seqOf(run) <= last) continue;
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
        if (++this.ticks % HISTORY_EVERY === 0) this.pollHistory();
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
