/**
 * The shell executor (DESIGN.md "Executors"): runs a command with `/bin/sh -c` in its own process
 * group, streams its output to the step log, and turns its stdout into the step's output.
 *
 * Background processes: the step ends when the shell itself exits, not when every process it
 * started has finished. A command that starts a server must redirect the server's output
 * (`node server.js > server.log 2>&1 &`) and record its pid for a later step to stop it. A background
 * process that keeps the step's stdout/stderr open is tolerated: the step still ends DRAIN_MS after
 * the shell exits (with a note in the log), but the process loses its output pipe.
 *
 * POSIX only: process groups and `kill(-pgid)` have no Windows equivalent here.
 * Uses node:child_process rather than execa because execa resolves only once every holder of the
 * output pipes has closed them, which is exactly the background-server hang we must avoid.
 */
import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import type { Json, ShellSpec } from '../model/flow.js';
import { OutputCapture } from './capture.js';
import type { ExecContext } from './context.js';
import { StepFailure, abortFailure, parseJsonDocument } from './context.js';

/** Time between SIGTERM and SIGKILL when a step is aborted, in milliseconds. */
export const KILL_GRACE_MS = 2000;
/** How long to wait for the output pipes to close after the shell exited, in milliseconds. */
export const DRAIN_MS = 300;
/** How many times the drain window restarts while output keeps arriving after the shell exited. */
const DRAIN_REARMS = 10;

/**
 * Runs `spec.command` with `spec.shell` (default `/bin/sh`) `-c`, in `spec.cwd` resolved against
 * `ctx.workdir` (default: the workdir), with env = process.env + FLOWSMITH_WORKDIR + `spec.env`.
 * stdin is closed; stdout/stderr go to `ctx.log` as they arrive and are kept up to 1 MiB each.
 *
 * Resolves with the JSON object/array stdout holds, else
 * `{ exitCode: 0, stdout, stderr, truncated? }` (trailing newlines removed, as `$(…)` does).
 * Rejects with StepFailure `ShellExit` (non-zero exit, killed by a signal, missing cwd or shell;
 * details `{ exitCode, signal?, stdout, stderr }` with the last 4000 characters of each), or on
 * `ctx.signal` abort, after killing the whole process group, with the abort reason when it is a
 * StepFailure (`Timeout`), else `Cancelled`.
 */
export function runShell(spec: ShellSpec, ctx: ExecContext): Promise<Json> {
  if (ctx.signal.aborted) return Promise.reject(abortFailure(ctx.signal));
  const shell = spec.shell ?? '/bin/sh';
  const cwd = resolvePath(ctx.workdir, spec.cwd ?? '.');
  if (!isDirectory(cwd)) {
    const message = `working folder ${cwd} does not exist; create it in an earlier step or fix cwd`;
    return Promise.reject(new StepFailure('ShellExit', message, { exitCode: null }));
  }

  return new Promise<Json>((resolve, reject) => {
    const child = spawn(shell, ['-c', spec.command], {
      cwd,
      env: { ...process.env, FLOWSMITH_WORKDIR: ctx.workdir, ...spec.env },
      detached: true, // own process group (setsid), so abort can kill grandchildren too
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const log = (stream: 'stdout' | 'stderr', text: string) => ctx.log(stream, text);
    const stdout = new OutputCapture('stdout', log);
    const stderr = new OutputCapture('stderr', log);
    // Output read since the drain window was (re)armed: the pipes are still delivering.
    let isDelivering = false;
    child.stdout.on('data', (chunk: Buffer) => {
      isDelivering = true;
      stdout.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      isDelivering = true;
      stderr.push(chunk);
    });

    let settled = false;
    let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    let drainTimer: NodeJS.Timeout | undefined;

    const settle = (action: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(drainTimer);
      ctx.signal.removeEventListener('abort', onAbort);
      action();
    };
    const finish = () =>
      settle(() => {
        stdout.end();
        stderr.end();
        const { code, signal } = exited ?? { code: null, signal: null };
        if (code === 0) resolve(successOutput(stdout, stderr));
        else reject(exitFailure(code, signal, stdout, stderr));
      });
    const onAbort = () => {
      if (child.pid !== undefined) killGroup(child.pid);
      // Reject once the shell is gone (at once if it already exited and we are only draining).
      if (exited) settle(() => reject(abortFailure(ctx.signal)));
    };
    ctx.signal.addEventListener('abort', onAbort, { once: true });

    child.on('error', (err) =>
      settle(() => reject(new StepFailure('ShellExit', `could not start ${shell}: ${err.message}`, { exitCode: null }))),
    );
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      if (ctx.signal.aborted) return settle(() => reject(abortFailure(ctx.signal)));
      // `exit` can come before the pipes are read (one SIGCHLD reaps every child), and a busy event
      // loop runs timers before it polls the pipes: so the window is checked after a poll pass
      // (setImmediate) and re-armed while output still arrives, up to DRAIN_REARMS times.
      let rearms = 0;
      const arm = () => {
        isDelivering = false;
        drainTimer = setTimeout(() =>
          setImmediate(() => {
            if (settled) return;
            if (isDelivering && rearms++ < DRAIN_REARMS) return arm();
            // A background process still holds our pipes: stop reading so the step can end.
            ctx.log('stderr', '[flowsmith] a background process kept this step\'s output open; redirect its output (> file 2>&1 &)\n');
            child.stdout.destroy();
            child.stderr.destroy();
            finish();
          }), DRAIN_MS);
      };
      arm();
    });
    child.on('close', () => {
      if (exited && !ctx.signal.aborted) finish();
    });
  });
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function successOutput(stdout: OutputCapture, stderr: OutputCapture): Json {
  const out = stdout.text();
  const parsed = stdout.truncated ? undefined : parseJsonDocument(out);
  if (parsed !== undefined) return parsed;
  const result: { [key: string]: Json } = { exitCode: 0, stdout: trimNewlines(out), stderr: trimNewlines(stderr.text()) };
  if (stdout.truncated || stderr.truncated) result.truncated = true;
  return result;
}

function exitFailure(code: number | null, signal: string | null, stdout: OutputCapture, stderr: OutputCapture): StepFailure {
  const last = lastLine(stderr.tailText()) ?? lastLine(stdout.tailText());
  const what = code !== null ? `exit code ${code}` : `killed by ${signal ?? 'an unknown signal'}`;
  const details: { [key: string]: Json } = { exitCode: code, stdout: stdout.tailText(), stderr: stderr.tailText() };
  if (signal) details.signal = signal;
  return new StepFailure('ShellExit', last ? `${what}: ${last}` : what, details);
}

function trimNewlines(text: string): string {
  return text.replace(/[\r\n]+$/, '');
}

function lastLine(text: string): string | undefined {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  return lines[lines.length - 1];
}

/**
 * Sends SIGTERM to the process group `pgid`, then SIGKILL after KILL_GRACE_MS if any member is
 * still there. Polls every 100 ms so a group that exits quietly stops the timer early.
 */
export function killGroup(pgid: number, graceMs = KILL_GRACE_MS): void {
  if (!signalGroup(pgid, 'SIGTERM')) return;
  const deadline = Date.now() + graceMs;
  const poll = setInterval(() => {
    if (!signalGroup(pgid, 0)) clearInterval(poll);
    else if (Date.now() >= deadline) {
      signalGroup(pgid, 'SIGKILL');
      clearInterval(poll);
    }
  }, 100);
}

/** Signals every process of the group; false when the group no longer exists. */
function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
