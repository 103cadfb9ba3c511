/**
 * A run journal held in memory (engine/runtime/driver.ts RunLog): for simulations that need no
 * history, such as scenario checks and benchmarks (issue #3: "in simulation (in memory)"). Same
 * contract as the SQLite Journal's append: refuses an append at the wrong seq, so two drivers of
 * one run cannot interleave. Nothing survives the process.
 */
import type { RunLog } from '../runtime/driver.js';
import type { RunEvent, RunId } from '../runtime/events.js';

/** One stored chunk of step output. */
export interface MemoryLogLine {
  step: string;
  attempt: number;
  stream: 'stdout' | 'stderr';
  at: number;
  text: string;
}

export class MemoryRunLog implements RunLog {
  private readonly journals = new Map<RunId, RunEvent[]>();
  private readonly logLines = new Map<RunId, MemoryLogLine[]>();

  /** Starts run `first.run` with its RunStarted. Throws when `first` is not RunStarted or the run exists. */
  createRun(first: RunEvent): void {
    if (first.type !== 'RunStarted') throw new Error('a run begins with RunStarted');
    if (this.journals.has(first.run)) throw new Error(`run ${first.run} exists already`);
    this.journals.set(first.run, [first]);
  }

  append(run: RunId, expectedSeq: number, events: readonly RunEvent[]): number {
    const list = this.journals.get(run);
    if (!list) throw new Error(`no run ${run} in this journal`);
    if (list.length !== expectedSeq) throw new Error(`run ${run}: appending after seq ${expectedSeq}, but the journal is at ${list.length}`);
    for (const e of events) list.push(e);
    return list.length;
  }

  appendLog(run: RunId, step: string, attempt: number, stream: 'stdout' | 'stderr', at: number, text: string): void {
    let lines = this.logLines.get(run);
    if (!lines) this.logLines.set(run, (lines = []));
    lines.push({ step, attempt, stream, at, text });
  }

  /** A run's events in order (empty for an unknown run). */
  events(run: RunId): readonly RunEvent[] {
    return this.journals.get(run) ?? [];
  }

  /** A run's stored output chunks in order. */
  logs(run: RunId): readonly MemoryLogLine[] {
    return this.logLines.get(run) ?? [];
  }

  /** How many events all runs hold. */
  get eventCount(): number {
    let n = 0;
    for (const list of this.journals.values()) n += list.length;
    return n;
  }
}
