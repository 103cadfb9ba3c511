/**
 * W5: 1,000 small runs started at once. Unit: one run (a chain of 3 no-op steps).
 * Flowsmith: 1,000 runs created on one journal (and one clock), then all driven concurrently.
 * XState: 1,000 actors of a 3-state invoking machine started together.
 * Node-RED: 1,000 messages injected at once into a chain of 3 function nodes.
 * Floor: the same events, one transaction per step; and the same events 100 per transaction
 * (what concurrent runs sharing commits could reach; issue #3's "9.5 µs per event" figure).
 */
import type { RunDriver } from '../../engine/runtime/driver.js';
import type { CaseSpec } from '../harness/types.js';
import type { Store } from '../peers/flowsmith.js';
import { expectRun, openStore, startRun } from '../peers/flowsmith.js';
import { doneNode, fnChain, startNodeRed } from '../peers/node-red.js';
import { batched, floorRep, perStep } from '../peers/sqlite-floor.js';
import { expectDone, generatedMachine, runToDone, taskChain as xstateChain } from '../peers/xstate.js';
import { chainEvents, flowOf, flowsmithCases, floorCases, peerCase, runIdOf, taskChain } from './common.js';

const RUNS = 1_000;
const STEPS = 3;

export function w5Cases(): CaseSpec[] {
  const base = { workload: 'W5', param: `runs=${RUNS}`, unit: 'run', units: RUNS };
  const flow = flowOf('w5-small', 's0', taskChain('s', STEPS));
  const ids = Object.keys(flow.steps);
  const floorTxs = () => {
    const runs = Array.from({ length: RUNS }, () => chainEvents(flow, ids));
    return perStep(runs, runs.map(runIdOf));
  };
  return [
    ...flowsmithCases(base, (mode) => {
      let store: Store | undefined;
      let ended: RunDriver['state'][] = [];
      let events = 0;
      return {
        before() {
          store = openStore(mode);
          events = 0;
        },
        async run() {
          const drivers: RunDriver[] = [];
          for (let i = 0; i < RUNS; i++) drivers.push(startRun(flow, store!, () => events++));
          ended = await Promise.all(drivers.map((d) => d.drive({ stopWhenWaiting: false })));
        },
        after() {
          for (const s of ended) expectRun(s, 'succeeded', STEPS);
          store!.close();
        },
        // RunStarted is journaled by createRun, before the driver reports events.
        extra: () => ({ eventsPerRep: events + RUNS }),
      };
    }),
    peerCase(base, 'xstate', () => {
      const machine = generatedMachine({
        initial: 's0',
        states: { ...xstateChain('s', STEPS, 'done'), done: { type: 'final' } },
      });
      return {
        async run() {
          const actors = await Promise.all(Array.from({ length: RUNS }, () => runToDone(machine)));
          actors.forEach(expectDone);
        },
      };
    }),
    peerCase(base, 'node-red', async () => {
      const red = await startNodeRed([...fnChain('s', STEPS, ['done']), doneNode('done')]);
      return {
        async run() {
          const done = red.awaitDone(RUNS);
          for (let i = 0; i < RUNS; i++) red.inject('s0', { payload: i });
          await done;
        },
        close: () => red.stop(),
      };
    }),
    ...floorCases(base, floorTxs),
    {
      ...base,
      param: `runs=${RUNS}, 100 events/commit`,
      engine: 'sqlite-floor',
      mode: 'durable',
      setup: () => floorRep(() => batched(floorTxs(), 100), true),
    },
  ];
}
