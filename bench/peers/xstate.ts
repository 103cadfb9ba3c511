/**
 * XState v5 as a peer: machines run by its interpreter (createActor), timers on its
 * SimulatedClock for virtual time. A Flowsmith task (a no-op step) is an XState state that invokes
 * a promise actor resolving null and moves on when it is done: the same shape of work, an async
 * unit between two journaled transitions, minus the journal.
 */
import type { AnyActorRef, AnyStateMachine } from 'xstate';
import { createActor, fromPromise, setup, SimulatedClock } from 'xstate';

export { SimulatedClock };

/** The no-op task: a promise actor that resolves null at once. */
export const noopTask = fromPromise(async () => null);

/**
 * A machine whose states are generated (N states, K regions), with `task` available to invoke.
 * XState's types describe machines written out by hand; a generated config is typed loosely here.
 */
export function generatedMachine(config: object): AnyStateMachine {
  return setup({ actors: { task: noopTask } }).createMachine(config as never) as unknown as AnyStateMachine;
}

/** `count` task states `${prefix}0…` chained in order, the last going to `then`. */
export function taskChain(prefix: string, count: number, then: string): Record<string, object> {
  const states: Record<string, object> = {};
  for (let i = 0; i < count; i++) {
    states[`${prefix}${i}`] = { invoke: { src: 'task', onDone: i < count - 1 ? `${prefix}${i + 1}` : then } };
  }
  return states;
}

/** Starts an actor of `machine` and resolves when it reaches a final state; rejects on error. */
export function runToDone(machine: AnyStateMachine, options: { clock?: SimulatedClock } = {}): Promise<AnyActorRef> {
  const actor = createActor(machine, options.clock ? { clock: options.clock } : {});
  return new Promise((resolve, reject) => {
    actor.subscribe({ complete: () => resolve(actor), error: reject });
    actor.start();
  });
}

/** Throws unless `actor` finished (status done). */
export function expectDone(actor: AnyActorRef): void {
  const status = actor.getSnapshot().status;
  if (status !== 'done') throw new Error(`XState actor ended ${status}, expected done`);
}
