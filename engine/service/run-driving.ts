/**
 * Driving runs under the run lease (issue #11 item 9): a run this process holds is driven here,
 * one another live process drives is followed until it ends or waits, the engine process drives
 * runs in the background until they end, and unfinished runs are picked up after a crash.
 * RunService wires this to its held drivers.
 */
import type { RunDriver } from '../runtime/driver.js';
import type { RunId } from '../runtime/events.js';
import { runStatusOf } from '../runtime/fold.js';
import type { RunState } from '../runtime/state.js';
import type { Journal } from '../store/journal.js';
import type { RunLeaseKeeper } from './run-lease.js';
import type { DriveRunOptions } from './run-service-options.js';

/** What driving needs of the RunService. */
export interface RunDrivingHost {
  readonly journal: Journal;
  readonly lease: RunLeaseKeeper;
  /** The driver of run `id` (held or rebuilt from the journal); throws RunRequestError for an unknown run. */
  open(id: RunId): RunDriver;
  /** Run `id`'s current state; throws RunRequestError for an unknown run. */
  state(id: RunId): RunState;
  /** Forgets the held driver of `id` (its background loop ended). */
  forget(id: RunId): void;
}

export class RunDriving {
  /** Runs driven by a background loop here (driveInBackground). */
  private readonly background = new Set<RunId>();

  constructor(private readonly host: RunDrivingHost) {}

  /**
   * The run whose lease covers run `id`: its top-level run (children have no lease of their own:
   * the process that drives the top-level run drives them inside its steps), else `id` itself.
   */
  leaseRunOf(id: RunId): RunId {
    let row = this.host.journal.run(id);
    for (let depth = 0; row?.parent && depth < 64; depth++) row = this.host.journal.run(row.parent.run);
    return row?.id ?? id;
  }

  /** RunService.drive: drives `driver` while this process holds its lease, else follows it. */
  async drive(driver: RunDriver, options: DriveRunOptions): Promise<RunState> {
    // Another live process drives this run (or, for a child run, its top-level run): follow it
    // instead (its requests are handed to it).
    const leaseRun = this.leaseRunOf(driver.id);
    if (!this.host.lease.claim(leaseRun)) return this.follow(driver.id, options, leaseRun);
    try {
      return await this.driveHeld(driver, options);
    } finally {
      if (!this.background.has(driver.id) && !this.background.has(leaseRun)) this.host.lease.release(leaseRun);
    }
  }

  private async driveHeld(driver: RunDriver, options: DriveRunOptions): Promise<RunState> {
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
  private async follow(id: RunId, options: DriveRunOptions, leaseRun: RunId = id): Promise<RunState> {
    for (;;) {
      const open = this.host.lease.outstanding(id);
      if (open === 0) {
        const state = this.host.state(id);
        const shown = runStatusOf(state);
        if (shown === 'succeeded' || shown === 'failed' || shown === 'cancelled' || shown === 'paused') return state;
        if (shown === 'waiting' && options.stopWhenWaiting && options.autoApprove === undefined) return state;
      }
      if (this.host.lease.claim(leaseRun)) return this.drive(this.host.open(id), options);
      await this.host.lease.pause();
    }
  }

  /** RunService.driveInBackground: drives `driver` until it ends, unless another process drives it. Idempotent. */
  driveInBackground(driver: RunDriver): void {
    if (this.background.has(driver.id)) return;
    // Another live process drives it (or its top-level run): requests go to that process (request()), not here.
    const leaseRun = this.leaseRunOf(driver.id);
    if (!this.host.lease.claim(leaseRun)) return;
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
          this.host.forget(driver.id);
          if (!this.background.has(leaseRun)) this.host.lease.release(leaseRun);
        }
      });
  }

  /** RunService.resumeUnfinished: drives on every unfinished top-level run nobody else drives; returns their ids. */
  resumeUnfinished(): RunId[] {
    const ids: RunId[] = [];
    for (const id of this.host.journal.unfinishedRuns()) {
      try {
        const driver = this.host.open(id);
        // Child runs are driven by their parent's map or call step when the parent resumes.
        if (driver.state.parent) continue;
        // A run another live process drives is left to it.
        if (!this.host.lease.claim(id)) continue;
        this.driveInBackground(driver);
        ids.push(id);
      } catch (err) {
        process.stderr.write(`flowsmith: cannot resume run ${id}: ${(err as Error).message}\n`);
      }
    }
    return ids;
  }
}
