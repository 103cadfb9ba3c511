/**
 * What every executor receives and how it fails (DESIGN.md "Executors", STYLE.md §8 kind 2).
 * Shared by the runtime (which builds an ExecContext per attempt and turns StepFailures into step
 * errors) and engine/executors (which do the side effects), so it sits at the bottom layer.
 */
import type { Json } from './flow.js';

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
   * Shows a desktop notification (the Electron host); absent where there is no desktop (the CLI,
   * the web host), in which case the notify executor writes the text to the step log instead.
   * Rejects when the notification could not be shown.
   */
  notifyDesktop?(title: string, message: string): Promise<void>;
  /**
   * Called once when the attempt's executor has finished (executors/task-body.ts): stores what `log` held
   * back while it could still be the start of a secret (runtime/redact-stream.ts).
   */
  flushLog?(): void;
  /**
   * Set for an attempt of a task with `callback`: the attempt's single-use token (a secret: it is
   * redacted from logs and never journaled). The shell executor also passes it as
   * FLOWSMITH_CALLBACK_TOKEN.
   */
  callbackToken?: string;
  /**
   * Called by the executor with what this attempt was given after interpolation (the command, the
   * request, the message, the script bindings), before it acts; the runtime journals it as
   * StepInput with secrets redacted (runtime/step-input.ts). Absent: nothing is recorded.
   */
  recordInput?(input: Json): void;
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

