/**
 * Flowsmith, the engine under test, driven through its public runtime API (RunDriver, the clocks,
 * openJournal), the way engine/service/run-service.ts starts a run. Also the bench-side in-memory
 * journal used by the `sim-mem` mode.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Flow, JsonObject } from '../../engine/model/flow.js';
import type { Clock } from '../../engine/runtime/clock.js';
import { realClock } from '../../engine/runtime/clock.js';
import { RunDriver } from '../../engine/runtime/driver.js';
import type { RunEvent, RunId } from '../../engine/runtime/events.js';
import { SEMANTICS } from '../../engine/runtime/events.js';
import { VirtualClock } from '../../engine/runtime/virtual-clock.js';
import type { Journal } from '../../engine/store/journal.js';
import { openJournal } from '../../engine/store/journal.js';
import type { Mode } from '../harness/types.js';

export type FlowsmithMode = Extract<Mode, 'sim' | 'sim-mem' | 'durable'>;
export const FLOWSMITH_MODES: readonly FlowsmithMode[] = ['sim', 'sim-mem', 'durable'];

/** Simulation in memory uses the engine's own in-memory journal (engine/store/memory-log.ts). */
import { MemoryRunLog } from '../../engine/store/memory-log.js';

/** A journal and clock for one repetition in `mode`; `close` removes the temp dir of a durable one. */
export interface Store {
  journal: Journal;
  clock: Clock;
  close(): void;
}

/**
 * Opens a fresh store for `mode`. Durable stores live in a new temp dir and use the real clock
 * unless `virtualTime` (W6: 2 h deadlines cannot pass in real time).
 */
export function openStore(mode: FlowsmithMode, options: { virtualTime?: boolean } = {}): Store {
  if (mode === 'sim-mem') return { journal: new MemoryRunLog() as unknown as Journal, clock: new VirtualClock(), close() {} };
  if (mode === 'sim') {
    const journal = openJournal(':memory:');
    return { journal, clock: new VirtualClock(), close: () => journal.close() };
  }
  const dir = mkdtempSync(join(tmpdir(), 'flowsmith-bench-'));
  const journal = openJournal(join(dir, 'bench.db'));
  return {
    journal,
    clock: options.virtualTime ? new VirtualClock() : realClock,
    close() {
      journal.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let runCounter = 0;
/** Work folder named in RunStarted (simulate mode never uses it); read once, os.tmpdir() reads the environment. */
const WORKDIR = tmpdir();

/** The RunStarted event for a simulated run of `flow` (simulate mode: tasks never run a shell). */
export function runStarted(flow: Flow, at: number, vars: JsonObject = {}): RunEvent {
  runCounter += 1;
  return {
    type: 'RunStarted',
    at,
    run: `bench-${runCounter.toString(36)}`,
    flow: flow.name,
    flowPath: `/bench/${flow.name}.yaml`,
    input: {},
    vars: { ...((flow.vars ?? {}) as JsonObject), ...vars },
    mode: 'simulate',
    semantics: SEMANTICS,
    workdir: WORKDIR,
    start: flow.start,
  };
}

/**
 * Creates a run of `flow` in `store` (journaled RunStarted) and its driver, as RunService.startRun
 * does minus reading and validating the file.
 */
export function startRun(
  flow: Flow,
  store: Store,
  onEvent?: (run: RunId, seq: number, event: RunEvent) => void,
): RunDriver {
  const started = runStarted(flow, store.clock.now());
  store.journal.createRun(started, 'bench');
  return new RunDriver(flow, [started], { journal: store.journal, clock: store.clock, random: () => 0.5, ...(onEvent ? { onEvent } : {}) });
}

/** Throws unless the run ended as `status` with `steps` steps started (a broken bench must not look fast). */
export function expectRun(state: { status: string; path: unknown[]; id: string }, status: string, steps?: number): void {
  if (state.status !== status) throw new Error(`run ${state.id} ended ${state.status}, expected ${status}`);
  if (steps !== undefined && state.path.length !== steps) {
    throw new Error(`run ${state.id} started ${state.path.length} steps, expected ${steps}`);
  }
}

/** A Rep body for workloads that are one run of one flow, driven to its end. */
export function oneRunRep(flow: Flow, mode: FlowsmithMode, expected: { status: string; steps?: number; virtualTime?: boolean }) {
  let store: Store | undefined;
  let ended: { status: string; path: unknown[]; id: string } | undefined;
  return {
    before() {
      store = openStore(mode, { virtualTime: expected.virtualTime });
    },
    async run() {
      const driver = startRun(flow, store!);
      ended = await driver.drive({ stopWhenWaiting: false });
    },
    after() {
      expectRun(ended!, expected.status, expected.steps);
      store!.close();
    },
  };
}
