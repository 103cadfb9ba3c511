/**
 * Helpers for the executor tests: a real ExecContext over a fresh temporary workdir, and process
 * checks that work where PID 1 does not reap orphans (containers): a zombie counts as gone.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExecContext } from './context.js';

/** A context plus what the tests look at: the abort controller and the log as received. */
export interface TestContext {
  ctx: ExecContext;
  abort: AbortController;
  logs: { stream: 'stdout' | 'stderr'; text: string }[];
  /** Concatenated log text of one stream. */
  logged(stream: 'stdout' | 'stderr'): string;
  /** Removes the workdir. */
  cleanup(): void;
}

/** Creates a context with a new temporary workdir (`flowsmith-exec-*`). */
export function testContext(step = 'step'): TestContext {
  const workdir = mkdtempSync(join(tmpdir(), 'flowsmith-exec-'));
  const abort = new AbortController();
  const logs: TestContext['logs'] = [];
  const ctx: ExecContext = {
    runId: 'run-test',
    step,
    attempt: 1,
    signal: abort.signal,
    workdir,
    log: (stream, text) => logs.push({ stream, text }),
  };
  return {
    ctx,
    abort,
    logs,
    logged: (stream) => logs.filter((l) => l.stream === stream).map((l) => l.text).join(''),
    cleanup: () => rmSync(workdir, { recursive: true, force: true }),
  };
}

/** True when `pid` has exited (no such process, or a zombie waiting for a reaper). */
export function isGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  if (process.platform !== 'linux') return false;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z';
  } catch {
    return true;
  }
}

/** Polls `check` every 20 ms until it is true or `timeoutMs` passed; returns its last value. */
export async function waitUntil(check: () => boolean, timeoutMs = 3000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
  return true;
}

/** Kills leftover test processes, ignoring ones already gone. */
export function killQuietly(pids: number[]): void {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
