/**
 * W7: memory held per run waiting at an approval. Unit: KB of V8 heap per waiting run.
 * Flowsmith: M = 1,000 runs of a one-approval flow driven until they wait (stopWhenWaiting),
 * drivers kept; heap after a full GC, minus the heap before (the journal and flow already open).
 * XState: M actors of a machine waiting for APPROVE, kept; same heap delta.
 * Node-RED: n/a. Floor: n/a (it holds nothing).
 * SQLite's own memory (`:memory:` pages, the page cache of a durable store) is native, outside the
 * V8 heap; results.json keeps the RSS delta per run beside the heap figure.
 */
import { createActor, setup } from 'xstate';
import type { AnyActorRef } from 'xstate';
import type { RunDriver } from '../../engine/runtime/driver.js';
import type { CaseSpec } from '../harness/types.js';
import { collectGarbage } from '../harness/measure.js';
import type { Store } from '../peers/flowsmith.js';
import { openStore, startRun } from '../peers/flowsmith.js';
import { flowOf, flowsmithCases, peerCase } from './common.js';
import { NODE_RED_NO_APPROVALS } from './w4-approvals.js';

const M = 1_000;

/** Runs `hold` (which must keep what it makes reachable) and returns heap and RSS bytes per unit. */
async function heldBytes(units: number, hold: () => Promise<unknown> | unknown): Promise<{ heap: number; rss: number; keep: unknown }> {
  collectGarbage();
  const before = process.memoryUsage();
  const keep = await hold();
  collectGarbage();
  const after = process.memoryUsage();
  return { heap: (after.heapUsed - before.heapUsed) / units, rss: (after.rss - before.rss) / units, keep };
}

export function w7Cases(): CaseSpec[] {
  const base = { workload: 'W7', param: `M=${M} runs`, unit: 'run', units: M, kind: 'memory' as const };
  const flow = flowOf('w7-waiting', 'approve', {
    approve: { type: 'approval', approvers: ['ops'], next: 'done' },
    done: { type: 'succeed' },
  });
  return [
    ...flowsmithCases(base, (mode) => {
      let store: Store | undefined;
      const rss: number[] = [];
      return {
        before() {
          store = openStore(mode);
        },
        async run() {
          const { heap, rss: r, keep } = await heldBytes(M, async () => {
            const drivers: RunDriver[] = [];
            for (let i = 0; i < M; i++) drivers.push(startRun(flow, store!));
            await Promise.all(drivers.map((d) => d.drive({ stopWhenWaiting: true })));
            return drivers;
          });
          for (const d of keep as RunDriver[]) if (d.state.steps.approve?.status !== 'waiting') throw new Error('run is not waiting');
          rss.push(r);
          return heap;
        },
        after() {
          store!.close();
        },
        extra: () => ({ rssBytesPerRun: Math.round(rss.sort((a, b) => a - b)[rss.length >> 1] ?? 0) }),
      };
    }),
    peerCase(base, 'xstate', () => {
      const machine = setup({}).createMachine({
        initial: 'waiting',
        states: { waiting: { on: { APPROVE: 'approved' } }, approved: { type: 'final' } },
      });
      const rss: number[] = [];
      return {
        async run() {
          const { heap, rss: r, keep } = await heldBytes(M, () => {
            const actors: AnyActorRef[] = [];
            for (let i = 0; i < M; i++) actors.push(createActor(machine).start());
            return actors;
          });
          for (const a of keep as AnyActorRef[]) if (a.getSnapshot().value !== 'waiting') throw new Error('actor is not waiting');
          rss.push(r);
          return heap;
        },
        extra: () => ({ rssBytesPerRun: Math.round(rss.sort((a, b) => a - b)[rss.length >> 1] ?? 0) }),
      };
    }),
    peerCase(base, 'node-red', NODE_RED_NO_APPROVALS),
  ];
}
