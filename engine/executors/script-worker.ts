/**
 * The source of the worker thread that runs one flow script (script.ts starts it), and the
 * messages it posts back.
 *
 * The source is a string run with `new Worker(source, { eval: true })` rather than a file: the
 * engine is bundled by esbuild into single files (package.json build:engine), where a sibling
 * worker file would not exist, and `fn.toString()` of bundled or test-transformed code may
 * reference helpers the worker lacks. It is plain CommonJS JavaScript: no backticks or dollar-brace
 * inside it (this is a String.raw template).
 *
 * Inside the worker the user's code runs with node:vm in a fresh context whose global object has a
 * null prototype (a plain `{}` would hand the script this realm's Object, and through its
 * constructor, `process`). The bindings enter as JSON text parsed inside that realm, and `console`
 * is built inside it around a closure, so the script only ever holds objects of its own realm: no
 * require, process, import(), fetch, timers or files. The worker runs with an empty environment,
 * so even an escape would find no secrets in process.env.
 */

/** What the worker receives as workerData. */
export interface ScriptWorkerData {
  code: string;
  /** The script's bindings as JSON text: `{ input, vars, steps, run, item, index, error }`. */
  inputJson: string;
  /** vm `timeout` for the synchronous part of the script, in milliseconds. */
  limitMs: number;
  /** Console output forwarded before the log is cut, in bytes. */
  maxLogBytes: number;
  /** Largest output accepted, in bytes of JSON text. */
  maxOutputBytes: number;
}

/** Messages the worker posts: console lines, then exactly one `done` or `fail`. */
export type ScriptWorkerMessage =
  | { kind: 'log'; stream: 'stdout' | 'stderr'; text: string }
  | { kind: 'done'; json: string }
  | {
      kind: 'fail';
      /** thrown: the script threw or rejected; syntax: it does not parse; timeout: vm timeout; output: not JSON or too big. */
      reason: 'thrown' | 'syntax' | 'timeout' | 'output';
      message: string;
      /** The JavaScript error class (`TypeError`), when an Error was thrown. */
      errorName?: string;
      /** 1-based position in the user's code, when known. */
      line?: number;
      column?: number;
    };

/** The worker's JavaScript source (CommonJS, strict mode). */
export const SCRIPT_WORKER_SOURCE = String.raw`'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const vm = require('node:vm');
const { code, inputJson, limitMs, maxLogBytes, maxOutputBytes } = workerData;
const post = (message) => parentPort.postMessage(message);

let logBytes = 0;
// Called from the script's realm with strings only. It must never throw: an Error from this
// realm would give the script this realm's Function constructor.
function emit(stream, text) {
  try {
    if (logBytes >= maxLogBytes) return;
    logBytes += Buffer.byteLength(text);
    if (logBytes <= maxLogBytes) post({ kind: 'log', stream, text });
    else post({ kind: 'log', stream: 'stderr', text: '[flowsmith] script log cut after ' + maxLogBytes + ' bytes\n' });
  } catch (_) {}
}

// Compiled again inside the script's realm (via its source text), so what it creates belongs there.
function realmSetup(inputJson, emit) {
  'use strict';
  const data = JSON.parse(inputJson);
  for (const name of Object.keys(data)) {
    Object.defineProperty(globalThis, '$' + name, { value: data[name], writable: true, configurable: true });
  }
  const show = (value) => {
    if (typeof value === 'string') return value;
    if (value instanceof Error) return String(value.stack || value);
    try {
      const json = JSON.stringify(value);
      return json === undefined ? String(value) : json;
    } catch (_) {
      return String(value);
    }
  };
  const writer = (stream) => (...args) => emit(stream, args.map(show).join(' ') + '\n');
  const console = { log: writer('stdout'), info: writer('stdout'), debug: writer('stdout'), warn: writer('stderr'), error: writer('stderr') };
  Object.defineProperty(globalThis, 'console', { value: Object.freeze(console), writable: true, configurable: true });
}

const context = vm.createContext(Object.create(null), { name: 'flowsmith script' });
vm.runInContext('(' + realmSetup.toString() + ')', context, { filename: 'flowsmith-setup' })(inputJson, emit);

// A script with a top-level return or await runs as the body of an async function (its value is
// what it returns); any other script runs as is, and its value is its last expression, as in eval.
function compile() {
  try {
    return new vm.Script(code, { filename: 'script' });
  } catch (_) {
    return new vm.Script('(async function () {\n' + code + '\n})()', { filename: 'script', lineOffset: -1 });
  }
}

function syntaxFailure(error) {
  const lines = String(error.stack || '').split('\n');
  const at = /^script:(\d+)$/.exec(lines[0] || '');
  const caret = at ? (lines[2] || '').indexOf('^') : -1;
  return { kind: 'fail', reason: 'syntax', message: String(error.message), errorName: 'SyntaxError',
    line: at ? Number(at[1]) : undefined, column: caret >= 0 ? caret + 1 : undefined };
}

// What the script threw (any value; reading it may run the script's getters, which the limits cover).
function thrownFailure(error) {
  if (error instanceof Error && error.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return { kind: 'fail', reason: 'timeout', message: error.message };
  try {
    if (error !== null && typeof error === 'object' && typeof error.message === 'string') {
      const at = /\bscript:(\d+):(\d+)/.exec(typeof error.stack === 'string' ? error.stack : '');
      return { kind: 'fail', reason: 'thrown', message: error.message, errorName: typeof error.name === 'string' ? error.name : 'Error',
        line: at ? Number(at[1]) : undefined, column: at ? Number(at[2]) : undefined };
    }
    return { kind: 'fail', reason: 'thrown', message: JSON.stringify(error) ?? String(error) };
  } catch (_) {
    return { kind: 'fail', reason: 'thrown', message: 'a value that cannot be shown' };
  }
}

// Why value is not JSON ("a function at .build.run"), or undefined when it is.
function problemOf(value, path, ancestors) {
  const at = path === '' ? '' : ' at ' + path;
  switch (typeof value) {
    case 'string': case 'boolean': return undefined;
    case 'number': return Number.isFinite(value) ? undefined : String(value) + at;
    case 'undefined': return 'undefined' + at;
    case 'function': return 'a function' + at;
    case 'symbol': return 'a symbol' + at;
    case 'bigint': return 'a bigint' + at + '; convert it with Number() or String()';
  }
  if (value === null) return undefined;
  if (ancestors.includes(value)) return 'a circular reference' + at;
  const inner = ancestors.concat([value]);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const problem = problemOf(value[i], path + '[' + i + ']', inner);
      if (problem) return problem;
    }
    return undefined;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== null && Object.getPrototypeOf(proto) !== null) {
    const kind = Object.prototype.toString.call(value).slice(8, -1);
    const name = kind !== 'Object' ? kind : (proto.constructor && proto.constructor.name) || 'object';
    return 'a ' + name + at + (kind === 'Date' ? '; return date.toISOString() instead' : '');
  }
  for (const key of Object.keys(value)) {
    const item = value[key];
    // Left out as JSON.stringify does, so optional fields may be undefined.
    if (item === undefined) continue;
    const problem = problemOf(item, path + (/^[A-Za-z_$][\w$]*$/.test(key) ? '.' + key : '[' + JSON.stringify(key) + ']'), inner);
    if (problem) return problem;
  }
  return undefined;
}

// A script that ends without a value (a declaration, a bare return) outputs null.
function resultMessage(value) {
  if (value === undefined) return { kind: 'done', json: 'null' };
  const problem = problemOf(value, '', []);
  if (problem) return { kind: 'fail', reason: 'output', message: 'the script returned ' + problem + ', not JSON' };
  const json = JSON.stringify(value);
  const size = Buffer.byteLength(json);
  if (size > maxOutputBytes) return { kind: 'fail', reason: 'output', message: 'the script returned ' + size + ' bytes of JSON; the limit is ' + maxOutputBytes };
  return { kind: 'done', json };
}

// A rejection nobody awaited is a bug in the script: report it rather than let it kill the worker.
process.on('unhandledRejection', (reason) => post(thrownFailure(reason)));

async function main() {
  let script;
  try {
    script = compile();
  } catch (error) {
    return post(syntaxFailure(error));
  }
  let value;
  try {
    value = await script.runInContext(context, { timeout: limitMs, displayErrors: false });
  } catch (error) {
    return post(thrownFailure(error));
  }
  let message;
  try {
    message = resultMessage(value);
  } catch (error) {
    message = thrownFailure(error);
  }
  post(message);
}
main();
`;
