/**
 * The virtual clocks of the simulations a RunService drives (runtime/virtual-clock.ts; issue #9
 * point 7): a new one per simulation at its pace, and moving one on or changing its pace for people
 * (HostApi advanceClock/setClockPace). Only the process that drives a simulation can move its clock.
 */
import type { Clock } from '../runtime/clock.js';
import { RunRequestError } from '../runtime/driver.js';
import type { RunId } from '../runtime/events.js';
import type { RunState } from '../runtime/state.js';
import { VirtualClock } from '../runtime/virtual-clock.js';
import type { ClockAdvance, ClockInfo, ClockPace } from '../runtime/virtual-clock.js';
import type { RunServiceOptions } from './run-service-options.js';

/** What the clocks need of the RunService: a run's state, and the clock its held driver runs on. */
export interface SimulationClockHost {
  /** The state of run `run`; throws RunRequestError for an unknown run. */
  state(run: RunId): RunState;
  /** The clock of the driver this process holds for `run`, if it holds one. */
  heldClock(run: RunId): Clock | undefined;
}

export class SimulationClocks {
  constructor(
    private readonly options: Pick<RunServiceOptions, 'simulationPace' | 'onClock'>,
    private readonly host: SimulationClockHost,
  ) {}

  /** A new virtual clock for simulation `run`, at `start` (epoch ms), with the service's simulation pace. */
  create(run: RunId, start: number): VirtualClock {
    const onClock = this.options.onClock;
    return new VirtualClock(start, {
      pace: this.pace,
      ...(onClock ? { onChange: (info: ClockInfo) => onClock(run, info) } : {}),
    });
  }

  /** RunService.clockOf: the virtual clock of simulation `run` as this process drives it. Throws RunRequestError. */
  of(run: RunId): VirtualClock {
    const state = this.host.state(run);
    if (state.mode !== 'simulate') throw new RunRequestError(`run ${run} is a real run: only a simulation has a virtual clock`);
    if (state.endedAt !== null) throw new RunRequestError(`simulation ${run} has ended: its clock no longer moves`);
    const clock = this.host.heldClock(run);
    if (!(clock instanceof VirtualClock)) throw new RunRequestError(`simulation ${run} is not driven by this process; open it in the designer that runs it`);
    return clock;
  }

  /** RunService.clockInfo: the clock's state, or for an ended simulation its time at the end. Throws as `of`. */
  info(run: RunId): ClockInfo {
    const state = this.host.state(run);
    if (state.mode === 'simulate' && state.endedAt !== null) {
      return { now: state.endedAt, pace: this.pace, isHeld: false, nextDueAt: null };
    }
    return this.of(run).info();
  }

  /** Moves simulation `run`'s clock on; returns its state. Throws RunRequestError, RangeError. */
  advance(run: RunId, how: ClockAdvance): ClockInfo {
    const clock = this.of(run);
    clock.advance(how);
    return clock.info();
  }

  /** Sets how simulation `run`'s clock moves; returns its state. Throws RunRequestError, RangeError. */
  setPace(run: RunId, pace: ClockPace): ClockInfo {
    const clock = this.of(run);
    clock.setPace(pace);
    return clock.info();
  }

  private get pace(): ClockPace {
    return this.options.simulationPace ?? { kind: 'jump' };
  }
}
