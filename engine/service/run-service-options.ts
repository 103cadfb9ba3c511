/**
 * The shapes RunService is built and called with: its options, what starts a run, and what a
 * scenario hands a simulation. Types only (run-service.ts re-exports them).
 */
import type { Flow, JsonObject, StepId } from '../model/flow.js';
import type { Clock } from '../runtime/clock.js';
import type { ClockInfo, ClockPace } from '../runtime/virtual-clock.js';
import type { DriveOptions, DriverDeps } from '../runtime/driver.js';
import type { RunEvent, RunId, RunMode, StartedBy } from '../runtime/events.js';
import type { Journal } from '../store/journal.js';

export interface RunServiceOptions {
  journal: Journal;
  clock?: Clock;
  /** Folder under which each run gets its work folder; default FLOWSMITH_WORK_ROOT, else `<tmpdir>/flowsmith-runs`. */
  workRoot?: string;
  onEvent?: (run: RunId, seq: number, event: RunEvent) => void;
  onLog?: (run: RunId, step: StepId, attempt: number, stream: 'stdout' | 'stderr', text: string) => void;
  /** Shows desktop notifications for notify steps (the designer); absent in the CLI. */
  notifyDesktop?: (title: string, message: string, origin?: { run: RunId; step: StepId }) => Promise<void>;
  /**
   * Whether the flow file at `path` may run for real (engine/service/trust.ts, DESIGN.md "Security").
   * startRun refuses mode 'run' with UntrustedFlowError when it says no; simulation is always
   * allowed. Absent: every flow may run (tests, scenarios).
   */
  trust?: (path: string, flow: Flow) => { trusted: boolean; reason: string };
  /** This service's lease owner id; default `<host>/<pid>/<random>` (run-lease.ts). */
  owner?: string;
  /** A lease whose heartbeat is older than this is taken over (ms, wall clock); default 10 s. */
  leaseMs?: number;
  /** How often the owner looks for requests handed to it, and a follower for progress (ms); default 100. */
  pollMs?: number;
  /**
   * How the virtual clock of each simulation this service starts or reopens moves
   * (runtime/virtual-clock.ts): default `jump` (the CLI); the designer's engine process passes
   * `held`, so a simulated approval waits for a person until advanceClock (issue #9 point 7).
   * A scenario's own clock (SimulationHooks.clock) keeps its pace.
   */
  simulationPace?: ClockPace;
  /** Where this service's runs are started from, for RunStarted.startedBy (issue #12 point 4); default `cli`. */
  via?: 'designer' | 'cli' | 'service';
  /** The user runs are started as when no StartRunParams.startedBy says otherwise; default the OS user name. */
  user?: string;
  /** Called when the virtual clock of simulation `run` (a top-level run) moves, changes pace or is held. */
  onClock?: (run: RunId, info: ClockInfo) => void;
}

/**
 * What a scenario (engine/simulate) hands a simulation: the virtual clock to run on, so it can
 * answer approvals at a virtual time, and per-attempt mocks. Ignored for real runs.
 */
export interface SimulationHooks {
  clock?: Clock;
  mockFor?: DriverDeps['mockFor'];
}

/** What starts a run: a flow file, or (debugging "run from") a chosen step of an earlier run. */
export interface StartRunParams {
  /** The flow file; default with `from`: the earlier run's flow file. */
  path?: string;
  /** Run input; default with `from`: the earlier run's input. */
  input?: JsonObject;
  mode?: RunMode;
  trigger?: JsonObject;
  /**
   * The new run's id; default a fresh newRunId(). Given by a trigger that answers before the run
   * starts (a queued webhook firing, engine/host/trigger-policy.ts). Throws RunRequestError when a
   * run with this id exists.
   */
  id?: RunId;
  simulation?: SimulationHooks;
  /** Steps to pause before (debugging). */
  breakpoints?: StepId[];
  /** Who or what starts it (a webhook, …); default: the cron trigger in `trigger`, else the service's user. */
  startedBy?: StartedBy;
  /**
   * Run from `step` with the earlier run's input, vars and the outputs of its succeeded steps
   * (as `$steps` sees them). Throws RunRequestError when the run or step is unknown.
   */
  from?: { run: RunId; step: StepId };
}

/** How RunService.drive drives: DriveOptions, plus approving every approval as a user (`true`: its first approver). */
export type DriveRunOptions = DriveOptions & { autoApprove?: string | true };
