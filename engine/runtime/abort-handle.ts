/**
 * The abort handle of one attempt (or compensation) this process executes, named for what it is
 * (issue #10 point 6). Its AbortSignal is made only when an executor asks for it: simulated steps
 * without a duration never ask, which saves an AbortController per step (issue #3 benchmarks:
 * AbortSignal creation was the top cost of W1).
 */
export class AbortHandle {
  private controller: AbortController | null = null;
  private reason: unknown = undefined;
  private isAborted = false;

  /** The signal executors watch; aborted already if abort() came first. */
  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.isAborted) this.controller.abort(this.reason);
    }
    return this.controller.signal;
  }

  get aborted(): boolean {
    return this.isAborted;
  }

  /** Aborts the attempt with `reason` (a StepFailure such as Cancelled or Timeout). Idempotent. */
  abort(reason: unknown): void {
    if (this.isAborted) return;
    this.isAborted = true;
    this.reason = reason;
    this.controller?.abort(reason);
  }
}
