/**
 * What every executor receives and how it fails (DESIGN.md "Executors", STYLE.md §8 kind 2).
 * Executors do the side effects of task steps; the runtime decides retries, timeouts and catches
 * from the StepFailure names they throw.
 */
import type { Json } from '../model/flow.js';

/** Everything an executor needs besides its spec. One context per step attempt. */
export interface ExecContext {
  runId: string;
  step: string;
  /** 1 for the first attempt, 2 for the first retry, … */
  attempt: number;
  /**
   * Aborted on timeout or cancel: the executor must stop its work (kill the process group) and
   * reject promptly. When the reason is a StepFailure (e.g. `Timeout`) the executor rejects with it.
   */
  signal: AbortSignal;
  /** The run's working folder (absolute path); default cwd for shell. */
  workdir: string;
  /** Called with each chunk of output as it arrives (utf-8 text, not split into lines). */
  log(stream: 'stdout' | 'stderr', text: string): void;
  /**
   * Called once when the attempt's executor has finished (runtime/task.ts): stores what `log` held
   * back while it could still be the start of a secret (runtime/redact-stream.ts).
   */
  flushLog?(): void;
  /**
   * Shows a desktop notification (the Electron host); absent where there is no desktop (the CLI,
   * the web host), in which case the notify executor writes the text to the step log instead.
   * Rejects when the notification could not be shown.
   */
  notifyDesktop?(title: string, message: string): Promise<void>;
}

/**
 * A step failure as an exception: `name` is a DESIGN.md error name (`ShellExit`, `HttpStatus`,
 * `HttpError`, `Timeout`, `Cancelled`, …) that `retry` and `catch` match on; `details` is JSON kept
 * in the journal (exit code, output tails, status…). Never carries secrets.
 */
export class StepFailure extends Error {
  readonly details: Json | undefined;

  constructor(name: string, message: string, details?: Json) {
    super(message);
    this.name = name;
    this.details = details;
  }

  /** The failure as journal data: `{ name, message, details? }` (events.ts StepError). */
  toJSON(): { name: string; message: string; details?: Json } {
    return this.details === undefined
      ? { name: this.name, message: this.message }
      : { name: this.name, message: this.message, details: this.details };
  }
}

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
