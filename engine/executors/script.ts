/**
 * The script executor (DESIGN.md "Executors": "JavaScript in a worker thread with a time and memory
 * limit, input in, value out"). Each attempt gets its own worker thread, started from the source in
 * script-worker.ts, which runs the code in QuickJS (WebAssembly, quickjs-emscripten) with only the
 * bindings, the JavaScript built-ins (JSON, Math, Date, …) and a console feeding the step log.
 *
 * The boundary is QuickJS (issue #11 item 1: node:vm leaked `process` through constructor chains):
 * the script's objects live in WebAssembly memory and no host object is ever handed in. Limits:
 * QuickJS's interrupt handler stops any loop at the deadline, its allocator refuses memory past
 * `memoryMb` and its stack limit stops deep recursion, each failing the step only (item 2); the
 * worker thread is the outer fence, terminated on the step's timeout or cancel (`ctx.signal`) or
 * shortly after SCRIPT_LIMIT_MS, whatever the WebAssembly is doing.
 */
import { createRequire } from 'node:module';
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
 * QuickJS stack limit, in bytes. Below the worker's own stack (SCRIPT_WORKER_STACK_MB), so deep
 * recursion ends as QuickJS's "stack overflow" before the WebAssembly exhausts the thread.
 */
const SCRIPT_STACK_BYTES = 256 * 1024;
const SCRIPT_WORKER_STACK_MB = 8;
/** V8 heap of the worker itself (the host side: messages, the QuickJS loader), in MiB. */
const SCRIPT_WORKER_HEAP_MB = 96;
/** Extra time the worker gets past QuickJS's deadline to report the timeout itself. */
const SCRIPT_GRACE_MS = 1_000;

let quickjsPath: string | undefined;
/** The quickjs-emscripten entry the worker loads (an external package in the bundle too). */
function quickjsEntry(): string {
  quickjsPath ??= createRequire(import.meta.url).resolve('quickjs-emscripten');
  return quickjsPath;
}

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
  /** `$callback` (`{token}`) while a task with `callback` runs; absent otherwise. */
  callback?: { token: string };
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
    memoryBytes: memoryMb * 1024 * 1024,
    stackBytes: SCRIPT_STACK_BYTES,
    quickjsPath: quickjsEntry(),
    maxLogBytes: SCRIPT_MAX_LOG_BYTES,
    maxOutputBytes: SCRIPT_MAX_OUTPUT_BYTES,
  };

  return new Promise<Json>((resolve, reject) => {
    const worker = new Worker(SCRIPT_WORKER_SOURCE, {
      eval: true,
      workerData,
      env: {}, // no engine environment (tokens, keys) inside the worker
      // The script's memory is QuickJS's (in WebAssembly memory, capped by memoryBytes); these
      // bound the worker's own JavaScript, so a fault there also ends in the worker, not the engine.
      resourceLimits: { maxOldGenerationSizeMb: SCRIPT_WORKER_HEAP_MB, stackSizeMb: SCRIPT_WORKER_STACK_MB },
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
    // QuickJS's interrupt handler stops the script at limitMs; this catches a worker stuck anywhere else.
    const timer = setTimeout(() => settle(() => reject(timeoutFailure(limitMs))), limitMs + SCRIPT_GRACE_MS);
    const onAbort = () => settle(() => reject(abortFailure(ctx.signal)));
    ctx.signal.addEventListener('abort', onAbort, { once: true });

    worker.on('message', (message: ScriptWorkerMessage) => {
      if (message.kind === 'log') {
        if (!settled) log(ctx, message.stream, message.text);
      } else if (message.kind === 'done') {
        settle(() => resolve(JSON.parse(message.json) as Json));
      } else {
        settle(() => reject(message.reason === 'timeout' ? timeoutFailure(limitMs) : scriptFailure(message, memoryMb)));
      }
    });
    worker.on('error', (err: Error & { code?: string }) =>
      settle(() =>
        reject(
          err.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? memoryFailure(memoryMb)
            : new StepFailure('ScriptError', `script worker failed: ${err.message}`),
        ),
      ),
    );
    worker.on('exit', () => {
      liveWorkers--;
      // The worker always posts a result before it ends; reaching this means it died without one.
      settle(() => reject(new StepFailure('ScriptError', 'script worker ended without a result')));
    });
  });
}

/** The StepFailure for a `fail` message other than timeout. */
function scriptFailure(m: Extract<ScriptWorkerMessage, { kind: 'fail' }>, memoryMb: number): StepFailure {
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
    case 'memory':
      return memoryFailure(memoryMb);
    case 'stack':
      return new StepFailure('ScriptError', `script nests too deep (stack overflow${at}); use a loop instead of deep recursion`, { ...details, reason: 'stack' });
    case 'pending':
      return new StepFailure('ScriptError', 'script ended without a result: it awaits a promise that never settles');
    default:
      return m.errorName === undefined
        ? new StepFailure('ScriptError', `script threw ${text}`, details)
        : new StepFailure('ScriptError', `script failed${at}: ${m.errorName}: ${text}`, details);
  }
}

function memoryFailure(memoryMb: number): StepFailure {
  return new StepFailure('ScriptError', `script ran out of memory (limit ${memoryMb} MiB); raise memoryMb or handle less data at once`, { reason: 'memory', memoryMb });
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
