/**
 * Starts, drives and answers runs for the CLI and the engine process: reads and validates the flow
 * file, checks the input, publishes the flow version, creates the run's work folder, and keeps one
 * RunDriver per run that this process drives. The jobs live beside it: run-start.ts (what a run
 * starts from), driver-deps.ts (what a driver gets), run-driving.ts (driving under the run lease),
 * stored-run.ts (a run reopened), simulation-clocks.ts (virtual clocks), callback-answer.ts
 * (callback tokens answered).
 */
import { mkdirSync } from 'node:fs';
import type { Flow, StepId } from '../model/flow.js';
import type { Clock } from '../runtime/clock.js';
import { realClock } from '../runtime/clock.js';
import type { ClockAdvance, ClockInfo, ClockPace, VirtualClock } from '../runtime/virtual-clock.js';
import { RunDriver, RunRequestError } from '../runtime/driver.js';
import type { RunId, RunMode } from '../runtime/events.js';
import type { RunState } from '../runtime/state.js';
import { foldEvents } from '../runtime/fold.js';
import type { PersonRequest } from '../runtime/transition.js';
import type { ChildRuns } from '../runtime/children.js';
import { RunLeaseKeeper } from './run-lease.js';
import type { RunSummary, RunHistoryFilter } from './run-history.js';
import { runHistory } from './run-history.js';
import type { Journal } from '../store/journal.js';
import { HostChildRuns } from './child-runs.js';
import { parseDurationMs } from '../model/duration.js';
import type { CallbackReply } from './callback-tokens.js';
import { claimCallback } from './callback-answer.js';
import { driverDepsOf } from './driver-deps.js';
import { newRunId, planStart, runStartedEvent, workdirOf } from './run-start.js';
import { RunDriving } from './run-driving.js';
import { storedRun } from './stored-run.js';
import { SimulationClocks } from './simulation-clocks.js';
import type { DriveRunOptions, RunServiceOptions, SimulationHooks, StartRunParams } from './run-service-options.js';

export { FlowInvalidError, loadValidFlow } from './flow-files.js';
export { CallbackTokenError } from './callback-tokens.js';
export type { CallbackReply } from './callback-tokens.js';
export { newRunId } from './run-start.js';
export type { DriveRunOptions, RunServiceOptions, SimulationHooks, StartRunParams } from './run-service-options.js';

export class RunService {
  private readonly drivers = new Map<RunId, RunDriver>();
  private readonly clock: Clock;
  /** Which runs this service drives, over the store's leases (issue #11 item 9). */
  private readonly lease: RunLeaseKeeper;
  private readonly driving: RunDriving;
  private readonly clocks: SimulationClocks;

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
    this.driving = new RunDriving({
      journal: options.journal,
      lease: this.lease,
      open: (id) => this.open(id),
      state: (id) => this.state(id),
      forget: (id) => this.drivers.delete(id),
    });
    this.clocks = new SimulationClocks(options, { state: (run) => this.state(run), heldClock: (run) => this.fresh(run)?.deps.clock });
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
    const plan = planStart(p, mode, source, this.options.trust);
    // Each simulation gets its own virtual clock, starting at the real time of its start.
    const sim = mode === 'simulate' ? p.simulation : undefined;
    const at0 = (sim?.clock ?? this.clock).now();
    const id = p.id ?? newRunId(at0);
    if (p.id !== undefined && this.journal.run(p.id)) throw new RunRequestError(`a run ${p.id} exists already; start without an id`);
    const clock = mode === 'simulate' ? (sim?.clock ?? this.clocks.create(id, at0)) : this.clock;
    const workdir = workdirOf(id, this.options.workRoot);
    if (mode === 'run') mkdirSync(workdir, { recursive: true });
    const at = clock.now();
    const hash = this.journal.publishFlow(plan.flow.name, plan.text, at);
    const started = runStartedEvent(p, plan, { id, at, mode, workdir, source }, this.options);
    this.journal.createRun(started, hash);
    this.options.onEvent?.(id, 1, started);
    const mockFor = sim?.mockFor;
    return this.adopt(new RunDriver(plan.flow, [started], { ...this.driverDeps(clock, plan.flow, mode), ...(mockFor ? { mockFor } : {}) }));
  }

  /**
   * The driver of an existing run: the one this process holds, else one rebuilt from the journal
   * and the flow version the run started with. Throws RunRequestError for an unknown run.
   */
  open(id: RunId, hooks: SimulationHooks = {}): RunDriver {
    const held = this.fresh(id);
    if (held) return held;
    const { flow, events, mode } = storedRun(this.journal, id);
    const clock = hooks.clock ?? (mode === 'simulate' ? this.clocks.create(id, events[events.length - 1]!.at) : this.clock);
    const deps = { ...this.driverDeps(clock, flow, mode), ...(hooks.mockFor ? { mockFor: hooks.mockFor } : {}) };
    return this.adopt(new RunDriver(flow, events, deps));
  }

  /**
   * The virtual clock of simulation `run` as this process drives it (a map item or called run:
   * its own, shared with its parent). Throws RunRequestError for an unknown run, a real run, or a
   * simulation this process does not drive (another process's clock cannot be moved from here).
   */
  clockOf(run: RunId): VirtualClock {
    return this.clocks.of(run);
  }

  /**
   * The virtual clock of simulation `run` for people: clockOf(run).info(), or for an ended
   * simulation its time at the end (nothing due, not held). Throws as clockOf otherwise.
   */
  clockInfo(run: RunId): ClockInfo {
    return this.clocks.info(run);
  }

  /** Moves simulation `run`'s virtual clock on (VirtualClock.advance); returns its state. Throws RunRequestError, RangeError. */
  advanceClock(run: RunId, how: ClockAdvance): ClockInfo {
    return this.clocks.advance(run, how);
  }

  /** Sets how simulation `run`'s virtual clock moves (VirtualClock.setPace); returns its state. Throws RunRequestError, RangeError. */
  setClockPace(run: RunId, pace: ClockPace): ClockInfo {
    return this.clocks.setPace(run, pace);
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
    const leaseRun = this.driving.leaseRunOf(run);
    if (this.lease.claim(leaseRun)) {
      driver.request(input);
      return driver;
    }
    driver.check(input);
    this.lease.handOver(leaseRun, leaseRun === run ? input : { kind: 'child', run, request: input }, run);
    return driver;
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
    const { run, request } = claimCallback(this.journal, token, reply, Date.now());
    return this.request(run, request);
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
   * first listed approver when `autoApprove` is true) until the run ends. When another live
   * process drives the run, follows it instead (run-driving.ts).
   */
  drive(driver: RunDriver, options: DriveRunOptions): Promise<RunState> {
    return this.driving.drive(driver, options);
  }

  /**
   * Drives a run in the background until it ends, waiting for approvals and timers (the engine
   * process's mode). Idempotent: a run already driven here is left to its loop.
   */
  driveInBackground(driver: RunDriver): void {
    this.driving.driveInBackground(driver);
  }

  /**
   * Drives on every run the journal says is unfinished (after a crash or kill -9: started steps run
   * again, timers and deadlines keep their due times). Returns their ids; a run that cannot be
   * opened is reported on stderr and skipped.
   */
  resumeUnfinished(): RunId[] {
    return this.driving.resumeUnfinished();
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

  private driverDeps(clock: Clock, flow: Flow, mode: RunMode) {
    return driverDepsOf(this.options, { clock, flow, mode, children: this.children });
  }
}
