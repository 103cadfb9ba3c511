/**
 * W1: a chain of N no-op steps (N = 1,000 and 10,000). Unit: one step.
 * Flowsmith: N task steps without executor, simulate mode (a task without mock succeeds with null).
 * XState: N states, each invoking a promise actor that resolves null, then the next state.
 * Node-RED: N function nodes `return msg;` wired in a line.
 * Floor: RunStarted, then StepStarted + StepSucceeded per step in one transaction, RunSucceeded.
 */
import type { CaseSpec } from '../harness/types.js';
import { oneRunRep } from '../peers/flowsmith.js';
import { doneNode, fnChain, startNodeRed } from '../peers/node-red.js';
import { perStep } from '../peers/sqlite-floor.js';
import { expectDone, generatedMachine, runToDone, taskChain as xstateChain } from '../peers/xstate.js';
import { chainEvents, flowOf, flowsmithCases, floorCases, peerCase, runIdOf, taskChain } from './common.js';

export function w1Cases(): CaseSpec[] {
  return [1_000, 10_000].flatMap((n) => {
    const base = { workload: 'W1', param: `N=${n}`, unit: 'step', units: n };
    const flow = flowOf('w1-chain', 's0', taskChain('s', n));
    const ids = Object.keys(flow.steps);
    return [
      ...flowsmithCases(base, (mode) => oneRunRep(flow, mode, { status: 'succeeded', steps: n })),
      peerCase(base, 'xstate', () => {
        const machine = generatedMachine({
          initial: 's0',
          states: { ...xstateChain('s', n, 'done'), done: { type: 'final' } },
        });
        return { run: async () => expectDone(await runToDone(machine)) };
      }),
      peerCase(base, 'node-red', async () => {
        const red = await startNodeRed([...fnChain('s', n, ['done']), doneNode('done')]);
        return {
          async run() {
            const done = red.awaitDone(1);
            red.inject('s0', { payload: null });
            await done;
          },
          close: () => red.stop(),
        };
      }),
      ...floorCases(base, () => {
        const events = chainEvents(flow, ids);
        return perStep([events], [runIdOf(events)]);
      }),
    ];
  });
}
