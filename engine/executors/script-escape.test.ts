/**
 * Known ways out of a JavaScript sandbox, tried against the script isolate (issue #11 items 1, 2).
 * Each must end inside the step: a value that shows no host reached, or a ScriptError/Timeout.
 * The engine (this test process) must come out unchanged: no pollution, no abort.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Json } from '../model/flow.js';
import { StepFailure } from './context.js';
import { liveScriptWorkers, runScript, type ScriptInput } from './script.js';
import { testContext, waitUntil, type TestContext } from './test-helpers.js';

const made: TestContext[] = [];
afterEach(() => made.splice(0).forEach((c) => c.cleanup()));

const input: ScriptInput = {
  input: JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}') as ScriptInput['input'],
  vars: {},
  steps: {},
  run: { id: 'run-1', flow: 'escape' },
  item: null,
  index: null,
  error: null,
};

function run(code: string, options: { memoryMb?: number; limitMs?: number } = {}): Promise<Json> {
  const t = testContext();
  made.push(t);
  return runScript({ code, input, ...options }, t.ctx);
}

/** What the promise ends with: its value, or the failure's name and message. */
async function outcome(promise: Promise<Json>): Promise<Json | { failed: string; message: string }> {
  try {
    return await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(StepFailure);
    return { failed: (error as StepFailure).name, message: (error as StepFailure).message };
  }
}

// Every way to reach a Function constructor, then ask it for the host's globals.
const reachHost = 'return [typeof process, typeof require, typeof module, typeof Buffer, typeof fetch, typeof std, typeof os, typeof WebAssembly].join()';
const hostless = 'undefined,undefined,undefined,undefined,undefined,undefined,undefined,undefined';

describe('script isolate escapes', () => {
  it('finds no host through constructor chains, caught errors, Function or async functions', async () => {
    const chains = [
      `this.constructor.constructor(${JSON.stringify(reachHost)})()`,
      `Function(${JSON.stringify(reachHost)})()`,
      `$vars.constructor.constructor(${JSON.stringify(reachHost)})()`,
      `console.log.constructor(${JSON.stringify(reachHost)})()`,
      `try { null.x } catch (e) { e.constructor.constructor(${JSON.stringify(reachHost)})() }`,
      `try { JSON.parse('{') } catch (e) { e.constructor.constructor(${JSON.stringify(reachHost)})() }`,
      `(async () => {}).constructor(${JSON.stringify(reachHost)})().then((v) => v)`,
      `(function* () {}).constructor(${JSON.stringify(reachHost)})().next().value`,
      `Object.getPrototypeOf(async function () {}).constructor(${JSON.stringify(reachHost)})()`,
      `new Proxy(function () {}, {}).constructor(${JSON.stringify(reachHost)})()`,
      `Reflect.construct(Function, [${JSON.stringify(reachHost)}])()`,
      `eval(${JSON.stringify(reachHost.replace('return ', ''))})`,
      `(0, eval)(${JSON.stringify(reachHost.replace('return ', ''))})`,
    ];
    for (const code of chains) expect(await outcome(run(code)), code).toBe(hostless);
  });

  it('sees only JavaScript built-ins on its global object', async () => {
    const names = (await run('Object.getOwnPropertyNames(globalThis).sort()')) as string[];
    const builtIns = /^(\$\w+|console|Object|Function|Array|Number|parseFloat|parseInt|Infinity|NaN|undefined|Boolean|String|Symbol|Date|Promise|RegExp|Error|\w*Error|JSON|Math|Intl|ArrayBuffer|SharedArrayBuffer|Atomics|\w+Array|DataView|Map|Set|WeakMap|WeakSet|WeakRef|FinalizationRegistry|Proxy|Reflect|BigInt|globalThis|decodeURI|decodeURIComponent|encodeURI|encodeURIComponent|escape|unescape|isFinite|isNaN|eval|AsyncFunction|Iterator|queueMicrotask|performance)$/;
    expect(names.filter((n) => !builtIns.test(n))).toEqual([]);
  });

  it('cannot load modules: import(), node:, std and os all fail inside the step', async () => {
    for (const specifier of ['node:child_process', 'fs', 'std', 'os', '/etc/passwd', 'data:text/javascript,export default 1']) {
      const result = await outcome(run(`const m = await import(${JSON.stringify(specifier)});\nreturn typeof m`));
      expect(result, specifier).toMatchObject({ failed: 'ScriptError', message: expect.stringMatching(/could not load module/) as unknown });
    }
  });

  it('keeps prototype pollution inside the script, and JSON keys like __proto__ are data', async () => {
    const code = 'Object.prototype.polluted = "yes"; Array.prototype.push = null; JSON.parse = null;\n({ own: Object.keys($input), proto: ({}).polluted })';
    expect(await run(code)).toEqual({ own: ['__proto__', 'constructor'], proto: 'yes' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(typeof JSON.parse).toBe('function');
    // and the next script starts clean
    expect(await run('[({}).polluted === undefined, typeof JSON.parse, $input.constructor.prototype.polluted]')).toEqual([true, 'function', true]);
  });

  it('cannot replace what the engine uses to read its result', async () => {
    const cases: [string, Json | RegExp][] = [
      ['JSON.stringify = () => "{\\"forged\\":1}"; ({ real: 1 })', { real: 1 }],
      ['Promise.resolve = () => ({ then() {} }); ({ real: 2 })', { real: 2 }],
      ['Object.defineProperty(Promise.prototype, "then", { get() { throw new Error("trap") } }); 3', 3],
      ['({ toJSON() { return { forged: true } }, real: 4 })', /returned a function at \.toJSON/],
    ];
    for (const [code, expected] of cases) {
      const result = await outcome(run(code));
      if (expected instanceof RegExp) expect(JSON.stringify(result), code).toMatch(expected);
      else expect(result, code).toEqual(expected);
    }
  });

  it('ends loops that catch the interrupt, loops after await, and traps in getters with Timeout', async () => {
    const loops = [
      'for (;;) { try { for (;;) {} } catch (e) {} }',
      'await null;\nfor (;;) { try { for (;;) {} } catch (e) {} }',
      '({ get x() { for (;;) {} } })',
      'Promise.resolve().then(function again() { return Promise.resolve().then(again) }); await new Promise(() => {})',
      'const sab = new SharedArrayBuffer(8); Atomics.wait(new Int32Array(sab), 0, 0)',
    ];
    for (const code of loops) {
      const result = await outcome(run(code, { limitMs: 400 }));
      expect(result, code).toMatchObject({ failed: expect.stringMatching(/^(Timeout|ScriptError)$/) as unknown });
    }
  });

  it('fails the step only on huge allocations, deep recursion and deep values (issue #11 item 2)', async () => {
    const hogs: [string, RegExp][] = [
      ["'x'.repeat(2 ** 27)", /out of memory \(limit 64 MiB\)/],
      ["let s = 'x'; for (;;) s += s", /out of memory|string too long/],
      ['new ArrayBuffer(2 ** 31)', /out of memory|RangeError|invalid array buffer length/],
      ['new Array(2 ** 32 - 1).fill(0)', /out of memory|RangeError|"failed":"Timeout"/],
      ["const keep = []; for (;;) keep.push('y'.repeat(100000) + keep.length)", /out of memory/],
      ['const keep = []; for (;;) keep.push({ a: [1, 2, 3], b: keep.length })', /out of memory|"failed":"Timeout"/],
      ["try { 'x'.repeat(2 ** 27) } catch (e) { 'x'.repeat(2 ** 27) }", /out of memory/],
      ['function f() { return f() + 1 } f()', /stack overflow|nests too deep/],
      ['let a = []; for (let i = 0; i < 200000; i++) a = [a]; JSON.stringify(a).length', /stack overflow|nests too deep/],
      ['let a = []; for (let i = 0; i < 200000; i++) a = [a]; a', /nests too deep|stack overflow/],
      ['JSON.parse("[".repeat(1000000))', /stack overflow|nests too deep|SyntaxError/],
      ["console.log('x'.repeat(2 ** 25)); 1", /^1$/],
    ];
    for (const [code, message] of hogs) {
      // A generous deadline: under load, filling 64 MiB object by object can take seconds.
      const result = await outcome(run(code, { limitMs: 20_000 }));
      expect(JSON.stringify(result), code).toMatch(message);
    }
    expect(await waitUntil(() => liveScriptWorkers() === 0)).toBe(true);
    // The engine is still here and a normal script still runs.
    await expect(run('1 + 1')).resolves.toBe(2);
  }, 240_000);
});
