/**
 * How the CLI ends (DESIGN.md "Interfaces"): exit codes and the one-line error on stderr.
 */
import { InputError } from '../service/inputs.js';
import { FlowInvalidError } from '../service/run-service.js';
import { UntrustedFlowError } from '../service/trust.js';
import { RunRequestError } from '../runtime/driver.js';
import type { RunStatus } from '../runtime/state.js';

export const ExitCode = { ok: 0, failed: 1, usage: 2, waiting: 3 } as const;

/** Thrown for bad usage or unreadable input: exit 2 with the message. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The exit code for a run that stopped with `status`. */
export function exitCodeOf(status: RunStatus): number {
  if (status === 'succeeded') return ExitCode.ok;
  if (status === 'waiting' || status === 'running' || status === 'paused') return ExitCode.waiting;
  return ExitCode.failed;
}

/** Prints an error the way DESIGN.md asks (where and what to do) and returns the exit code. */
export function reportError(err: unknown): number {
  if (err instanceof FlowInvalidError) {
    process.stderr.write(`${err.message}\n`);
    return ExitCode.failed;
  }
  // An untrusted flow is refused before it runs, like bad usage; the message says to add --trust.
  if (err instanceof UsageError || err instanceof InputError || err instanceof RunRequestError || err instanceof UntrustedFlowError) {
    process.stderr.write(`flowsmith: ${err.message}\n`);
    return ExitCode.usage;
  }
  const e = err as { code?: string; message?: string };
  if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return ExitCode.ok;
  if (typeof e.code === 'string' && e.code.startsWith('commander.')) return ExitCode.usage;
  process.stderr.write(`flowsmith: ${e.message ?? String(err)}\n`);
  return ExitCode.usage;
}
