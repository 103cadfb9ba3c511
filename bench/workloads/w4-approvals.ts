/**
 * W4: 100 approvals answered as soon as asked. Unit: one approval.
 * Flowsmith: a chain of 100 approval steps (approvers [ops]); onEvent answers each
 * ApprovalRequested with answerApproval(step, 'ops', 'approve') in the next microtask (the event
 * is reported inside the driver's append, so the answer waits for it to return).
 * XState: a chain of 100 states each waiting for APPROVE; a subscriber sends APPROVE on each new
 * state (including the first).
 * Node-RED: n/a (below). Floor: per step transactions for the same events.
 */
import { createActor } from 'xstate';
import type { Json, Step } from '../../engine/model/flow.js';
import type { RunEvent } from '../../engine/runtime/events.js';
import type { RunDriver } from '../../engine/runtime/driver.js';
import type { CaseSpec } from '../harness/types.js';
import type { Store } from '../peers/flowsmith.js';
import { expectRun, openStore, startRun } from '../peers/flowsmith.js';
import { perStep } from '../peers/sqlite-floor.js';
import { expectDone, generatedMachine } from '../peers/xstate.js';
import { ev, flowOf, flowsmithCases, floorCases, peerCase, runIdOf } from './common.js';

const APPROVALS = 100;

export const NODE_RED_NO_APPROVALS =
  'Node-RED has no approval (a message waiting for a person); one would be hand-written state in a function node, not Node-RED\'s runtime';

export function w4Cases(): CaseSpec[] {
  const base = { workload: 'W4', param: `N=${APPROVALS}`, unit: 'approval', units: APPROVALS };
  const steps: Record<string, Step> = {};
  for (let i = 0; i < APPROVALS; i++) {
    steps[`a${i}`] = { type: 'approval', approvers: ['ops'], ...(i < APPROVALS - 1 ? { next: `a${i + 1}` } : {}) };
  }
  const flow = flowOf('w4-approvals', 'a0', steps);
  return [
    ...flowsmithCases(base, (mode) => {
      let store: Store | undefined;
      let ended: RunDriver['state'] | undefined;
      return {
        before() {
          store = openStore(mode);
        },
        async run() {
          const driver: RunDriver = startRun(flow, store!, (_run, _seq, e) => {
            if (e.type === 'ApprovalRequested') queueMicrotask(() => driver.answerApproval(e.step, 'ops', 'approve'));
          });
          ended = await driver.drive({ stopWhenWaiting: false });
        },
        after() {
          expectRun(ended!, 'succeeded', APPROVALS);
          store!.close();
        },
      };
    }),
    peerCase(base, 'xstate', () => {
      const states: Record<string, object> = {};
      for (let i = 0; i < APPROVALS; i++) states[`a${i}`] = { on: { APPROVE: i < APPROVALS - 1 ? `a${i + 1}` : 'done' } };
      const machine = generatedMachine({ initial: 'a0', states: { ...states, done: { type: 'final' } } });
      return {
        async run() {
          const actor = createActor(machine);
          const done = new Promise<void>((resolve, reject) => {
            actor.subscribe({
              next: (s) => {
                if (s.status === 'active') actor.send({ type: 'APPROVE' });
              },
              complete: resolve,
              error: reject,
            });
          });
          actor.start(); // the subscriber also sees the initial state, so a0 is answered too
          await done;
          expectDone(actor);
        },
      };
    }),
    peerCase(base, 'node-red', NODE_RED_NO_APPROVALS),
    ...floorCases(base, () => {
      const events: RunEvent[] = [ev.runStarted(flow)];
      for (let i = 0; i < APPROVALS; i++) {
        const id = `a${i}`;
        const output = { approvedBy: ['ops'], decisions: [{ by: 'ops', verdict: 'approve', at: 0 }] } as unknown as Json;
        events.push(ev.started(id), ev.approvalRequested(id, null), ev.approvalGiven(id), ev.succeeded(id, i < APPROVALS - 1 ? [`a${i + 1}`] : [], output));
      }
      events.push(ev.runSucceeded());
      return perStep([events], [runIdOf(events)]);
    }),
  ];
}
