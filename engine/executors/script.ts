/**
 * The script executor (DESIGN.md "Executors": "JavaScript in a worker thread with a time and memory
 * limit, input in, value out"). Each attempt gets its own worker thread, started from the source in
 * script-worker.ts, which runs the code with node:vm in a context that holds only the bindings,
 * the JavaScript built-ins (JSON, Math, Date, …) and a console feeding the step log.
 *
 * Two limits, because each catches what the other cannot: vm's `timeout` interrupts a synchronous
 * loop cleanly inside the worker; `worker.terminate()` stops anything else (a loop after an
 * `await`), on the step's timeout or cancel (`ctx.signal`) or after SCRIPT_LIMIT_MS.
 * Memory: the worker's V8 heap is capped by `resourceLimits.maxOldGenerationSizeMb`.
 *
 * The sandbox keeps honest mistakes and copied snippets away from the host (no require, process,
 * import(), fetch or files); node:vm is not a boundary against a determined attacker, which is why
 * flows from elsewhere run only in simulation until trusted (DESIGN.md "Security").
 */
import { Worker } from 'node:worker_threads';
import type { Json, JsonObject } from '../model/flow.js';
import { KEPT_BYTES } from './capture.js';
import type { ExecContext } from './context.js';
import { StepFailure, abortFailure } from './context.js';
import { SCRIPT_WORKER_SOURCE, type ScriptWorkerData, type ScriptWorkerMessage } from './script-worker.js';

/** Default memory limit of a script's worker (V8 old-generation heap), in MiB. */
export const SCRIPT_MEMORY_MB = 64;
/** Longest a script may run, in milliseconds, whatever the step's timeout (the shorter wins). */
export const SCRIPT_LIMIT_MS = 30_000;
/** Console output forwarded to the step log per attempt (1 MiB); a note marks the cut. */
export const SCRIPT_MAX_LOG_BYTES = KEPT_BYTES;
/** Largest output a script may return, in bytes of JSON text (1 MiB), as shell and http keep. */
export const SCRIPT_MAX_OUTPUT_BYTES = KEPT_BYTES;

/**
 * What a script sees, each key as a global named with a `$` in front: `$input`, `$vars`,
 * `$steps` (`{ <id>: { output, status } }`), `$run` (`{ id, flow, workdir?, startedAt? }`), and
 * `$item`, `$index`, `$error`, which are null outside a map body or an error handler.
 * The same names and values as expressions' bindings (DESIGN.md "Expressions"), as JSON copies:
 * changing them inside the script changes nothing in the run.
 */
export interface ScriptInput {
  input: JsonObject;
  vars: JsonObject;
  steps: Record<string, { output: Json; status: string }>;
  run: JsonObject;
  item: Json;
  index: number | null;
  error: { name: string; message: string } | null;
}

/** A script to run: the task's `script` (model/flow.ts ScriptSpec) plus its input. */
export interface ScriptRequest {
  code: string;
  /** Worker heap limit in MiB; default SCRIPT_MEMORY_MB. */
  memoryMb?: number;
  /** Overall limit in milliseconds; default SCRIPT_LIMIT_MS (not a flow field: tests shorten it). */
  limitMs?: number;
  input: ScriptInput;
}

let liveWorkers = 0;

/** Script workers started and not yet exited (diagnostics; tests check that aborts end them). */
export function liveScriptWorkers(): number {
  return liveWorkers;
}

/**
 * Runs `spec.code` and resolves with its output: the value of its last expression, or, when the
 * code uses a top-level `return` or `await`, what it returns; a promise is awaited; undefined
 * becomes null. `console.log/info/debug` go to the stdout log, `console.warn/error` to stderr.
 * Rejects with StepFailure:
 * - `ScriptError`: the code does not parse, throws or rejects (message with line:column in the
 *   code when known; details `{ line?, column?, errorName? }`), returns something that is not JSON
 *   (a function, undefined in an array, NaN, a Date, a Map, a cycle; the message says what and
 *   where), returns more than 1 MiB, ends with a promise that never settles, or runs out of
 *   memory (details `{ reason: 'memory', memoryMb }`);
 * - `Timeout`: it ran longer than `limitMs` (details `{ limitMs }`);
 * - the abort reason (`Timeout`/`Cancelled`) when `ctx.signal` aborts; the worker is terminated.
 */
export function runScript(spec: ScriptRequest, ctx: ExecContext): Promise<Json> {
  if (ctx.signal.aborted) return Promise.reject(abortFailure(ctx.signal));
  const memoryMb = spec.memoryMb ?? SCRIPT_MEMORY_MB;
  const limitMs = spec.limitMs ?? SCRIPT_LIMIT_MS;
  const workerData: ScriptWorkerData = {
    code: spec.code,
    inputJson: JSON.stringify(spec.input),
    limitMs,
    maxLogBytes: SCRIPT_MAX_LOG_BYTES,
    maxOutputBytes: SCRIPT_MAX_OUTPUT_BYTES,
  };

  return new Promise<Json>((resolve, reject) => {
    const worker = new Worker(SCRIPT_WORKER_SOURCE, {
      eval: true,
      workerData,
      env: {}, // no engine environment (tokens, keys) inside the worker
      resourceLimits: { maxOldGenerationSizeMb: memoryMb },
    });
    liveWorkers++;
    let settled = false;
    const settle = (action: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      ctx.signal.removeEventListener('abort', onAbort);
      void worker.terminate();
      action();
    };
    // Catches what vm's timeout cannot: work after an `await`, or a worker stuck starting.
    const timer = setTimeout(() => settle(() => reject(timeoutFailure(limitMs))), limitMs);
    const onAbort = () => settle(() => reject(abortFailure(ctx.signal)));
    ctx.signal.addEventListener('abort', onAbort, { once: true });

    worker.on('message', (message: ScriptWorkerMessage) => {
      if (message.kind === 'log') {
        if (!settled) log(ctx, message.stream, message.text);
      } else if (message.kind === 'done') {
        settle(() => resolve(JSON.parse(message.json) as Json));
      } else {
        settle(() => reject(message.reason === 'timeout' ? timeoutFailure(limitMs) : scriptFailure(message)));
      }
    });
    worker.on('error', (err: Error & { code?: string }) =>
      settle(() =>
        reject(
          err.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new StepFailure('ScriptError', `script ran out of memory (limit ${memoryMb} MiB); raise memoryMb or handle less data at once`, { reason: 'memory', memoryMb })
            : new StepFailure('ScriptError', `script worker failed: ${err.message}`),
        ),
      ),
    );
    worker.on('exit', () => {
      liveWorkers--;
      // Only reached with no result when the script's last promise never settled: nothing in the
      // sandbox (no timers, no I/O) could ever settle it, so the worker's event loop ran dry.
      settle(() => reject(new StepFailure('ScriptError', 'script ended without a result: it awaits a promise that never settles')));
    });
  });
}

/** The StepFailure for a `fail` message other than timeout. */
function scriptFailure(m: Extract<ScriptWorkerMessage, { kind: 'fail' }>): StepFailure {
  const text = m.message.length > 2000 ? `${m.message.slice(0, 2000)}…` : m.message;
  const at = m.line === undefined ? '' : m.column === undefined ? ` at line ${m.line}` : ` at line ${m.line}:${m.column}`;
  const details: JsonObject = {};
  if (m.line !== undefined) details.line = m.line;
  if (m.column !== undefined) details.column = m.column;
  if (m.errorName !== undefined) details.errorName = m.errorName;
  switch (m.reason) {
    case 'syntax':
      return new StepFailure('ScriptError', `script does not parse${at}: ${text}`, details);
    case 'output':
      return new StepFailure('ScriptError', `${text}; return plain objects, arrays, strings, finite numbers, booleans or null`);
    default:
      return m.errorName === undefined
        ? new StepFailure('ScriptError', `script threw ${text}`, details)
        : new StepFailure('ScriptError', `script failed${at}: ${m.errorName}: ${text}`, details);
  }
}

function timeoutFailure(limitMs: number): StepFailure {
  return new StepFailure('Timeout', `script ran longer than ${limitMs / 1000} s, the limit for one script; do less per step`, { limitMs });
}

function log(ctx: ExecContext, stream: 'stdout' | 'stderr', text: string): void {
  try {
    ctx.log(stream, text);
  } catch {
    // A failing log sink must not crash the engine from inside a worker message handler.
  }
}
