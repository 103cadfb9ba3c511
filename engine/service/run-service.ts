/**
 * Starts, drives and answers runs for the CLI and the engine process: reads and validates the flow
 * file, checks the input, publishes the flow version, creates the run's work folder, and keeps one
 * RunDriver per run that this process drives.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Flow, JsonObject, StepId } from '../model/flow.js';
import type { Clock } from '../runtime/clock.js';
import { realClock } from '../runtime/clock.js';
import { VirtualClock } from '../runtime/virtual-clock.js';
import type { ClockAdvance, ClockInfo, ClockPace } from '../runtime/virtual-clock.js';
import { RunDriver, RunRequestError } from '../runtime/driver.js';
import type { DriveOptions, DriverDeps } from '../runtime/driver.js';
import type { RunEvent, RunId, RunMode, StartedBy } from '../runtime/events.js';
import { osUserName, startedByOf } from './started-by.js';
import { SEMANTICS } from '../runtime/events.js';
import type { RunState } from '../runtime/state.js';
import { idMap } from '../runtime/state.js';
import { foldEvents, runStatusOf } from '../runtime/fold.js';
import type { PersonRequest } from '../runtime/transition.js';
import { RunLeaseKeeper } from './run-lease.js';
import { realTasks } from '../executors/task-body.js';
import type { RunSummary } from './run-history.js';
import type { Journal } from '../store/journal.js';
import { validateText } from '../validate/index.js';
import { prepareInput } from './inputs.js';
import { loadValidFlow } from './flow-files.js';

export { FlowInvalidError, loadValidFlow } from './flow-files.js';
import { HostChildRuns } from './child-runs.js';
import type { ChildRuns } from '../runtime/children.js';
import { subflowOf } from '../model/subflow.js';
import { secretNames } from '../runtime/secrets.js';
import { sensitiveEnv } from '../runtime/redact-stream.js';
import { initialVars } from '../expr/vars.js';
import type { RunHistoryFilter } from './run-history.js';
import { runHistory } from './run-history.js';
import { parseDurationMs } from '../model/duration.js';
import { UntrustedFlowError } from './trust.js';
import { CallbackTokenError, isTokenShaped, storeTokens, toCallbackAnswer, tokenHash } from './callback-tokens.js';
import type { CallbackReply } from './callback-tokens.js';

export { CallbackTokenError } from './callback-tokens.js';
export type { CallbackReply } from './callback-tokens.js';

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

/** A new run id: time-sortable base36 milliseconds plus 6 random hex digits, e.g. `mhx2k1a0-3f9a1c`. */
export function newRunId(nowMs: number): RunId {
  return `${nowMs.toString(36)}-${randomBytes(3).toString('hex')}`;
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

/** The outputs of an earlier run's finished steps, except the step a new run starts from. */
function seedOf(source: RunState, start: StepId): NonNullable<Extract<RunEvent, { type: 'RunStarted' }>['seedSteps']> {
  const seed: NonNullable<Extract<RunEvent, { type: 'RunStarted' }>['seedSteps']> = idMap();
  for (const [id, s] of Object.entries(source.steps)) {
    if (id !== start && (s.status === 'succeeded' || s.status === 'skipped')) seed[id] = { output: s.output, status: s.status };
  }
  return seed;
}

/** The values of the environment variables `flow` references as `$env.NAME` (unset ones left out). */
function secretsOf(flow: Flow): Record<string, string> {
  const out: Record<string, string> = sensitiveEnv(process.env); // inherited by steps (#11 item 5)
  for (const name of secretNames(flow)) {
    const value = process.env[name];
    if (value !== undefined) out[name] = value;
  }
  // A webhook's secret is in the engine's environment, which steps inherit: redact it whatever its name (issue #12).
  for (const t of flow.triggers ?? []) {
    const value = 'webhook' in t ? process.env[t.webhook.secretEnv] : undefined;
    if (value !== undefined && 'webhook' in t) out[t.webhook.secretEnv] = value;
  }
  return out;
}

export class RunService {
  private readonly drivers = new Map<RunId, RunDriver>();
  private readonly background = new Set<RunId>();
  private readonly clock: Clock;
  /** Which runs this service drives, over the store's leases (issue #11 item 9). */
  private readonly lease: RunLeaseKeeper;

  constructor(private readonly options: RunServiceOptions) {
    this.clock = options.clock ?? realClock;
    this.lease = new RunLeaseKeeper(options.journal, {
      ...(options.owner ? { owner: options.owner } : {}),
      ...(options.leaseMs ? { leaseMs: options.leaseMs } : {}),
      ...(options.pollMs ? { pollMs: options.pollMs } : {}),
      // The owner carries out what other processes asked of its runs.
      onRequest: (run, request) => {
        if (request.kind === 'child') {
          // A child run is driven inside its parent's step here: wake its driver, drive nothing else.
          this.open(request.run).request(request.request);
          return;
        }
        const driver = this.open(run);
        driver.request(request);
        this.driveInBackground(driver);
      },
    });
  }

  /** This service's lease owner id. */
  get owner(): string {
    return this.lease.owner;
  }

  /** Gives up every lease this service holds and stops its timer (process exit, tests). */
  close(): void {
    this.lease.close();
  }

  /**
   * Stops driving every run this service holds and gives up their leases (a graceful stop of
   * `flowsmith serve`): steps in flight are aborted and their results not journaled, so they run
   * again when the run is resumed (at-least-once, engine/README.md "Delivery guarantee").
   */
  stopDriving(reason: string): void {
    for (const driver of this.drivers.values()) driver.halt(new Error(reason));
    this.close();
  }

  get journal(): Journal {
    return this.options.journal;
  }

  /**
   * Creates a run of the flow file at `path` (journaled RunStarted) and returns its driver; call
   * `drive` to move it. Throws FlowInvalidError, InputError, UntrustedFlowError (a real run of an
   * untrusted flow, see RunServiceOptions.trust), or Error for an unreadable file.
   * `simulation` applies in simulate mode only (a scenario's clock and mocks; see SimulationHooks).
   */
  startRun(p: StartRunParams): RunDriver {
    const mode = p.mode ?? 'run';
    const source = p.from ? this.state(p.from.run) : undefined;
    const path = resolve(p.path ?? source?.flowPath ?? '');
    const { flow, text } = loadValidFlow(path);
    const verdict = mode === 'run' ? this.options.trust?.(path, flow) : undefined;
    if (verdict && !verdict.trusted) throw new UntrustedFlowError(path, verdict.reason);
    if (p.from && !flow.steps[p.from.step]) {
      throw new RunRequestError(`${p.from.step} is not a step of ${flow.name}; steps: ${Object.keys(flow.steps).join(', ')}`);
    }
    const input = prepareInput(flow, p.input ?? source?.input ?? {});
    // Each simulation gets its own virtual clock, starting at the real time of its start.
    const sim = mode === 'simulate' ? p.simulation : undefined;
    const at0 = (sim?.clock ?? this.clock).now();
    const id = p.id ?? newRunId(at0);
    if (p.id !== undefined && this.journal.run(p.id)) throw new RunRequestError(`a run ${p.id} exists already; start without an id`);
    const clock = mode === 'simulate' ? (sim?.clock ?? this.virtualClock(id, at0)) : this.clock;
    const at = clock.now();
    const workdir = join(this.options.workRoot ?? process.env.FLOWSMITH_WORK_ROOT ?? join(tmpdir(), 'flowsmith-runs'), id);
    if (mode === 'run') mkdirSync(workdir, { recursive: true });
    const hash = this.journal.publishFlow(flow.name, text, at);
    const started: RunEvent = {
      type: 'RunStarted',
      at,
      run: id,
      flow: flow.name,
      flowPath: path,
      input,
      vars: (source?.vars ?? initialVars((flow.vars ?? {}) as JsonObject, { input, run: { id, flow: flow.name, workdir } })) as JsonObject,
      mode,
      semantics: SEMANTICS,
      workdir,
      start: p.from?.step ?? flow.start,
      ...(p.trigger ? { trigger: p.trigger } : {}),
      ...(p.breakpoints?.length ? { breakpoints: p.breakpoints } : {}),
      ...(source ? { seedSteps: seedOf(source, p.from!.step) } : {}),
      startedBy: startedByOf(p.startedBy, p.trigger, this.options.user ?? osUserName(), this.options.via ?? 'cli'),
    };
    this.journal.createRun(started, hash);
    this.options.onEvent?.(id, 1, started);
    const mockFor = sim?.mockFor;
    return this.adopt(new RunDriver(flow, [started], { ...this.driverDeps(clock, flow, mode), ...(mockFor ? { mockFor } : {}) }));
  }

  /**
   * The driver of an existing run: the one this process holds, else one rebuilt from the journal
   * and the flow version the run started with. Throws RunRequestError for an unknown run.
   */
  open(id: RunId, hooks: SimulationHooks = {}): RunDriver {
    const held = this.fresh(id);
    if (held) return held;
    const row = this.journal.run(id);
    if (!row) throw new RunRequestError(`no run ${id} in this store; list runs with: flowsmith runs`);
    const text = this.journal.flowText(row.flow, row.flowHash);
    if (text === undefined) throw new Error(`the flow version of run ${id} is missing from the store`);
    const { loaded } = validateText(text, row.flowPath);
    if (!loaded.flow) throw new Error(`the stored flow of run ${id} no longer parses`);
    const events = this.journal.events(id).map((e) => e.event);
    const first = events[0];
    // A map item's run executes the map's nested steps (RunStarted.subflow names the chain).
    const flow = first?.type === 'RunStarted' && first.subflow ? subflowOf(loaded.flow, first.subflow) : loaded.flow;
    const clock = hooks.clock ?? (row.mode === 'simulate' ? this.virtualClock(id, events[events.length - 1]!.at) : this.clock);
    const deps = { ...this.driverDeps(clock, flow, row.mode), ...(hooks.mockFor ? { mockFor: hooks.mockFor } : {}) };
    return this.adopt(new RunDriver(flow, events, deps));
  }

  /** A new virtual clock for simulation `run`, at `start`, with this service's simulation pace. */
  private virtualClock(run: RunId, start: number): VirtualClock {
    const onClock = this.options.onClock;
    return new VirtualClock(start, {
      pace: this.options.simulationPace ?? { kind: 'jump' },
      ...(onClock ? { onChange: (info: ClockInfo) => onClock(run, info) } : {}),
    });
  }

  /**
   * The virtual clock of simulation `run` as this process drives it (a map item or called run:
   * its own, shared with its parent). Throws RunRequestError for an unknown run, a real run, or a
   * simulation this process does not drive (another process's clock cannot be moved from here).
   */
  clockOf(run: RunId): VirtualClock {
    const state = this.state(run);
    if (state.mode !== 'simulate') throw new RunRequestError(`run ${run} is a real run: only a simulation has a virtual clock`);
    if (state.endedAt !== null) throw new RunRequestError(`simulation ${run} has ended: its clock no longer moves`);
    const clock = this.fresh(run)?.deps.clock;
    if (!(clock instanceof VirtualClock)) throw new RunRequestError(`simulation ${run} is not driven by this process; open it in the designer that runs it`);
    return clock;
  }

  /**
   * The virtual clock of simulation `run` for people: clockOf(run).info(), or for an ended
   * simulation its time at the end (nothing due, not held). Throws as clockOf otherwise.
   */
  clockInfo(run: RunId): ClockInfo {
    const state = this.state(run);
    if (state.mode === 'simulate' && state.endedAt !== null) {
      return { now: state.endedAt, pace: this.options.simulationPace ?? { kind: 'jump' }, isHeld: false, nextDueAt: null };
    }
    return this.clockOf(run).info();
  }

  /** Moves simulation `run`'s virtual clock on (VirtualClock.advance); returns its state. Throws RunRequestError, RangeError. */
  advanceClock(run: RunId, how: ClockAdvance): ClockInfo {
    const clock = this.clockOf(run);
    clock.advance(how);
    return clock.info();
  }

  /** Sets how simulation `run`'s virtual clock moves (VirtualClock.setPace); returns its state. Throws RunRequestError, RangeError. */
  setClockPace(run: RunId, pace: ClockPace): ClockInfo {
    const clock = this.clockOf(run);
    clock.setPace(pace);
    return clock.info();
  }

  /**
   * Carries out a person's request on a run (an answer, an extension, a cancel, a debugging
   * request) and returns the run's driver (not yet driven). When another live process drives the
   * run (it holds the lease), the request is checked here and handed to that process, which
   * carries it out; drive() then follows the run. Throws RunRequestError when it does not fit.
   */
  request(run: RunId, input: PersonRequest): RunDriver {
    const driver = this.open(run);
    // A child run (map item, call) is covered by its top-level run's lease (leaseRunOf).
    const leaseRun = this.leaseRunOf(run);
    if (this.lease.claim(leaseRun)) {
      driver.request(input);
      return driver;
    }
    driver.check(input);
    this.lease.handOver(leaseRun, leaseRun === run ? input : { kind: 'child', run, request: input }, run);
    return driver;
  }

  /**
   * The run whose lease covers run `id`: its top-level run (children have no lease of their own:
   * the process that drives the top-level run drives them inside its steps), else `id` itself.
   */
  private leaseRunOf(id: RunId): RunId {
    let row = this.journal.run(id);
    for (let depth = 0; row?.parent && depth < 64; depth++) row = this.journal.run(row.parent.run);
    return row?.id ?? id;
  }

  /** Records a decision and returns the run's driver (not yet driven). Throws RunRequestError. */
  answerApproval(p: { run: RunId; step: StepId; verdict: 'approve' | 'reject'; as: string; comment?: string }): RunDriver {
    return this.request(p.run, { kind: 'answer', step: p.step, by: p.as, verdict: p.verdict, ...(p.comment ? { comment: p.comment } : {}) });
  }

  /**
   * Answers a callback token (DESIGN.md "Waiting for an outside system"; `flowsmith callback`,
   * `POST /callbacks/<token>`, HostApi answerCallback) and returns the run's driver, not yet
   * driven: drive it (or follow it) like after answerApproval.
   *
   * `reply` is `{output}` (any JSON, at most 1 MiB and 64 levels: it becomes the step's raw
   * output, shaped by the step's `output`/`set`) or `{error, message?}` (fails the attempt with
   * that error name; retry and catch apply). The token is used up first, in one transaction,
   * whatever happens next: a token answers once.
   *
   * Throws CallbackTokenError (code UNKNOWN_TOKEN: never issued, or not a token; USED_TOKEN:
   * already answered) → HTTP 404, CLI exit 2. Throws RunRequestError when the token is valid but
   * its step no longer waits for it (the attempt timed out or failed, the run ended or was
   * cancelled), when the wait passed its deadline, or for a bad reply → HTTP 409/400, CLI exit 2.
   * When another live process drives the run, the answer is checked here and handed to it (run
   * lease); a refusal there surfaces when the driver is followed. Error messages never contain
   * the token; callers must not log it either (e.g. the path of `POST /callbacks/<token>` in an
   * access log). A token of a step inside a map body or a called flow answers that child run.
   */
  answerCallback(token: string, reply: CallbackReply): RunDriver {
    const answer = toCallbackAnswer(reply);
    if (!isTokenShaped(token)) throw new CallbackTokenError('this is not a callback token (they look like fscb_ followed by 43 letters, digits, - or _); check that it was copied whole', 'UNKNOWN_TOKEN');
    const claim = this.journal.callbacks.claim(tokenHash(token), Date.now());
    if (claim.status === 'unknown') throw new CallbackTokenError('no callback waits for this token in this store (unknown token); check the token and --db', 'UNKNOWN_TOKEN');
    if (claim.status === 'used') {
      throw new CallbackTokenError(`this callback token was already used at ${new Date(claim.usedAt).toISOString()} (step ${claim.step} of run ${claim.run}); a token answers once`, 'USED_TOKEN');
    }
    return this.request(claim.run, { kind: 'callback', step: claim.step, attempt: claim.attempt, answer });
  }

  /**
   * Extends a waiting approval's deadline by `by` (a duration) past its current deadline, or past
   * now when it has none. Returns the driver (not yet driven) and the new due time (epoch ms).
   * Throws RunRequestError (unknown run, not waiting, not an approver) or Error for a bad duration.
   */
  extendApproval(p: { run: RunId; step: StepId; by: string; as: string; comment?: string }): { driver: RunDriver; dueAt: number } {
    const driver = this.open(p.run);
    const current = driver.state.steps[p.step]?.approval?.dueAt ?? null;
    const dueAt = Math.max(current ?? 0, driver.now()) + parseDurationMs(p.by);
    this.request(p.run, { kind: 'extend', step: p.step, by: p.as, dueAt, ...(p.comment ? { comment: p.comment } : {}) });
    return { driver, dueAt };
  }

  /**
   * Drives a run; with `autoApprove`, every approval it waits for is approved as that user (or its
   * first listed approver when `autoApprove` is true) until the run ends.
   */
  async drive(driver: RunDriver, options: DriveOptions & { autoApprove?: string | true }): Promise<RunState> {
    // Another live process drives this run (or, for a child run, its top-level run): follow it
    // instead (its requests are handed to it).
    const leaseRun = this.leaseRunOf(driver.id);
    if (!this.lease.claim(leaseRun)) return this.follow(driver.id, options, leaseRun);
    try {
      return await this.driveHeld(driver, options);
    } finally {
      if (!this.background.has(driver.id) && !this.background.has(leaseRun)) this.lease.release(leaseRun);
    }
  }

  private async driveHeld(driver: RunDriver, options: DriveOptions & { autoApprove?: string | true }): Promise<RunState> {
    for (;;) {
      const state = await driver.drive({ stopWhenWaiting: options.stopWhenWaiting || options.autoApprove !== undefined });
      if (options.autoApprove === undefined || state.status !== 'running') return state;
      const waiting = Object.entries(state.steps).filter(([, s]) => s.status === 'waiting' && s.approval);
      if (waiting.length === 0) return state;
      for (const [step, s] of waiting) {
        const as = options.autoApprove === true ? s.approval!.approvers[0]! : options.autoApprove;
        driver.answerApproval(step, as, 'approve', 'auto-approved');
      }
    }
  }

  /**
   * Waits while another process drives run `id`: until the requests this service handed over are
   * carried out (a refused one throws RunRequestError) and the run ends, pauses or (with
   * stopWhenWaiting) waits for people. When the owner dies or stops, this service takes over.
   */
  private async follow(id: RunId, options: DriveOptions & { autoApprove?: string | true }, leaseRun: RunId = id): Promise<RunState> {
    for (;;) {
      const open = this.lease.outstanding(id);
      if (open === 0) {
        const state = this.state(id);
        const shown = runStatusOf(state);
        if (shown === 'succeeded' || shown === 'failed' || shown === 'cancelled' || shown === 'paused') return state;
        if (shown === 'waiting' && options.stopWhenWaiting && options.autoApprove === undefined) return state;
      }
      if (this.lease.claim(leaseRun)) return this.drive(this.open(id), options);
      await this.lease.pause();
    }
  }

  /**
   * Drives a run in the background until it ends, waiting for approvals and timers (the engine
   * process's mode). Idempotent: a run already driven here is left to its loop.
   */
  driveInBackground(driver: RunDriver): void {
    if (this.background.has(driver.id)) return;
    // Another live process drives it (or its top-level run): requests go to that process (request()), not here.
    const leaseRun = this.leaseRunOf(driver.id);
    if (!this.lease.claim(leaseRun)) return;
    this.background.add(driver.id);
    let stopped = false;
    void this.drive(driver, { stopWhenWaiting: false })
      .catch((err: unknown) => {
        // E.g. another process appended to this run's journal: stop driving it here, keep the journal.
        stopped = true;
        process.stderr.write(`flowsmith: stopped driving run ${driver.id}: ${(err as Error).message}\n`);
      })
      .finally(() => {
        this.background.delete(driver.id);
        // A continue or retry that arrived as the loop ended: drive on rather than drop the run.
        if (!stopped && driver.state.status === 'running') this.driveInBackground(driver);
        else {
          this.drivers.delete(driver.id);
          if (!this.background.has(leaseRun)) this.lease.release(leaseRun);
        }
      });
  }

  /**
   * Drives on every run the journal says is unfinished (after a crash or kill -9: started steps run
   * again, timers and deadlines keep their due times). Returns their ids; a run that cannot be
   * opened is reported on stderr and skipped.
   */
  resumeUnfinished(): RunId[] {
    const ids: RunId[] = [];
    for (const id of this.journal.unfinishedRuns()) {
      try {
        const driver = this.open(id);
        // Child runs are driven by their parent's map or call step when the parent resumes.
        if (driver.state.parent) continue;
        // A run another live process drives is left to it.
        if (!this.lease.claim(id)) continue;
        this.driveInBackground(driver);
        ids.push(id);
      } catch (err) {
        process.stderr.write(`flowsmith: cannot resume run ${id}: ${(err as Error).message}\n`);
      }
    }
    return ids;
  }

  /**
   * Runs for history lists, newest first, with the status people see (`waiting` while only
   * approvals are open); child runs only when `filter.isChild` asks for them (run-history.ts).
   */
  summaries(filter: RunHistoryFilter = {}): RunSummary[] {
    return runHistory(this, { isChild: false, ...filter });
  }

  /** A run's current state: the held driver's, else a fold of its journal. Throws RunRequestError. */
  state(id: RunId): RunState {
    const held = this.fresh(id);
    if (held) return held.state;
    const events = this.journal.events(id).map((e) => e.event);
    if (events.length === 0) throw new RunRequestError(`no run ${id} in this store; list runs with: flowsmith runs`);
    return foldEvents(events);
  }

  /**
   * The driver held for `id` when it is still the run's latest view. When another process has
   * appended to the run since (e.g. `flowsmith approve` from a terminal while the designer drives
   * it), the held driver stops and is dropped, so the caller rebuilds from the journal.
   */
  private fresh(id: RunId): RunDriver | undefined {
    const held = this.drivers.get(id);
    if (!held || this.journal.seqOf(id) === held.lastSeq) return held;
    held.halt(new Error(`run ${id} was continued by another process`));
    this.drivers.delete(id);
    return undefined;
  }

  private adopt(driver: RunDriver): RunDriver {
    this.drivers.set(driver.id, driver);
    return driver;
  }

  private readonly children: ChildRuns = new HostChildRuns({
    journal: () => this.journal,
    open: (id, hooks) => this.open(id, hooks),
    release: (id) => this.drivers.delete(id),
    // Read at call time: field initializers run before the constructor stores `options`.
    trust: (path, flow) => this.options.trust?.(path, flow) ?? { trusted: true, reason: '' },
  });

  private driverDeps(clock: Clock, flow: Flow, mode: RunMode): DriverDeps {
    return {
      journal: this.journal,
      // Real runs execute task bodies with the executors; a simulation answers from mocks (the
      // driver's default for simulate mode, runtime/simulated-tasks.ts).
      ...(mode === 'run' ? { tasks: realTasks } : {}),
      clock,
      secrets: secretsOf(flow),
      random: Math.random,
      children: this.children,
      callbacks: storeTokens(this.journal),
      ...(this.options.onEvent ? { onEvent: this.options.onEvent } : {}),
      ...(this.options.onLog ? { onLog: this.options.onLog } : {}),
      ...(this.options.notifyDesktop ? { notifyDesktop: this.options.notifyDesktop } : {}),
    };
  }
}
