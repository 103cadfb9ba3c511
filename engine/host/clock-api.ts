/**
 * The virtual-time half of HostApi (issue #9 point 7): read, advance and pace the virtual clock of
 * a simulation this engine process drives (RunService.clockOf, runtime/virtual-clock.ts).
 */
import type { ClockInfo } from '../runtime/virtual-clock.js';
import type { RunService } from '../service/run-service.js';
import type { HostApi, VirtualTime } from './api.js';

/** A clock's state as HostApi shows it: times in ISO 8601. */
export function toVirtualTime(info: ClockInfo): VirtualTime {
  return {
    now: new Date(info.now).toISOString(),
    pace: info.pace,
    isHeld: info.isHeld,
    nextTimerAt: info.nextDueAt === null ? null : new Date(info.nextDueAt).toISOString(),
  };
}

/** Implements getClock, advanceClock and setClockPace over `service`. */
export function createClockApi(service: RunService): Pick<HostApi, 'getClock' | 'advanceClock' | 'setClockPace'> {
  return {
    async getClock({ run }) {
      return toVirtualTime(service.clockInfo(run));
    },
    async advanceClock({ run, to, byMs }) {
      if (to !== 'next-timer' && byMs === undefined) throw new RangeError("advanceClock needs to: 'next-timer' or byMs");
      return toVirtualTime(service.advanceClock(run, to === 'next-timer' ? { to } : { byMs: byMs! }));
    },
    async setClockPace({ run, pace }) {
      return toVirtualTime(service.setClockPace(run, pace));
    },
  };
}
