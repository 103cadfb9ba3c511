/**
 * The vocabulary of the bench (issue #3 "Benchmarks"): a case is one workload at one size, on one
 * engine, in one mode; the orchestrator (run.ts) runs each case in its own child process.
 */

export type Engine = 'flowsmith' | 'xstate' | 'node-red' | 'sqlite-floor';

/**
 * sim: Flowsmith simulate mode, VirtualClock, journal = SQLite `:memory:` (openJournal).
 * sim-mem: the same with a bench-side journal that keeps events in a JS array (what a pure
 *   in-memory journal would gain; the engine has no such journal yet).
 * durable: journal file on disk (WAL, synchronous=NORMAL), real clock (virtual for W6).
 * mem: a peer running in memory, as it does by default (XState, Node-RED).
 */
export type Mode = 'sim' | 'sim-mem' | 'durable' | 'mem';

/** One repetition's hooks; only `run` is timed. */
export interface Rep {
  /** Untimed preparation of a repetition (fresh journal, fresh actors). */
  before?(): Promise<void> | void;
  /**
   * The measured work. For `kind: 'time'` cases the wall time of this call is the sample; for
   * `kind: 'memory'` cases it returns the sample itself (bytes per unit).
   */
  run(): Promise<number | void> | number | void;
  /** Untimed checks and clean-up after a repetition; throw when the work did not do what it should. */
  after?(): Promise<void> | void;
  /** Clean-up after the last repetition. */
  close?(): Promise<void> | void;
  /** Extra figures to keep in results.json (events per rep, transactions…), read after the last rep. */
  extra?(): Record<string, number | string>;
}

export interface CaseSpec {
  workload: string;
  /** Size, e.g. `N=1000`. */
  param: string;
  engine: Engine;
  mode: Mode;
  /** What one unit is: step, iteration, approval, run. */
  unit: string;
  /** Units of work in one repetition (the per-unit figure is the median divided by this). */
  units: number;
  kind?: 'time' | 'memory';
  /** Cap on repetitions (the slow, big cases run once or twice). */
  maxReps?: number;
  /** Why this engine has no equivalent of the workload; such a case is listed, not run. */
  na?: string;
  setup?(): Promise<Rep> | Rep;
}

/** What a child process reports for one case. */
export interface CaseResult {
  id: string;
  workload: string;
  param: string;
  engine: Engine;
  mode: Mode;
  unit: string;
  units: number;
  kind: 'time' | 'memory';
  /** Time cases: wall ns per repetition. Memory cases: bytes per unit. */
  samples: number[];
  median: number;
  min: number;
  max: number;
  /** median / units (time cases, ns per unit); for memory cases the median itself. */
  perUnit: number;
  /**
   * CPU time (user + system, all threads of the process) of each repetition, ns, and its median,
   * min, max and per-unit figure. Far less sensitive than wall time to other work on the machine;
   * a little above wall time when V8's helper threads collect garbage in parallel.
   */
  cpu?: { samples: number[]; median: number; min: number; max: number; perUnit: number };
  /** Highest resident set size of the child process (MB): engine, data and runtime together. */
  peakRssMb: number;
  /** Highest V8 heap in use seen during the case (MB), sampled after each repetition and every 5 ms. */
  peakHeapMb: number;
  /** The machine's 1-minute load average when the case ended: above the core count, timings are inflated. */
  loadAverage1m?: number;
  extra?: Record<string, number | string>;
  na?: string;
  error?: string;
}

/** The identity of a case, used on the child's command line. */
export function caseId(c: Pick<CaseSpec, 'workload' | 'param' | 'engine' | 'mode'>): string {
  return `${c.workload}|${c.param}|${c.engine}|${c.mode}`;
}
