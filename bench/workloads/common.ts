/**
 * Shared pieces of the workload files: case factories for each engine, and builders for the
 * events Flowsmith journals (for the SQLite floor, which appends the same events without the engine).
 */
import type { Flow, Json, JsonObject, Step } from '../../engine/model/flow.js';
import type { RunEvent } from '../../engine/runtime/events.js';
import type { CaseSpec, Rep } from '../harness/types.js';
import type { FlowsmithMode } from '../peers/flowsmith.js';
import { FLOWSMITH_MODES, runStarted } from '../peers/flowsmith.js';
import type { Transaction } from '../peers/sqlite-floor.js';
import { floorRep } from '../peers/sqlite-floor.js';

/** What every case of one workload size shares. */
export type Sized = Pick<CaseSpec, 'workload' | 'param' | 'unit' | 'units' | 'kind' | 'maxReps'>;

/** Flowsmith's cases for one size: one per mode (sim, sim-mem, durable unless `modes` says otherwise). */
export function flowsmithCases(
  base: Sized,
  rep: (mode: FlowsmithMode) => Rep | Promise<Rep>,
  modes: readonly FlowsmithMode[] = FLOWSMITH_MODES,
): CaseSpec[] {
  return modes.map((mode) => ({ ...base, engine: 'flowsmith', mode, setup: () => rep(mode) }));
}

/** A peer's case (XState or Node-RED, in memory), or its n/a entry when `setup` is a reason. */
export function peerCase(base: Sized, engine: 'xstate' | 'node-red', setup: (() => Rep | Promise<Rep>) | string): CaseSpec {
  return typeof setup === 'string' ? { ...base, engine, mode: 'mem', na: setup } : { ...base, engine, mode: 'mem', setup };
}

/** The SQLite floor's cases for one size: in memory (beside sim) and on disk (beside durable). */
export function floorCases(base: Sized, txs: () => Transaction[]): CaseSpec[] {
  return [
    { ...base, engine: 'sqlite-floor', mode: 'sim', setup: () => floorRep(txs, false) },
    { ...base, engine: 'sqlite-floor', mode: 'durable', setup: () => floorRep(txs, true) },
  ];
}

/** A flow named `name` starting at `start`. */
export function flowOf(name: string, start: string, steps: Record<string, Step>, vars?: JsonObject): Flow {
  return { flowsmith: '1.0', name, start, steps, ...(vars ? { vars } : {}) };
}

/** `count` no-op task steps `${prefix}0…` in a chain, the last going to `then` (or ending its path). */
export function taskChain(prefix: string, count: number, then?: string): Record<string, Step> {
  const steps: Record<string, Step> = {};
  for (let i = 0; i < count; i++) {
    const next = i < count - 1 ? `${prefix}${i + 1}` : then;
    steps[`${prefix}${i}`] = next === undefined ? { type: 'task' } : { type: 'task', next };
  }
  return steps;
}

/** Builders for the events the driver journals, as in engine/runtime/driver.ts (virtual time: constant `at`). */
const at = Date.UTC(2026, 0, 1);
export const ev = {
  runStarted: (flow: Flow) => runStarted(flow, at),
  started: (step: string): RunEvent => ({ type: 'StepStarted', at, step, attempt: 1 }),
  succeeded: (step: string, next: string[], output: Json = null, vars?: JsonObject): RunEvent => ({
    type: 'StepSucceeded', at, step, output, next, ...(vars ? { vars } : {}),
  }),
  approvalRequested: (step: string, dueAt: number | null): RunEvent => ({
    type: 'ApprovalRequested', at, step, approvers: ['ops'], quorum: 1, message: '', dueAt,
  }),
  approvalGiven: (step: string): RunEvent => ({ type: 'ApprovalGiven', at, step, by: 'ops', verdict: 'approve' }),
  timedOut: (step: string, next: string[]): RunEvent => ({
    type: 'StepFailed', at, step, error: { name: 'Timeout', message: `${step}: nobody answered before the deadline` }, handled: true, next,
  }),
  runSucceeded: (): RunEvent => ({ type: 'RunSucceeded', at }),
};

/** A run's events for a chain of no-op tasks (what W1 and W5 journal per run). */
export function chainEvents(flow: Flow, ids: string[]): RunEvent[] {
  const events = [ev.runStarted(flow)];
  ids.forEach((id, i) => events.push(ev.started(id), ev.succeeded(id, i < ids.length - 1 ? [ids[i + 1]!] : [])));
  events.push(ev.runSucceeded());
  return events;
}

/** The run id inside a RunStarted event. */
export function runIdOf(events: readonly RunEvent[]): string {
  const first = events[0];
  if (first?.type !== 'RunStarted') throw new Error('events must begin with RunStarted');
  return first.run;
}
