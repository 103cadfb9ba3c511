/**
 * W3: a loop of 1,000 iterations. Unit: one iteration (a task and the branch that loops back).
 * Flowsmith: `work` (task, `set: {i: $vars.i + 1}`) → `check` (branch: `$vars.i < 1000` → work,
 * default → done), JSONata evaluated for both expressions each iteration.
 * XState: `work` invokes the no-op task, assigns i + 1 on done; `check` has guarded `always`
 * transitions back to work or to done.
 * Node-RED: a function node `msg.i = (msg.i || 0) + 1` and a switch node (i < 1000 → back).
 * Floor: per step transactions for the same events (work's StepSucceeded carries vars).
 */
import { assign, setup } from 'xstate';
import type { RunEvent } from '../../engine/runtime/events.js';
import type { CaseSpec } from '../harness/types.js';
import { oneRunRep } from '../peers/flowsmith.js';
import { doneNode, fn, node, startNodeRed } from '../peers/node-red.js';
import { perStep } from '../peers/sqlite-floor.js';
import { expectDone, noopTask, runToDone } from '../peers/xstate.js';
import { ev, flowOf, flowsmithCases, floorCases, peerCase, runIdOf } from './common.js';

const ITERATIONS = 1_000;

export function w3Cases(): CaseSpec[] {
  const base = { workload: 'W3', param: `iterations=${ITERATIONS}`, unit: 'iteration', units: ITERATIONS };
  const flow = flowOf(
    'w3-loop',
    'work',
    {
      work: { type: 'task', set: { i: '$vars.i + 1' }, next: 'check' },
      check: { type: 'branch', cases: [{ when: `$vars.i < ${ITERATIONS}`, next: 'work' }], default: 'done' },
      done: { type: 'succeed' },
    },
    { i: 0 },
  );
  return [
    ...flowsmithCases(base, (mode) => oneRunRep(flow, mode, { status: 'succeeded', steps: 2 * ITERATIONS + 1 })),
    peerCase(base, 'xstate', () => {
      const machine = setup({
        types: { context: {} as { i: number } },
        actors: { task: noopTask },
      }).createMachine({
        context: { i: 0 },
        initial: 'work',
        states: {
          work: { invoke: { src: 'task', onDone: { target: 'check', actions: assign({ i: ({ context }) => context.i + 1 }) } } },
          check: { always: [{ guard: ({ context }) => context.i < ITERATIONS, target: 'work' }, { target: 'done' }] },
          done: { type: 'final' },
        },
      });
      return {
        async run() {
          const actor = await runToDone(machine);
          expectDone(actor);
          if (actor.getSnapshot().context.i !== ITERATIONS) throw new Error('XState loop ran the wrong number of times');
        },
      };
    }),
    peerCase(base, 'node-red', async () => {
      const red = await startNodeRed([
        fn('work', ['check'], 'msg.i = (msg.i || 0) + 1; return msg;'),
        node({
          id: 'check', type: 'switch', property: 'i', propertyType: 'msg', checkall: 'false', repair: false, outputs: 2,
          rules: [{ t: 'lt', v: String(ITERATIONS), vt: 'num' }, { t: 'else' }], wires: [['work'], ['done']],
        }),
        doneNode('done'),
      ]);
      return {
        async run() {
          const done = red.awaitDone(1);
          red.inject('work', { payload: null, i: 0 });
          await done;
        },
        close: () => red.stop(),
      };
    }),
    ...floorCases(base, () => {
      const events: RunEvent[] = [ev.runStarted(flow)];
      for (let i = 1; i <= ITERATIONS; i++) {
        events.push(ev.started('work'), ev.succeeded('work', ['check'], null, { i }));
        events.push(ev.started('check'), ev.succeeded('check', [i < ITERATIONS ? 'work' : 'done']));
      }
      events.push(ev.started('done'), ev.succeeded('done', []), ev.runSucceeded());
      return perStep([events], [runIdOf(events)]);
    }),
  ];
}
