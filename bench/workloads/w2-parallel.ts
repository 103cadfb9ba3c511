/**
 * W2: a parallel of K branches × 3 steps (K = 100 and 1,000). Unit: one branch step (3K per run).
 * Flowsmith: parallel step → K chains of 3 no-op tasks → join (mode all).
 * XState: a parallel state with K regions of 3 invoking states each, final when all regions are.
 * Node-RED: a function node wired to K chains of 3 function nodes, a join node (manual, count K).
 * Floor: per step transactions for the same events.
 */
import type { Step } from '../../engine/model/flow.js';
import type { RunEvent } from '../../engine/runtime/events.js';
import type { CaseSpec } from '../harness/types.js';
import { oneRunRep } from '../peers/flowsmith.js';
import { doneNode, fn, fnChain, node, startNodeRed } from '../peers/node-red.js';
import { perStep } from '../peers/sqlite-floor.js';
import { expectDone, generatedMachine, runToDone, taskChain as xstateChain } from '../peers/xstate.js';
import { ev, flowOf, flowsmithCases, floorCases, peerCase, runIdOf, taskChain } from './common.js';

const branch = (k: number) => `b${k}-`;

export function w2Cases(): CaseSpec[] {
  return [100, 1_000].flatMap((k) => {
    const base = { workload: 'W2', param: `K=${k}`, unit: 'step', units: 3 * k };
    const heads = Array.from({ length: k }, (_, i) => `${branch(i)}0`);
    const steps: Record<string, Step> = { fork: { type: 'parallel', branches: heads, join: 'joined' } };
    for (let i = 0; i < k; i++) Object.assign(steps, taskChain(branch(i), 3, 'joined'));
    steps.joined = { type: 'join' };
    const flow = flowOf('w2-parallel', 'fork', steps);
    return [
      ...flowsmithCases(base, (mode) => oneRunRep(flow, mode, { status: 'succeeded', steps: 3 * k + 2 })),
      peerCase(base, 'xstate', () => {
        const regions: Record<string, object> = {};
        for (let i = 0; i < k; i++) regions[`r${i}`] = { initial: 's0', states: { ...xstateChain('s', 3, 'end'), end: { type: 'final' } } };
        const machine = generatedMachine({
          initial: 'fork',
          states: { fork: { type: 'parallel', states: regions, onDone: 'done' }, done: { type: 'final' } },
        });
        return { run: async () => expectDone(await runToDone(machine)) };
      }),
      peerCase(base, 'node-red', async () => {
        const nodes = [fn('fork', heads)];
        for (let i = 0; i < k; i++) nodes.push(...fnChain(branch(i), 3, ['join']));
        nodes.push(
          node({
            id: 'join', type: 'join', mode: 'custom', build: 'array', property: 'payload', propertyType: 'msg', key: 'topic',
            joiner: '\\n', joinerType: 'str', useparts: false, accumulate: false, timeout: '', count: String(k),
            reduceRight: false, reduceExp: '', reduceInit: '', reduceInitType: '', reduceFixup: '', wires: [['done']],
          }),
          doneNode('done'),
        );
        const red = await startNodeRed(nodes);
        return {
          async run() {
            const done = red.awaitDone(1);
            red.inject('fork', { payload: null });
            await done;
          },
          close: () => red.stop(),
        };
      }),
      ...floorCases(base, () => {
        const events: RunEvent[] = [ev.runStarted(flow), ev.started('fork'), ev.succeeded('fork', heads)];
        for (let i = 0; i < k; i++) {
          for (let s = 0; s < 3; s++) {
            const id = `${branch(i)}${s}`;
            events.push(ev.started(id), ev.succeeded(id, [s < 2 ? `${branch(i)}${s + 1}` : 'joined']));
          }
        }
        events.push(ev.started('joined'), ev.succeeded('joined', []), ev.runSucceeded());
        return perStep([events], [runIdOf(events)]);
      }),
    ];
  });
}
