/**
 * The source of the worker thread that runs one flow script (script.ts starts it), and the
 * messages it posts back.
 *
 * The script runs in QuickJS compiled to WebAssembly (quickjs-emscripten), not in node:vm: a
 * node:vm context shares the engine's heap and its intrinsics leak through any object of the host
 * realm (`e.constructor.constructor('return process')()`, issue #11 item 1). Inside QuickJS there
 * is no host object at all: the bindings enter as JSON text parsed by QuickJS, `console` calls one
 * host function that takes strings only, and the limits are QuickJS's own: a memory limit on its
 * allocator (a huge string fails the script with "out of memory" instead of aborting the engine,
 * item 2), a stack limit, and an interrupt handler with a deadline for loops, including loops after
 * an `await` (pending jobs run under the same handler). The worker thread stays as the outer
 * fence: the step's timeout or cancel terminates it, whatever state the WebAssembly is in.
 *
 * The source is a string run with `new Worker(source, { eval: true })` rather than a file: the
 * engine is bundled by esbuild into single files (package.json build:engine), where a sibling
 * worker file would not exist, and `fn.toString()` of bundled or test-transformed code may
 * reference helpers the worker lacks. quickjs-emscripten stays an external package; script.ts
 * resolves its path and passes it in. It is plain CommonJS JavaScript: no backticks or dollar-brace
 * inside it (this is a String.raw template).
 */

/** What the worker receives as workerData. */
export interface ScriptWorkerData {
  code: string;
  /** The script's bindings as JSON text: `{ input, vars, steps, run, item, index, error }`. */
  inputJson: string;
  /** Deadline of the script inside QuickJS (interrupt handler), in milliseconds from its start. */
  limitMs: number;
  /** QuickJS allocator limit, in bytes. */
  memoryBytes: number;
  /** QuickJS stack limit, in bytes. */
  stackBytes: number;
  /** Console output forwarded before the log is cut, in bytes. */
  maxLogBytes: number;
  /** Largest output accepted, in bytes of JSON text. */
  maxOutputBytes: number;
  /** Absolute path of the quickjs-emscripten package entry (require.resolve in script.ts). */
  quickjsPath: string;
}

/** Messages the worker posts: console lines, then exactly one `done` or `fail`. */
export type ScriptWorkerMessage =
  | { kind: 'log'; stream: 'stdout' | 'stderr'; text: string }
  | { kind: 'done'; json: string }
  | {
      kind: 'fail';
      /**
       * thrown: the script threw or rejected; syntax: it does not parse; timeout: past its deadline;
       * output: not JSON or too big; memory: past its memory limit; stack: nested too deep;
       * pending: it awaits a promise that never settles.
       */
      reason: 'thrown' | 'syntax' | 'timeout' | 'output' | 'memory' | 'stack' | 'pending';
      message: string;
      /** The JavaScript error class (`TypeError`), when an Error was thrown. */
      errorName?: string;
      /** 1-based position in the user's code, when known. */
      line?: number;
      column?: number;
    };

/**
 * Runs inside QuickJS before the user's code (its source is evaluated there). Defines the
 * `$`-bindings and `console`, and returns `finish` and `describe`, which close over the intrinsics
 * as they were before the script ran (a script that replaces JSON.stringify only hurts itself).
 * Everything crossing to the host is a string of bounded length.
 */
const SETUP_SOURCE = String.raw`(function (inputJson, emit, maxLogChars, maxOutputChars) {
  'use strict';
  const stringify = JSON.stringify, parse = JSON.parse, keys = Object.keys, getProto = Object.getPrototypeOf,
    toTag = Object.prototype.toString, isArray = Array.isArray, isFinite = Number.isFinite, PromiseResolve = Promise.resolve.bind(Promise),
    StringOf = String, ErrorClass = Error;
  const data = parse(inputJson);
  for (const name of keys(data)) {
    Object.defineProperty(globalThis, '$' + name, { value: data[name], writable: true, configurable: true });
  }
  const bounded = (text, max) => (text.length > max ? text.slice(0, max) : text);
  const show = (value) => {
    if (typeof value === 'string') return value;
    if (value instanceof ErrorClass) return StringOf(value.stack ? value.name + ': ' + value.message + '\n' + value.stack : value);
    try {
      const json = stringify(value);
      return json === undefined ? StringOf(value) : json;
    } catch (_) {
      return StringOf(value);
    }
  };
  const writer = (stream) => (...args) => { emit(stream, bounded(args.map(show).join(' ') + '\n', maxLogChars)); };
  const console = { log: writer('stdout'), info: writer('stdout'), debug: writer('stdout'), warn: writer('stderr'), error: writer('stderr') };
  Object.defineProperty(globalThis, 'console', { value: Object.freeze(console), writable: true, configurable: true });

  // Why value is not JSON ("a function at .build.run"), or undefined when it is.
  function problemOf(value, path, ancestors) {
    const at = path === '' ? '' : ' at ' + path;
    switch (typeof value) {
      case 'string': case 'boolean': return undefined;
      case 'number': return isFinite(value) ? undefined : StringOf(value) + at;
      case 'undefined': return 'undefined' + at;
      case 'function': return 'a function' + at;
      case 'symbol': return 'a symbol' + at;
      case 'bigint': return 'a bigint' + at + '; convert it with Number() or String()';
    }
    if (value === null) return undefined;
    if (ancestors.includes(value)) return 'a circular reference' + at;
    const inner = ancestors.concat([value]);
    if (isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const problem = problemOf(value[i], path + '[' + i + ']', inner);
        if (problem) return problem;
      }
      return undefined;
    }
    const proto = getProto(value);
    if (proto !== null && getProto(proto) !== null) {
      const kind = toTag.call(value).slice(8, -1);
      const name = kind !== 'Object' ? kind : (proto.constructor && proto.constructor.name) || 'object';
      return 'a ' + name + at + (kind === 'Date' ? '; return date.toISOString() instead' : '');
    }
    for (const key of keys(value)) {
      const item = value[key];
      // Left out as JSON.stringify does, so optional fields may be undefined.
      if (item === undefined) continue;
      const problem = problemOf(item, path + (/^[A-Za-z_$][\w$]*$/.test(key) ? '.' + key : '[' + stringify(key) + ']'), inner);
      if (problem) return problem;
    }
    return undefined;
  }

  // 'D' + JSON text, or 'F' + why the value is not JSON or too big. A script that ends without a
  // value (a declaration, a bare return) outputs null.
  function finish(value) {
    if (value === undefined) return 'Dnull';
    const problem = problemOf(value, '', []);
    if (problem) return 'Fthe script returned ' + problem + ', not JSON';
    const json = stringify(value);
    if (json.length > maxOutputChars) return 'Fthe script returned ' + json.length + ' characters of JSON; the limit is ' + maxOutputChars + ' bytes';
    return 'D' + json;
  }

  // What was thrown, as JSON text {name?, message, stack?}, each part bounded.
  function describe(error) {
    if (error !== null && typeof error === 'object' && typeof error.message === 'string') {
      return stringify({ name: typeof error.name === 'string' ? bounded(error.name, 200) : 'Error', message: bounded(error.message, 2000),
        stack: typeof error.stack === 'string' ? bounded(error.stack, 2000) : '' });
    }
    let text;
    try { text = stringify(error); } catch (_) { text = undefined; }
    return stringify({ message: bounded(text === undefined ? StringOf(error) : text, 2000) });
  }

  return { finish, describe, settle: (value) => PromiseResolve(value) };
})`;

/** The worker's JavaScript source (CommonJS, strict mode). */
export const SCRIPT_WORKER_SOURCE = String.raw`'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const { code, inputJson, limitMs, memoryBytes, stackBytes, maxLogBytes, maxOutputBytes, quickjsPath } = workerData;
const post = (message) => parentPort.postMessage(message);
const SETUP_SOURCE = ${JSON.stringify(SETUP_SOURCE)};
// Prefix of scripts that use a top-level return or await; columns on their first line shift by it.
const ASYNC_PREFIX = '(async function () { ';

let logBytes = 0;
function emit(stream, text) {
  if (logBytes >= maxLogBytes) return;
  logBytes += Buffer.byteLength(text);
  if (logBytes <= maxLogBytes) post({ kind: 'log', stream, text });
  else post({ kind: 'log', stream: 'stderr', text: '[flowsmith] script log cut after ' + maxLogBytes + ' bytes\n' });
}

// Position "script:3:4" in a QuickJS stack (1-based line and column), shifted for the wrapper.
function position(stack, wrapped) {
  const at = /\bscript:(\d+):(\d+)/.exec(stack || '');
  if (!at) return {};
  const line = Number(at[1]);
  const column = Number(at[2]) - (wrapped && line === 1 ? ASYNC_PREFIX.length : 0);
  return { line, column: column > 0 ? column : undefined };
}

function failureOf(described, wrapped) {
  const name = described.name;
  const where = position(described.stack, wrapped);
  if (name === 'InternalError' && described.message === 'interrupted') return { kind: 'fail', reason: 'timeout', message: 'interrupted' };
  if (name === 'InternalError' && described.message === 'out of memory') return { kind: 'fail', reason: 'memory', message: 'out of memory' };
  if ((name === 'InternalError' || name === 'RangeError') && described.message === 'stack overflow') return { kind: 'fail', reason: 'stack', message: 'stack overflow', line: where.line, column: where.column };
  if (name === undefined) return { kind: 'fail', reason: 'thrown', message: described.message };
  return { kind: 'fail', reason: 'thrown', message: described.message, errorName: name, line: where.line, column: where.column };
}

async function main() {
  const { getQuickJS, shouldInterruptAfterDeadline } = require(quickjsPath);
  const QuickJS = await getQuickJS();
  const runtime = QuickJS.newRuntime();
  runtime.setMemoryLimit(memoryBytes);
  runtime.setMaxStackSize(stackBytes);
  runtime.setInterruptHandler(shouldInterruptAfterDeadline(Date.now() + limitMs));
  const vm = runtime.newContext();

  // The only host function the script can reach, through console: strings in, nothing out.
  const emitHandle = vm.newFunction('emit', (streamHandle, textHandle) => {
    if (logBytes >= maxLogBytes || vm.typeof(streamHandle) !== 'string' || vm.typeof(textHandle) !== 'string') return;
    emit(vm.getString(streamHandle) === 'stderr' ? 'stderr' : 'stdout', vm.getString(textHandle));
  });
  const setup = vm.unwrapResult(vm.evalCode(SETUP_SOURCE, 'flowsmith-setup'));
  const args = [vm.newString(inputJson), emitHandle, vm.newNumber(maxLogBytes), vm.newNumber(maxOutputBytes)];
  const helpers = vm.unwrapResult(vm.callFunction(setup, vm.undefined, ...args));
  const finish = vm.getProp(helpers, 'finish');
  const describe = vm.getProp(helpers, 'describe');
  const settle = vm.getProp(helpers, 'settle');

  const describeThrown = (errorHandle, wrapped) => {
    // The script is over: give the report room, in case it failed for want of memory.
    runtime.setMemoryLimit(memoryBytes + 16 * 1024 * 1024);
    const result = vm.callFunction(describe, vm.undefined, errorHandle);
    if (result.error) {
      // describe itself failed: out of memory again, the deadline, or a getter that throws.
      const inner = vm.dump(result.error);
      return failureOf(inner && typeof inner.message === 'string' ? inner : { message: 'a value that cannot be shown' }, wrapped);
    }
    return failureOf(JSON.parse(vm.getString(result.value)), wrapped);
  };

  // A script with a top-level return or await runs as the body of an async function (its value is
  // what it returns); any other script runs as is, and its value is its last expression, as in eval.
  let source = code;
  let wrapped = false;
  const check = vm.evalCode(source, 'script', { compileOnly: true });
  if (check.error) {
    const asBody = ASYNC_PREFIX + code + '\n})()';
    const checkBody = vm.evalCode(asBody, 'script', { compileOnly: true });
    if (checkBody.error) {
      const d = vm.dump(check.error);
      const where = position(d && d.stack, false);
      return post({ kind: 'fail', reason: 'syntax', message: String(d && d.message), errorName: 'SyntaxError', line: where.line, column: where.column });
    }
    source = asBody;
    wrapped = true;
  }

  const evaluated = vm.evalCode(source, 'script');
  if (evaluated.error) return post(describeThrown(evaluated.error, wrapped));
  const promise = vm.callFunction(settle, vm.undefined, evaluated.value);
  if (promise.error) return post(describeThrown(promise.error, wrapped));
  // Nothing in the sandbox waits on the outside (no timers, no I/O): running the job queue dry
  // settles the promise or proves it never will.
  for (;;) {
    const jobs = runtime.executePendingJobs(-1);
    if (jobs.error) {
      const failure = describeThrown(jobs.error, wrapped);
      if (failure.reason === 'timeout' || failure.reason === 'memory') return post(failure);
      continue; // a job that threw rejects its own promise; the script's promise says the rest
    }
    if (jobs.value === 0) break;
  }
  const state = vm.getPromiseState(promise.value);
  if (state.type === 'pending') return post({ kind: 'fail', reason: 'pending', message: 'it awaits a promise that never settles' });
  if (state.type === 'rejected') return post(describeThrown(state.error, wrapped));
  const finished = vm.callFunction(finish, vm.undefined, state.value);
  if (finished.error) return post(describeThrown(finished.error, wrapped));
  const text = vm.getString(finished.value);
  if (text[0] === 'F') return post({ kind: 'fail', reason: 'output', message: text.slice(1) });
  const json = text.slice(1);
  const size = Buffer.byteLength(json);
  if (size > maxOutputBytes) return post({ kind: 'fail', reason: 'output', message: 'the script returned ' + size + ' bytes of JSON; the limit is ' + maxOutputBytes });
  post({ kind: 'done', json });
  // The runtime is not disposed: the worker ends here and takes the whole WebAssembly memory with it.
}

main().catch((error) => {
  // The host's own stack ran out inside QuickJS (deep recursion in native code such as
  // JSON.stringify of a deeply nested value), or QuickJS failed to load.
  const overflow = error instanceof RangeError && /call stack/i.test(String(error.message));
  post(overflow ? { kind: 'fail', reason: 'stack', message: 'stack overflow' } : { kind: 'fail', reason: 'thrown', message: 'the script sandbox failed: ' + String(error && error.message) });
});
`;
