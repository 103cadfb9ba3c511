/**
 * Which steps of one run wait for an answer from outside (a person's approval, a callback), kept
 * up to date event by event in O(1), so a held virtual clock (virtual-clock.ts `hold`) knows
 * whether anybody may still answer. A wait step on its timer is not among them: the clock moves
 * it on. Used by the driver only when its clock can be held.
 */
import type { StepId } from '../model/flow.js';
import type { RunEvent } from './events.js';
import type { RunState } from './state.js';
import { isMachineWork } from './state.js';

export class OutsideWaits {
  /** Made on the first such step: most runs never wait for anyone. */
  private waiting: Set<StepId> | null = null;

  /** Tracks `run`, whose open steps (a resumed run's) are looked at once here. */
  constructor(private readonly run: RunState) {
    for (const id of run.open) this.track(id);
  }

  /** Updates after `event` was folded: only an approval or a callback starts a wait; any event of a waiting step may end it. */
  saw(event: RunEvent): void {
    if (event.type === 'ApprovalRequested' || event.type === 'CallbackWaiting') this.track(event.step);
    else if (this.waiting?.size && 'step' in event && event.step && this.waiting.has(event.step)) this.track(event.step);
  }

  /** Whether the run waits for an outside answer; an ended run forgets its waits. */
  any(): boolean {
    if (this.waiting === null) return false;
    if (this.run.status !== 'running' && this.run.status !== 'paused') this.waiting.clear();
    return this.waiting.size > 0;
  }

  private track(id: StepId): void {
    const s = this.run.steps[id];
    if (s?.status === 'waiting' && !isMachineWork(s)) (this.waiting ??= new Set()).add(id);
    else this.waiting?.delete(id);
  }
}
