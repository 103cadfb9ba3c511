/**
 * The executor context of one attempt (ExecContext, model/execution.ts) as a class with plain
 * fields: an object literal with a getter and conditional spreads is built slowly and large
 * (bench W3: a loop of tasks with `set` starts an attempt per iteration). Its methods are not
 * bound: executors call them on the context (`ctx.log(…)`), never hand them on alone. Step logs are redacted as streams,
 * stored, then reported; the callback token, when there is one, is a secret of this attempt.
 */
import type { ExecContext } from '../model/execution.js';
import type { Json, StepId } from '../model/flow.js';
import type { AbortHandle } from './abort-handle.js';
import { CALLBACK_TOKEN_NAME } from './callbacks.js';
import type { StreamRedactor } from './redact-stream.js';
import { streamRedactor } from './redact-stream.js';
import type { Redactor } from './secrets.js';
import { redactorOf } from './secrets.js';
import type { StepHost } from './step-exec.js';

type Stream = 'stdout' | 'stderr';

const NO_SECRETS: Readonly<Record<string, string>> = Object.freeze({});

export class AttemptContext implements ExecContext {
  readonly runId: string;
  readonly workdir: string;
  readonly callbackToken?: string;
  readonly notifyDesktop?: (title: string, message: string) => Promise<void>;
  /** Set when a callback token is a secret of this attempt: its recorded input is redacted with it (issue #12). */
  private readonly inputRedactor?: Redactor;
  private readonly stdout: StreamRedactor;
  private readonly stderr: StreamRedactor;

  /**
   * Attempt `attempt` of step `step` run by `host`, aborted through `handle`. With `callbackToken`
   * the token is redacted (as `***CALLBACK_TOKEN***`) from this attempt's logs and recorded input
   * like the run's secrets, and handed to the executor.
   */
  constructor(
    private readonly host: StepHost,
    readonly step: StepId,
    readonly attempt: number,
    private readonly handle: AbortHandle,
    callbackToken?: string,
  ) {
    this.runId = host.id;
    this.workdir = host.state.workdir;
    const secrets = callbackToken === undefined ? (host.deps.secrets ?? NO_SECRETS) : { ...host.deps.secrets, [CALLBACK_TOKEN_NAME]: callbackToken };
    // Redacted as streams, so a secret cut across two chunks is caught (issue #11 item 5).
    this.stdout = streamRedactor(secrets);
    this.stderr = streamRedactor(secrets);
    if (callbackToken !== undefined) {
      this.callbackToken = callbackToken;
      this.inputRedactor = redactorOf(secrets);
    }
    const notify = host.deps.notifyDesktop;
    if (notify) this.notifyDesktop = (title, message) => notify(title, message, { run: host.id, step });
  }

  get signal(): AbortSignal {
    return this.handle.signal;
  }

  log(stream: Stream, raw: string): void {
    this.store(stream, (stream === 'stdout' ? this.stdout : this.stderr).push(raw));
  }

  flushLog(): void {
    this.store('stdout', this.stdout.flush());
    this.store('stderr', this.stderr.flush());
  }

  /** Journals what the attempt was given (StepInput); a compensation (attempt 0) records nothing. */
  recordInput(input: Json): void {
    if (this.attempt > 0) this.host.recordInput(this.step, this.attempt, input, this.inputRedactor);
  }

  private store(stream: Stream, text: string): void {
    if (text === '') return;
    const host = this.host;
    host.deps.journal.appendLog(host.id, this.step, this.attempt, stream, host.now(), text);
    host.deps.onLog?.(host.id, this.step, this.attempt, stream, text);
  }
}
