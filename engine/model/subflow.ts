/**
 * The nested sub-flow of a map step (DESIGN.md step types: "map … runs a nested sub-flow per
 * item"), as a Flow of its own so each item runs as a child run with the same runtime.
 */
import type { Flow, MapStep, StepId } from './flow.js';

/**
 * The sub-flow at `chain`: map step ids separated by `/`, outermost first (`outer/inner` for a map
 * nested in a map's steps). Keeps the parent's name and defaults. Throws Error when a link of the
 * chain is not a map step (a journal that does not match its flow: a bug or a tampered store).
 */
export function subflowOf(flow: Flow, chain: string): Flow {
  let current = flow;
  for (const id of chain.split('/')) {
    const step = current.steps[id as StepId];
    if (!step || step.type !== 'map') throw new Error(`${flow.name}: ${id} is not a map step, so ${chain} is no sub-flow`);
    current = mapBody(current, step);
  }
  return current;
}

/** The flow one map step runs per item. */
export function mapBody(parent: Flow, step: MapStep): Flow {
  return {
    flowsmith: parent.flowsmith,
    name: parent.name,
    start: step.start,
    steps: step.steps,
    ...(parent.defaults ? { defaults: parent.defaults } : {}),
  };
}
