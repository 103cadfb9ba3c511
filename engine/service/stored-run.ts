/**
 * A run as the store holds it, ready to be driven again (RunService.open): its journal and the
 * flow version it started with, narrowed to a map body for a map item's run.
 */
import type { Flow } from '../model/flow.js';
import { subflowOf } from '../model/subflow.js';
import { RunRequestError } from '../runtime/driver.js';
import type { RunEvent, RunId, RunMode } from '../runtime/events.js';
import type { Journal } from '../store/journal.js';
import { validateText } from '../validate/index.js';

/** What rebuilds a driver for a stored run: the flow it executes, its events (at least RunStarted) and its mode. */
export interface StoredRun {
  flow: Flow;
  events: RunEvent[];
  mode: RunMode;
}

/**
 * Reads run `id` and its flow version from `journal`. Throws RunRequestError for an unknown run,
 * Error when its flow version is missing or no longer parses.
 */
export function storedRun(journal: Journal, id: RunId): StoredRun {
  const row = journal.run(id);
  if (!row) throw new RunRequestError(`no run ${id} in this store; list runs with: flowsmith runs`);
  const text = journal.flowText(row.flow, row.flowHash);
  if (text === undefined) throw new Error(`the flow version of run ${id} is missing from the store`);
  const { loaded } = validateText(text, row.flowPath);
  if (!loaded.flow) throw new Error(`the stored flow of run ${id} no longer parses`);
  const events = journal.events(id).map((e) => e.event);
  const first = events[0];
  // A map item's run executes the map's nested steps (RunStarted.subflow names the chain).
  const flow = first?.type === 'RunStarted' && first.subflow ? subflowOf(loaded.flow, first.subflow) : loaded.flow;
  return { flow, events, mode: row.mode };
}
