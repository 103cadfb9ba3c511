/**
 * W6: N = 10,000 approvals with 2-hour timeouts that nobody answers, in virtual time. Unit: one
 * approval; the target (under 100 ms) is for the whole N.
 * Two shapes, because the peers can only do one of them:
 * - `runs`: 10,000 runs of a one-approval flow on one virtual clock, all started at once; each
 *   times out after 2 h of virtual time and goes on to a `succeed` step (onTimeout). This is the
 *   equivalent of the XState measure: 10,000 actors waiting in a state with `after: 2h`, on one
 *   SimulatedClock advanced by 2 h.
 * - `1 run`: one run with a parallel of 10,000 approval steps, each onTimeout → the join.
 *   XState: n/a, a parallel state of 10,000 regions costs K² (W2 at K = 1,000 already takes minutes).
 * Node-RED: n/a, no virtual time (its delay and trigger nodes use real timers).
 * Durable mode keeps a virtual clock (2 h cannot pass in real time) with the journal on disk.
 */
import { createActor, setup } from 'xstate';
import type { AnyActorRef } from 'xstate';
import type { Step } from '../../engine/model/flow.js';
import type { RunDriver } from '../../engine/runtime/driver.js';
import type { RunEvent } from '../../engine/runtime/events.js';
import type { CaseSpec } from '../harness/types.js';
import type { Store } from '../peers/flowsmith.js';
import { expectRun, oneRunRep, openStore, startRun } from '../peers/flowsmith.js';
import { perStep } from '../peers/sqlite-floor.js';
import { expectDone, SimulatedClock } from '../peers/xstate.js';
import { ev, flowOf, flowsmithCases, floorCases, peerCase, runIdOf } from './common.js';

const N = 10_000;
const TWO_HOURS_MS = 2 * 60 * 60 * 1000;
const NODE_RED_NO_VIRTUAL_TIME = 'Node-RED has no virtual clock: a 2 h timeout (delay/trigger node) takes 2 h of real time';

export function w6Cases(): CaseSpec[] {
  return [...runsShape(), ...oneRunShape()];
}

function runsShape(): CaseSpec[] {
  const base = { workload: 'W6', param: `N=${N} runs`, unit: 'approval', units: N };
  const flow = flowOf('w6-timeout', 'approve', {
    approve: { type: 'approval', approvers: ['ops'], timeout: '2h', onTimeout: 'expired' },
    expired: { type: 'succeed' },
  });
  return [
    ...flowsmithCases(base, (mode) => {
      let store: Store | undefined;
      let ended: RunDriver['state'][] = [];
      return {
        before() {
          store = openStore(mode, { virtualTime: true });
        },
        async run() {
          const drivers: RunDriver[] = [];
          for (let i = 0; i < N; i++) drivers.push(startRun(flow, store!));
          ended = await Promise.all(drivers.map((d) => d.drive({ stopWhenWaiting: false })));
        },
        after() {
          for (const s of ended) {
            expectRun(s, 'succeeded', 2);
            if (s.steps.approve?.error?.name !== 'Timeout') throw new Error('the approval did not time out');
          }
          store!.close();
        },
      };
    }),
    peerCase(base, 'xstate', () => {
      const machine = setup({}).createMachine({
        initial: 'waiting',
        states: {
          waiting: { on: { APPROVE: 'approved' }, after: { [TWO_HOURS_MS]: 'expired' } },
          approved: { type: 'final' },
          expired: { type: 'final' },
        },
      });
      return {
        async run() {
          const clock = new SimulatedClock();
          const actors: AnyActorRef[] = [];
          for (let i = 0; i < N; i++) actors.push(createActor(machine, { clock }).start());
          clock.increment(TWO_HOURS_MS);
          for (const a of actors) {
            expectDone(a);
            if (!a.getSnapshot().matches('expired')) throw new Error('XState actor did not time out');
          }
        },
      };
    }),
    peerCase(base, 'node-red', NODE_RED_NO_VIRTUAL_TIME),
    ...floorCases(base, () => {
      const runs = Array.from({ length: N }, () => {
        const events: RunEvent[] = [ev.runStarted(flow)];
        events.push(ev.started('approve'), ev.approvalRequested('approve', TWO_HOURS_MS), ev.timedOut('approve', ['expired']));
        events.push(ev.started('expired'), ev.succeeded('expired', []), ev.runSucceeded());
        return events;
      });
      return perStep(runs, runs.map(runIdOf));
    }),
  ];
}

function oneRunShape(): CaseSpec[] {
  const base = { workload: 'W6', param: `N=${N} in 1 run`, unit: 'approval', units: N };
  const ids = Array.from({ length: N }, (_, i) => `a${i}`);
  const steps: Record<string, Step> = { fork: { type: 'parallel', branches: ids, join: 'joined' } };
  for (const id of ids) steps[id] = { type: 'approval', approvers: ['ops'], timeout: '2h', onTimeout: 'joined' };
  steps.joined = { type: 'join' };
  const flow = flowOf('w6-parallel-timeouts', 'fork', steps);
  return [
    ...flowsmithCases(base, (mode) => ({
      ...oneRunRep(flow, mode, { status: 'succeeded', steps: N + 2, virtualTime: true }),
    })),
    peerCase(base, 'xstate', 'XState parallel states cost O(K²) in regions (W2: minutes at K = 1,000); 10,000 regions would take hours'),
    peerCase(base, 'node-red', NODE_RED_NO_VIRTUAL_TIME),
    ...floorCases(base, () => {
      const events: RunEvent[] = [ev.runStarted(flow), ev.started('fork'), ev.succeeded('fork', ids)];
      for (const id of ids) events.push(ev.started(id), ev.approvalRequested(id, TWO_HOURS_MS));
      for (const id of ids) events.push(ev.timedOut(id, ['joined']));
      events.push(ev.started('joined'), ev.succeeded('joined', []), ev.runSucceeded());
      return perStep([events], [runIdOf(events)]);
    }),
  ];
}
