/**
 * A request a user got wrong (unknown approver, step not waiting, run not paused): carries a
 * CLI-ready message. Thrown by the driver and the debugging protocol; the CLI exits 2 with it.
 */
export class RunRequestError extends Error {
  override name = 'RunRequestError';
}
