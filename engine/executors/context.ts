/**
 * What every executor receives and how it fails (DESIGN.md "Executors", STYLE.md §8 kind 2).
 * Executors do the side effects of task steps; the runtime decides retries, timeouts and catches
 * from the StepFailure names they throw.
 */
import type { Json } from '../model/flow.js';

// ExecContext and StepFailure live in engine/model (the runtime builds one and catches the other,
// and may not import executors: STYLE.md §1, issue #10).
import { StepFailure } from '../model/execution.js';
export type { ExecContext } from '../model/execution.js';
export { StepFailure };

/**
 * The error an aborted executor rejects with: the signal's reason when it is a StepFailure
 * (the runtime aborts with `Timeout` or `Cancelled` failures), else a generic `Cancelled`.
 */
export function abortFailure(signal: AbortSignal): StepFailure {
  const reason: unknown = signal.reason;
  if (reason instanceof StepFailure) return reason;
  const why = reason instanceof Error && reason.name !== 'AbortError' ? `: ${reason.message}` : '';
  return new StepFailure('Cancelled', `step cancelled${why}`);
}

/** Keeps the last `maxChars` characters of a text, marking the cut with `…`. */
export function tail(text: string, maxChars = 4000): string {
  return text.length <= maxChars ? text : `…${text.slice(text.length - maxChars)}`;
}

/**
 * Parses text as JSON when it looks like a JSON object or array (after trimming), else undefined.
 * Bare scalars (`42`, `true`) are deliberately not parsed: a command printing a count or a word
 * should keep `{ stdout }`, so expressions over it do not change shape with the data.
 */
export function parseJsonDocument(text: string): Json | undefined {
  const trimmed = text.trim();
  const first = trimmed[0];
  if (first !== '{' && first !== '[') return undefined;
  try {
    return JSON.parse(trimmed) as Json;
  } catch {
    return undefined;
  }
}
